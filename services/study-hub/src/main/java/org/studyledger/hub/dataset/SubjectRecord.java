package org.studyledger.hub.dataset;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the analysis dataset knows about one subject at a point of its history: the enrolment, the
 * disposition, the current form of every assessment that was not retracted (corrections applied) and
 * every dosing session. ADSL, ADQS and ADEX are recomputed from it as a whole.
 */
public record SubjectRecord(Enrolment enrolment, Disposition disposition, List<Form> forms, List<Dose> doses) {

    public SubjectRecord {
        Objects.requireNonNull(enrolment, "enrolment");
        disposition = disposition == null ? Disposition.NONE : disposition;
        forms = List.copyOf(forms);
        doses = List.copyOf(doses);
    }

    /** From {@code SubjectEnrolled}. */
    public record Enrolment(String studyId, String subjectId, String centerId, LocalDate enrolmentDate,
                            LocalDate consentDate, String protocolVersion, int birthYear, String sex,
                            int episodeDurationMonths, int failedTrials) {
    }

    /** From {@code SubjectDiscontinued} and {@code FollowUpCompleted}; all null while the subject is in the study. */
    public record Disposition(LocalDate discontinuationDate, String discontinuationReason, Boolean consentWithdrawn,
                              LocalDate completionDate) {
        public static final Disposition NONE = new Disposition(null, null, null, null);
    }

    /**
     * One assessment's current form.
     *
     * @param scores   numeric scores by code, as last corrected
     * @param sequence ledger sequence of the event that recorded it
     */
    public record Form(String assessmentId, String instrument, String version, String visit, Integer doseSession,
                       Instant administeredAt, Map<String, BigDecimal> scores, long sequence) {
        public Form {
            scores = Map.copyOf(scores);
        }

        public String instrumentRef() {
            return instrument + "/" + version;
        }
    }

    /**
     * One dosing session, administered ({@code DoseAdministered}) or withheld ({@code DoseWithheld}).
     *
     * @param at    administered_at, or decided_at when withheld
     * @param flags dose flag names, in declaration order (empty when withheld)
     */
    public record Dose(String doseId, int sessionNumber, boolean administered, Instant at, Integer doseMg,
                       Integer devices, Integer bpBeforeSystolic, Integer bpBeforeDiastolic, Integer bpAfterSystolic,
                       Integer bpAfterDiastolic, Integer monitoringMinutes, String overrideReason,
                       String withheldReason, List<String> flags, long sequence) {
        public Dose {
            flags = flags == null ? List.of() : List.copyOf(flags);
        }
    }
}
