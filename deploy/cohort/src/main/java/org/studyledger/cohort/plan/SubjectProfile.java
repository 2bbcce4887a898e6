package org.studyledger.cohort.plan;

import java.time.LocalDate;

/**
 * The generator's latent truth about one synthetic subject (what the data were drawn from, not what a center
 * records). Kept in the plan so statistics and tests can compare what is sent with what was intended.
 *
 * @param subjectId         e.g. {@code PAV-001}
 * @param center            center code
 * @param enrolmentDate     enrolment date
 * @param ageAtEnrolment    enrolment year minus birth year (as the center computes it)
 * @param latentRfqU        latent uncertainty about mental states at baseline (RFQ_u scale 0–3)
 * @param latentRfqC        latent certainty (RFQ_c scale 0–3)
 * @param baselineMadrs     MADRS total at T0
 * @param responderType     whether the subject belongs to the responding class of the mixture
 * @param maxImprovement    plateau of the proportional MADRS reduction (0–0.95)
 * @param tauDays           time constant of the improvement, in days
 * @param firstDoseDate     study day 1
 * @param disposition       how the subject leaves the study
 */
public record SubjectProfile(
        String subjectId,
        String center,
        LocalDate enrolmentDate,
        int ageAtEnrolment,
        double latentRfqU,
        double latentRfqC,
        int baselineMadrs,
        boolean responderType,
        double maxImprovement,
        double tauDays,
        LocalDate firstDoseDate,
        Disposition disposition) {

    /** How a subject leaves the study. */
    public enum Disposition {
        COMPLETED,
        DISCONTINUED,
        CONSENT_WITHDRAWN
    }
}
