package org.studyledger.kernel.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.studyledger.kernel.envelope.SampleEvents;
import org.studyledger.kernel.instrument.InstrumentRef;
import org.studyledger.kernel.instrument.ScoreSet;
import org.studyledger.kernel.instrument.ScoringEngine;
import org.studyledger.kernel.subject.AssessmentId;
import org.studyledger.kernel.subject.event.AssessmentCorrected;
import org.studyledger.kernel.subject.event.StudyEvent;

class EventChecksTest {
    private static final ScoringEngine SCORING = ScoringEngine.standard();
    private static final InstrumentRef MADRS = new InstrumentRef("MADRS", "1");

    @Test
    void onlyTheFirstEventIsAnEnrolment() {
        assertThat(EventChecks.enrolmentPlace(0, "SubjectEnrolled")).isEmpty();
        assertThat(EventChecks.enrolmentPlace(3, "DoseAdministered")).isEmpty();
        assertThat(EventChecks.enrolmentPlace(0, "DoseAdministered")).map(Finding::failure)
                .contains(VerificationFailure.FIRST_NOT_ENROLMENT);
        assertThat(EventChecks.enrolmentPlace(2, "SubjectEnrolled")).map(Finding::failure)
                .contains(VerificationFailure.ENROLMENT_NOT_FIRST);
    }

    @Test
    void theSampleHistoryRescoresCleanly() {
        KnownAssessments known = new KnownAssessments();
        for (StudyEvent event : SampleEvents.events()) {
            assertThat(known.checkScoresAndLearn(event, SCORING)).as(event.toString()).isEmpty();
        }
    }

    @Test
    void statedScoresThatTheItemsDoNotGiveAreAMismatch() {
        SortedMap<String, Integer> items = items(4, 4, 3, 4, 2, 4, 3, 4, 3, 2);
        assertThat(EventChecks.scores(SCORING, MADRS, items, madrs(33, "moderate"))).isEmpty();
        assertThat(EventChecks.scores(SCORING, MADRS, items, madrs(34, "moderate"))).map(Finding::failure)
                .contains(VerificationFailure.SCORES_MISMATCH);
        SortedMap<String, Integer> missing = new TreeMap<>(items);
        missing.remove("MADRS_01");
        assertThat(EventChecks.scores(SCORING, MADRS, missing, madrs(33, "moderate"))).map(Finding::failure)
                .contains(VerificationFailure.ITEMS_INVALID);
    }

    @Test
    void aCorrectionOfAnUnknownAssessmentIsNamedAsSuch() {
        AssessmentCorrected correction = new AssessmentCorrected(AssessmentId.of("3f1c2a4e-6b7d-4e8f-9a0b-1c2d3e4f5a6b"),
                items(5, 4, 3, 4, 2, 4, 3, 4, 3, 2), madrs(34, "moderate"), "typo");
        assertThat(EventChecks.scores(correction, id -> Optional.empty(), SCORING)).map(Finding::failure)
                .contains(VerificationFailure.UNKNOWN_ASSESSMENT);
        assertThat(EventChecks.scores(correction, id -> Optional.of(MADRS), SCORING)).isEmpty();
    }

    private static SortedMap<String, Integer> items(int... values) {
        SortedMap<String, Integer> items = new TreeMap<>();
        for (int i = 0; i < values.length; i++) {
            items.put("MADRS_%02d".formatted(i + 1), values[i]);
        }
        return items;
    }

    private static ScoreSet madrs(int total, String severity) {
        return new ScoreSet(new TreeMap<>(Map.of("MADRS_TOTAL", BigDecimal.valueOf(total))),
                new TreeMap<>(Map.of("MADRS_SEVERITY", severity)));
    }
}
