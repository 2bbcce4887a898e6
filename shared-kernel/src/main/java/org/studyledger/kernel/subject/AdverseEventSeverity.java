package org.studyledger.kernel.subject;

/** Intensity of an adverse event (CDISC AESEV). */
public enum AdverseEventSeverity {
    MILD, MODERATE, SEVERE
}
