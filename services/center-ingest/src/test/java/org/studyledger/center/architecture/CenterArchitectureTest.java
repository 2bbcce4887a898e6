package org.studyledger.center.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.RestController;

/** The center's capabilities stay apart: the aggregate knows nothing of how data arrives or leaves. */
class CenterArchitectureTest {
    private static final JavaClasses CENTER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.studyledger.center");

    @Test
    void theAggregateDependsOnNeitherIntakeNorPublication() {
        noClasses().that().resideInAPackage("org.studyledger.center.subject..")
                .should().dependOnClassesThat().resideInAnyPackage("org.studyledger.center.intake..",
                        "org.studyledger.center.publication..", "org.springframework.web..", "org.apache.kafka..")
                .check(CENTER);
    }

    @Test
    void theAggregateSignsWithoutKnowingWhereKeysAreKept() {
        noClasses().that().resideInAPackage("org.studyledger.center.subject..")
                .should().dependOnClassesThat().resideInAPackage("org.studyledger.center.signing..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("org.studyledger.kernel.signing.KeyFiles")
                .check(CENTER);
    }

    @Test
    void publicationDoesNotReachIntoIntake() {
        noClasses().that().resideInAPackage("org.studyledger.center.publication..")
                .should().dependOnClassesThat().resideInAPackage("org.studyledger.center.intake..")
                .check(CENTER);
    }

    @Test
    void intakeTalksToTheAggregateOnlyThroughCommands() {
        noClasses().that().resideInAPackage("org.studyledger.center.intake..")
                .should().dependOnClassesThat().haveSimpleName("Subject")
                .check(CENTER);
    }

    @Test
    void itsPackagesAreFreeOfCycles() {
        slices().matching("org.studyledger.center.(*)..").should().beFreeOfCycles().check(CENTER);
    }

    @Test
    void everyEventHandlerBelongsToANamedProcessingGroup() {
        methods().that().areAnnotatedWith(EventHandler.class)
                .should().beDeclaredInClassesThat().areAnnotatedWith(ProcessingGroup.class)
                .allowEmptyShould(false)
                .check(CENTER);
    }

    @Test
    void everyPackageSaysWhatItIsFor() {
        var packages = CENTER.getPackage("org.studyledger.center").getSubpackagesInTree();
        org.assertj.core.api.Assertions.assertThat(packages).hasSizeGreaterThanOrEqualTo(5);
        packages.forEach(p -> {
            if (!p.getClasses().isEmpty()) {
                org.assertj.core.api.Assertions.assertThat(p.tryGetPackageInfo()).as("package-info of " + p.getName())
                        .isPresent();
            }
        });
    }

    @Test
    void controllersRunNoSql() {
        // SQL lives in the read repositories next to each controller, so a query has one home and can be tested alone
        noClasses().that().areAnnotatedWith(RestController.class).or().areAnnotatedWith(Controller.class)
                .should().dependOnClassesThat().belongToAnyOf(JdbcTemplate.class, NamedParameterJdbcTemplate.class,
                        JdbcClient.class)
                .orShould().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..")
                .check(CENTER);
    }

    @Test
    void everyConfigurationPropertiesClassIsValidated() {
        // a bad value must stop start-up naming the property, not surface later as a wrong behaviour
        classes().that().areAnnotatedWith(ConfigurationProperties.class).should().beAnnotatedWith(Validated.class)
                .check(CENTER);
    }
}
