package org.studyledger.kernel.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/** The kernel is the published language: plain Java that any service (or none) can depend on. */
class KernelArchitectureTest {
    private static final JavaClasses KERNEL = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.studyledger.kernel");

    @Test
    void importsNothingFromSpringKafkaOrJdbc() {
        ArchRule rule = noClasses().should().dependOnClassesThat().resideInAnyPackage(
                "org.springframework..", "org.apache.kafka..", "java.sql..", "javax.sql..", "jakarta.persistence..",
                "javax.persistence..", "org.hibernate..", "org.postgresql..");
        rule.check(KERNEL);
    }

    @Test
    void usesAxonOnlyForItsTwoAnnotations() {
        ArchRule rule = noClasses().should().dependOnClassesThat(
                com.tngtech.archunit.base.DescribedPredicate.describe("Axon types other than @Revision and @TargetAggregateIdentifier",
                        c -> c.getPackageName().startsWith("org.axonframework")
                                && !c.getName().equals("org.axonframework.serialization.Revision")
                                && !c.getName().equals("org.axonframework.modelling.command.TargetAggregateIdentifier")));
        rule.check(KERNEL);
    }

    @Test
    void itsPackagesAreFreeOfCycles() {
        // Package by package: the command records name the envelope's Actor, and the envelope names the subject's ids and events.
        slices().matching("org.studyledger.kernel.(**)").should().beFreeOfCycles().check(KERNEL);
    }

    @Test
    void theKernelWasActuallyImported() {
        // An empty import would make the rules above pass vacuously.
        org.assertj.core.api.Assertions.assertThat(KERNEL.size()).isGreaterThan(20);
    }
}
