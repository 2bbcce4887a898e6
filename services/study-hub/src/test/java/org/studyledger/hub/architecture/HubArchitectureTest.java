package org.studyledger.hub.architecture;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The hub's packages depend on each other one way only. */
class HubArchitectureTest {
    private static final JavaClasses HUB = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.studyledger.hub");

    @Test
    void itsPackagesAreFreeOfCycles() {
        assertThat(HUB.size()).isGreaterThan(50);
        slices().matching("org.studyledger.hub.(*)..").should().beFreeOfCycles().check(HUB);
    }
}
