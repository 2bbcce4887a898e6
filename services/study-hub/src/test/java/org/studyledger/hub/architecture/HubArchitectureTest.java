package org.studyledger.hub.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;


import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.RestController;

/** The hub's packages depend on each other one way only, and each says what it is for under a name that says it. */
class HubArchitectureTest {
    private static final JavaClasses HUB = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.studyledger.hub");

    @Test
    void itsPackagesAreFreeOfCycles() {
        assertThat(HUB.size()).isGreaterThan(50);
        slices().matching("org.studyledger.hub.(*)..").should().beFreeOfCycles().check(HUB);
    }

    @Test
    void everyPackageSaysWhatItIsFor() {
        Set<String> packages = HUB.stream().map(JavaClass::getPackageName)
                .collect(Collectors.toCollection(TreeSet::new));
        for (String p : packages) {
            assertThat(HUB.getPackage(p).tryGetPackageInfo()).as("package-info of " + p).isPresent();
        }
    }

    @Test
    void packageNamesSayWhatTheyHold() {
        // the old names misled: "snapshot" (not Axon snapshots), "cohort" (not the cohort generator), "verification"
        // (not the incoming-event checks, which are the ledger's), "projection" (helpers, not a projection)
        Set<String> packages = HUB.stream().map(JavaClass::getPackageName).collect(Collectors.toSet());
        assertThat(packages).contains("org.studyledger.hub.asof", "org.studyledger.hub.cohortsummary",
                        "org.studyledger.hub.auditcheck", "org.studyledger.hub.projectionsupport")
                .doesNotContain("org.studyledger.hub.snapshot", "org.studyledger.hub.cohort",
                        "org.studyledger.hub.verification", "org.studyledger.hub.projection");
    }

    @Test
    void controllersRunNoSql() {
        // SQL lives in the read repositories next to each controller, so a query has one home and can be tested alone
        noClasses().that().areAnnotatedWith(RestController.class).or().areAnnotatedWith(Controller.class)
                .should().dependOnClassesThat().belongToAnyOf(JdbcTemplate.class, NamedParameterJdbcTemplate.class,
                        JdbcClient.class)
                .orShould().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..")
                .check(HUB);
    }

    @Test
    void everyConfigurationPropertiesClassIsValidated() {
        // a bad value must stop start-up naming the property, not surface later as a wrong behaviour
        classes().that().areAnnotatedWith(ConfigurationProperties.class).should().beAnnotatedWith(Validated.class)
                .check(HUB);
    }
}
