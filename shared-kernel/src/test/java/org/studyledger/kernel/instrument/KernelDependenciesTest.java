package org.studyledger.kernel.instrument;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Scoring and the protocol are recomputed wherever events are verified (centers, hub, other
 * languages' ports), so they stay plain: the JDK, Jackson for reading their files, and the kernel.
 */
class KernelDependenciesTest {
    private final JavaClasses kernel = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.studyledger.kernel.instrument", "org.studyledger.kernel.protocol");

    @Test
    void instrumentAndProtocolDependOnlyOnTheJdkJacksonAndTheKernel() {
        classes().that().resideInAnyPackage("org.studyledger.kernel.instrument..", "org.studyledger.kernel.protocol..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(
                        "java..", "com.fasterxml.jackson..", "org.studyledger.kernel..")
                .check(kernel);
    }

    @Test
    void instrumentsDoNotDependOnTheProtocol() {
        classes().that().resideInAPackage("org.studyledger.kernel.instrument..")
                .should().onlyDependOnClassesThat().resideOutsideOfPackage("org.studyledger.kernel.protocol..")
                .check(kernel);
    }
}
