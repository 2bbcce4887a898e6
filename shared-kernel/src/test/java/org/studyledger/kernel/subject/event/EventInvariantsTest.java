package org.studyledger.kernel.subject.event;

import org.studyledger.kernel.subject.*;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.studyledger.kernel.instrument.InstrumentRef;
import org.studyledger.kernel.instrument.ScoreSet;

/** Events that would be meaningless cannot be constructed, whoever builds them. */
class EventInvariantsTest {

    @Test
    void consentCannotFollowEnrolment() {
        assertThatThrownBy(() -> new SubjectEnrolled(LocalDate.of(2026, 1, 5), LocalDate.of(2026, 1, 6), "2.1", "ESK-TRD/1",
                1970, Sex.M, 10, 2)).hasMessage("consent_date must be on or before enrolment_date");
    }

    @Test
    void aCorrectionWithoutAReasonIsNotACorrection() {
        assertThatThrownBy(() -> new AssessmentCorrected(AssessmentId.random(), new TreeMap<>(java.util.Map.of("MADRS_01", 1)),
                ScoreSet.empty(), "  ")).hasMessage("reason is required");
    }

    @Test
    void anAssessmentBelongsToAVisitOrADoseSessionNotBoth() {
        assertThatThrownBy(() -> new AssessmentRecorded(AssessmentId.random(), new InstrumentRef("CADSS", "1"), "W1", 3,
                Instant.now(), "r", new TreeMap<>(java.util.Map.of("CADSS_01", 0)), ScoreSet.empty(), 8, false))
                .hasMessage("exactly one of visit and dose_session is required");
    }

    @Test
    void thereIsNoStudyDayZero() {
        assertThatThrownBy(() -> new AssessmentRecorded(AssessmentId.random(), new InstrumentRef("MADRS", "1"), "T0", null,
                Instant.now(), "r", new TreeMap<>(java.util.Map.of("MADRS_01", 0)), ScoreSet.empty(), 0, false))
                .hasMessage("study_day is never 0");
    }

    @Test
    void doseFlagsAreKeptOnceInDeclarationOrder() {
        DoseAdministered dose = new DoseAdministered(DoseId.random(), 1, Instant.now(), 56, 2, new BloodPressure(150, 95),
                new BloodPressure(150, 95), 90, "benefit outweighs risk",
                List.of(DoseFlag.MONITORING_SHORT, DoseFlag.PRE_DOSE_BP_ABOVE_THRESHOLD, DoseFlag.MONITORING_SHORT));
        assertThat(dose.flags()).containsExactly(DoseFlag.PRE_DOSE_BP_ABOVE_THRESHOLD, DoseFlag.MONITORING_SHORT);
        assertThat(dose.has(DoseFlag.NOTABLE_BP_RISE)).isFalse();
    }

    @Test
    void bloodPressureMustBePlausible() {
        assertThatThrownBy(() -> new BloodPressure(80, 120)).hasMessage("diastolic must be below systolic");
        assertThatThrownBy(() -> new BloodPressure(400, 80)).hasMessage("systolic must be 50–300 mmHg");
    }

    @Test
    void aWithheldDoseNeedsAReason() {
        assertThatThrownBy(() -> new DoseWithheld(DoseId.random(), 2, Instant.now(), "", null)).hasMessage("reason is required");
    }
}
