package org.studyledger.kernel.subject;

/** The investigator's judgement of causality between the treatment and an adverse event. */
public enum Relatedness {
    NOT_RELATED, UNLIKELY, POSSIBLE, PROBABLE, DEFINITE
}
