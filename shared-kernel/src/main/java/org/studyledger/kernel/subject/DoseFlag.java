package org.studyledger.kernel.subject;

/** Noteworthy circumstances of a dosing session, recorded rather than refused. */
public enum DoseFlag {
    /** Pre-dose BP was above the protocol threshold; the dose was given with an override reason. */
    PRE_DOSE_BP_ABOVE_THRESHOLD,
    /** Post-dose BP rose by at least the protocol's notable rise (systolic or diastolic). */
    NOTABLE_BP_RISE,
    /** Post-dose monitoring was shorter than the protocol minimum. */
    MONITORING_SHORT
}
