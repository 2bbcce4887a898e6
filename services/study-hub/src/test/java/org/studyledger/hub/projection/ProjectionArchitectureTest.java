package org.studyledger.hub.projection;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.junit.jupiter.api.Test;
import org.studyledger.hub.audit.AuditTrailProjection;
import org.studyledger.hub.dataset.AnalysisDatasetProjection;
import org.studyledger.hub.summary.SubjectSummaryProjection;
import org.studyledger.hub.timeline.TimelineProjection;
import org.studyledger.kernel.subject.event.StudyEvent;
import org.studyledger.hub.rebuild.ProjectionRebuild;

/** The projections' shape: named processing groups, each resettable, reading the ledger only through events. */
class ProjectionArchitectureTest {
    private static final JavaClasses HUB = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.studyledger.hub");
    private static final List<String> PACKAGES = List.of("timeline", "summary", "dataset", "audit", "rebuild", "projectionsupport",
            "api");

    @Test
    void everyEventHandlerIsInANamedProcessingGroupThatTheRebuildKnows() {
        methods().that().areAnnotatedWith(EventHandler.class)
                .should().beDeclaredInClassesThat().areAnnotatedWith(ProcessingGroup.class)
                .allowEmptyShould(false)
                .check(HUB);
        Set<String> groups = new TreeSet<>();
        for (JavaClass c : HUB) {
            if (c.getMethods().stream().anyMatch(m -> m.isAnnotatedWith(EventHandler.class))) {
                groups.add(c.getAnnotationOfType(ProcessingGroup.class).value());
                assertThat(c.getMethods().stream().anyMatch(m -> m.isAnnotatedWith(ResetHandler.class)))
                        .as("%s has a @ResetHandler that clears its tables", c.getName()).isTrue();
            }
        }
        assertThat(groups).containsExactlyInAnyOrderElementsOf(ProjectionRebuild.PROJECTIONS);
    }

    @Test
    void projectionsKnowNothingOfTheLedgersIntakeOrQuarantine() {
        noClasses().that().resideInAnyPackage(PACKAGES.stream().map(p -> "org.studyledger.hub." + p + "..").toArray(String[]::new))
                .should().dependOnClassesThat().resideInAnyPackage("org.studyledger.hub.ledger..",
                        "org.studyledger.hub.quarantine..", "org.apache.kafka..")
                .check(HUB);
    }

    @Test
    void projectionsAreIndependentOfEachOther() {
        // the summary reuses the dataset's pure derivations; only the rebuild knows every projection
        noClasses().that().resideInAnyPackage("org.studyledger.hub.timeline..", "org.studyledger.hub.dataset..",
                        "org.studyledger.hub.audit..")
                .should().dependOnClassesThat().resideInAnyPackage("org.studyledger.hub.summary..",
                        "org.studyledger.hub.rebuild..")
                .check(HUB);
        noClasses().that().resideInAnyPackage("org.studyledger.hub.timeline..", "org.studyledger.hub.audit..")
                .should().dependOnClassesThat().resideInAnyPackage("org.studyledger.hub.dataset..")
                .check(HUB);
    }

    @Test
    void everyPackageSaysWhatItIsFor() {
        for (String p : PACKAGES) {
            assertThat(HUB.getPackage("org.studyledger.hub." + p).tryGetPackageInfo())
                    .as("package-info of org.studyledger.hub." + p).isPresent();
        }
    }

    @Test
    void everyProjectionHasOneHandlerPerEventTypeAndNoneForStudyEventAsAWhole() {
        List<Class<?>> events = java.util.Arrays.asList((Class<?>[]) StudyEvent.class.getPermittedSubclasses());
        // Soft: a new event type names every projection that lacks its handler, not only the first.
        org.assertj.core.api.SoftAssertions softly = new org.assertj.core.api.SoftAssertions();
        for (Class<?> projection : List.of(TimelineProjection.class, SubjectSummaryProjection.class,
                AnalysisDatasetProjection.class, AuditTrailProjection.class)) {
            List<Class<?>> handled = new java.util.ArrayList<>();
            for (java.lang.reflect.Method m : projection.getDeclaredMethods()) {
                if (m.isAnnotationPresent(EventHandler.class)) {
                    handled.add(m.getParameterTypes()[0]);
                }
            }
            softly.assertThat(handled).as("%s handles each event type once", projection.getSimpleName())
                    .containsExactlyInAnyOrderElementsOf(events);
        }
        softly.assertAll();
    }
}
