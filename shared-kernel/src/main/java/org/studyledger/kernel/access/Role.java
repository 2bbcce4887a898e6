package org.studyledger.kernel.access;

import java.util.Arrays;
import java.util.Optional;

/**
 * A role in the study, by the name it carries in an access token's roles claim and in an event's {@code actor.role}.
 * Center roles belong to the staff of one center (their tokens name it); study roles act at the hub, for the whole
 * study. A data manager exists at both levels: a center's, who cleans the center's data, and the study's, who
 * reviews what the hub could not accept.
 */
public enum Role {
    /** Administers and records psychometric assessments. */
    RATER("rater", Scope.CENTER),
    /** Gives (or withholds) the dosing sessions. */
    STUDY_NURSE("study-nurse", Scope.CENTER),
    /** Enrols subjects, reports adverse events, records their disposition. */
    INVESTIGATOR("investigator", Scope.CENTER),
    /** Corrects and retracts forms, imports files; at the hub, dismisses quarantined messages. */
    DATA_MANAGER("data-manager", Scope.BOTH),
    /** Runs a center's service: its signing keys. */
    CENTER_ADMIN("center-admin", Scope.CENTER),
    /** Reads the analysis datasets, exports, timelines and the cohort summary. */
    ANALYST("analyst", Scope.STUDY),
    /** Reads the audit trail, the ledger, its verification and the access log. */
    AUDITOR("auditor", Scope.STUDY),
    /** Runs the hub: rebuilds, replay proofs, the quarantine, the registered keys. */
    HUB_ADMIN("hub-admin", Scope.STUDY);

    /** Where a role acts. */
    public enum Scope { CENTER, STUDY, BOTH }

    private final String value;
    private final Scope scope;

    Role(String value, Scope scope) {
        this.value = value;
        this.scope = scope;
    }

    /** The name in tokens and events, e.g. {@code study-nurse}. */
    public String value() {
        return value;
    }

    public boolean atCenter() {
        return scope != Scope.STUDY;
    }

    public boolean atHub() {
        return scope != Scope.CENTER;
    }

    public static Optional<Role> of(String value) {
        return Arrays.stream(values()).filter(r -> r.value.equals(value)).findFirst();
    }

    @Override
    public String toString() {
        return value;
    }
}
