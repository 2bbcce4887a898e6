package org.studyledger.hub.console;

import org.springframework.http.HttpMethod;

/**
 * What a console page or panel shows or does, by the API endpoint that answers the same: a person may see it iff
 * the hub's rule table lets their role call that endpoint, so the console has no rules of its own.
 */
public enum Shown {
    SUBJECTS(HttpMethod.GET, "/api/v1/subjects", "the subject list"),
    SUBJECT_SUMMARY(HttpMethod.GET, "/api/v1/subjects/{id}", "a subject's summary"),
    TIMELINE(HttpMethod.GET, "/api/v1/subjects/{id}/timeline", "a subject's timeline"),
    COHORT(HttpMethod.GET, "/api/v1/cohort/summary", "the cohort summary"),
    DATASETS(HttpMethod.GET, "/api/v1/datasets/{name}", "the analysis datasets"),
    LEDGER_STATUS(HttpMethod.GET, "/api/v1/ledger/status", "the ledger's status"),
    PROJECTIONS(HttpMethod.GET, "/api/v1/admin/projections", "the projections' status"),
    AUDIT_TRAIL(HttpMethod.GET, "/api/v1/audit-trail", "the audit trail"),
    VERIFICATION(HttpMethod.GET, "/api/v1/audit/verify", "the ledger's verification"),
    LEDGER_EXPORT(HttpMethod.GET, "/api/v1/ledger/export", "the ledger export"),
    QUARANTINE(HttpMethod.GET, "/api/v1/quarantine", "the quarantine"),
    DISMISS(HttpMethod.POST, "/api/v1/quarantine/{id}/dismiss", "dismissing a quarantined message"),
    REPROCESS(HttpMethod.POST, "/api/v1/quarantine/reprocess", "re-processing the quarantine");

    private final HttpMethod method;
    private final String path;
    private final String what;

    Shown(HttpMethod method, String path, String what) {
        this.method = method;
        this.path = path;
        this.what = what;
    }

    public HttpMethod method() {
        return method;
    }

    /** The endpoint's path pattern, as the rule table names it. */
    public String path() {
        return path;
    }

    /** A path of the pattern, for matching it against the rule table: its variables filled with a placeholder. */
    String examplePath() {
        return path.replace("{id}", "1").replace("{name}", "adsl");
    }

    public String what() {
        return what;
    }
}
