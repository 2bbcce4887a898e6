package org.studyledger.benchmark.architecture;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The export benchmark's packages depend on each other one way only. */
class BenchmarkArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.studyledger.benchmark");

    @Test
    void itsPackagesAreFreeOfCycles() {
        // An empty import would make the rule pass vacuously.
        assertThat(CLASSES.size()).isGreaterThan(5);
        slices().matching("org.studyledger.benchmark.(*)..").should().beFreeOfCycles().check(CLASSES);
    }
}
