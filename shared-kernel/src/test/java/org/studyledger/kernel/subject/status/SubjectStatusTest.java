package org.studyledger.kernel.subject.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.studyledger.kernel.subject.status.SubjectStatus.COMPLETED;
import static org.studyledger.kernel.subject.status.SubjectStatus.CONSENT_WITHDRAWN;
import static org.studyledger.kernel.subject.status.SubjectStatus.DISCONTINUED;
import static org.studyledger.kernel.subject.status.SubjectStatus.ENROLLED;
import static org.studyledger.kernel.subject.status.SubjectStatus.ON_TREATMENT;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.studyledger.kernel.envelope.SampleEvents;
import org.studyledger.kernel.subject.BloodPressure;
import org.studyledger.kernel.subject.DoseId;
import org.studyledger.kernel.subject.Sex;
import org.studyledger.kernel.subject.event.DoseAdministered;
import org.studyledger.kernel.subject.event.DoseWithheld;
import org.studyledger.kernel.subject.event.StudyEvent;
import org.studyledger.kernel.subject.event.SubjectDiscontinued;
import org.studyledger.kernel.subject.event.SubjectEnrolled;

class SubjectStatusTest {
    private static final SubjectEnrolled ENROLMENT =
            new SubjectEnrolled(LocalDate.of(2026, 1, 5), LocalDate.of(2026, 1, 5), "2.1", "ESK-TRD/1", 1971, Sex.F, 14, 3);
    private static final DoseAdministered DOSE = new DoseAdministered(DoseId.of("c0ffee00-1234-4abc-8def-000000000001"), 1,
            Instant.parse("2026-01-12T10:00:00Z"), 56, 2, new BloodPressure(128, 82), new BloodPressure(130, 84), 120, null,
            List.of());
    private static final DoseWithheld WITHHELD = new DoseWithheld(DoseId.of("c0ffee00-1234-4abc-8def-000000000002"), 1,
            Instant.parse("2026-01-12T10:00:00Z"), "Pre-dose BP too high", new BloodPressure(152, 96));

    @Test
    void enrolmentStartsTheStatusAndOnlyAnAdministeredDoseStartsTreatment() {
        assertThat(SubjectStatus.of(List.of())).isNull();
        assertThat(SubjectStatus.of(List.of(ENROLMENT))).isEqualTo(ENROLLED);
        assertThat(SubjectStatus.of(List.of(ENROLMENT, WITHHELD))).isEqualTo(ENROLLED);
        assertThat(SubjectStatus.of(List.of(ENROLMENT, WITHHELD, DOSE))).isEqualTo(ON_TREATMENT);
    }

    @Test
    void theSampleHistoriesEndCompletedAndDiscontinued() {
        assertThat(SubjectStatus.of(SampleEvents.history())).isEqualTo(COMPLETED);
        assertThat(SubjectStatus.of(SampleEvents.secondHistory())).isEqualTo(DISCONTINUED);
    }

    @Test
    void aWithdrawalOfConsentAfterADiscontinuationIsRecordedAsSuch() {
        List<StudyEvent> history = new ArrayList<>(List.of(ENROLMENT, DOSE,
                new SubjectDiscontinued(LocalDate.of(2026, 2, 1), "Moved abroad", false)));
        assertThat(SubjectStatus.of(history)).isEqualTo(DISCONTINUED);
        history.add(new SubjectDiscontinued(LocalDate.of(2026, 2, 10), "Withdrew consent", true));
        assertThat(SubjectStatus.of(history)).isEqualTo(CONSENT_WITHDRAWN);
    }

    @Test
    void aDoseLeavesEveryStatusButEnrolledAlone() {
        for (SubjectStatus status : SubjectStatus.values()) {
            assertThat(status.then(DOSE)).isEqualTo(status == ENROLLED ? ON_TREATMENT : status);
        }
    }

    @Test
    void theDispositionOfAWithdrawalIsADiscontinuation() {
        assertThat(CONSENT_WITHDRAWN.disposition()).isEqualTo(DISCONTINUED);
        assertThat(SubjectStatus.dispositions()).containsExactly(ENROLLED, ON_TREATMENT, DISCONTINUED, COMPLETED);
    }
}
