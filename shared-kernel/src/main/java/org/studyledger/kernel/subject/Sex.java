package org.studyledger.kernel.subject;

/** Sex as recorded at enrolment, coded as in the CDISC SEX codelist. */
public enum Sex {
    F, M, U
}
