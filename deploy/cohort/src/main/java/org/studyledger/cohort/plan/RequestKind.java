package org.studyledger.cohort.plan;

/** What a planned request records at the center. */
public enum RequestKind {
    ENROLMENT,
    ASSESSMENT,
    CORRECTION,
    RETRACTION,
    DOSE,
    WITHHELD_DOSE,
    ADVERSE_EVENT,
    DISCONTINUATION,
    FOLLOW_UP_COMPLETION,
    /** A CSV file for {@code POST /api/v1/imports?kind=…}; one event per row. */
    CSV_IMPORT
}
