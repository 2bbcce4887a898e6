package org.studyledger.center.subject;

/** Where a subject stands in the study, as far as what may still be recorded. */
public enum SubjectStatus {
    ENROLLED, ON_TREATMENT, DISCONTINUED, CONSENT_WITHDRAWN, COMPLETED
}
