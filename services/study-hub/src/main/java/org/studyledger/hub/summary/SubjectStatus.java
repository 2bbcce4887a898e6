package org.studyledger.hub.summary;

/** Where a subject stands: enrolled, on treatment (at least one dose administered), discontinued or completed. */
public enum SubjectStatus {
    ENROLLED, ON_TREATMENT, DISCONTINUED, COMPLETED
}
