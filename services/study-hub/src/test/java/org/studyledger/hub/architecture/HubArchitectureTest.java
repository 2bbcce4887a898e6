package org.studyledger.hub.architecture;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The hub's packages depend on each other one way only. */
class HubArchitectureTest {
    private static final JavaClasses HUB = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.studyledger.hub");

    /**
     * The packages being reshaped now (the analysis dataset and its exports; snapshots and rebuilds) still form cycles:
     * dataset ↔ export.datasetjson, and dataset → snapshot → rebuild → dataset. Their dependencies are set aside here
     * until that work removes them; every other package of the hub is held to the rule.
     */
    private static final DescribedPredicate<JavaClass> KNOWN_CYCLES = DescribedPredicate.describe(
            "in dataset, export, snapshot or rebuild (known cycles)",
            c -> c.getPackageName().matches("org\\.studyledger\\.hub\\.(dataset|export|snapshot|rebuild)(\\..*)?"));

    @Test
    void itsPackagesAreFreeOfCyclesButTheKnownOnes() {
        assertThat(HUB.size()).isGreaterThan(50);
        slices().matching("org.studyledger.hub.(*)..").should().beFreeOfCycles()
                .ignoreDependency(KNOWN_CYCLES, DescribedPredicate.alwaysTrue())
                .check(HUB);
    }
}
