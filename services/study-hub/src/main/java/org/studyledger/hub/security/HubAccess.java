package org.studyledger.hub.security;

import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;
import static org.studyledger.kernel.access.Role.ANALYST;
import static org.studyledger.kernel.access.Role.AUDITOR;
import static org.studyledger.kernel.access.Role.DATA_MANAGER;
import static org.studyledger.kernel.access.Role.HUB_ADMIN;

import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.studyledger.support.security.AccessRule;
import org.studyledger.support.security.AccessRules;

/**
 * The hub's rule table: every endpoint and the study roles that may call it, the first one a caller holds being the
 * role they act in; reads of study data are written to the access log. Analysts read the clinical data without staff
 * ids; auditors read who did what. The study's data manager (a token without a center) reviews the quarantine and
 * dismisses what will never verify, as the hub admin may.
 */
@Configuration(proxyBeanMethods = false)
public class HubAccess {
    /** The query parameter that asks for the ODM export without audit records. */
    public static final String AUDIT_RECORDS = "audit_records";

    public static final List<AccessRule> RULES = List.of(
            AccessRule.allow(GET, "/api/v1/subjects", "list the subject summaries", ANALYST).andLogged(),
            AccessRule.allow(GET, "/api/v1/subjects/{id}", "read a subject's summary", ANALYST).andLogged(),
            AccessRule.allow(GET, "/api/v1/subjects/{id}/timeline", "read a subject's timeline", ANALYST, AUDITOR).andLogged(),
            AccessRule.allow(GET, "/api/v1/datasets/dictionary", "read the data dictionary", ANALYST, AUDITOR),
            AccessRule.allow(GET, "/api/v1/datasets/{name}/dictionary", "read a dataset's dictionary", ANALYST, AUDITOR),
            AccessRule.allow(GET, "/api/v1/datasets/{name}", "read an analysis dataset", ANALYST).andLogged(),
            AccessRule.allow(GET, "/api/v1/cohort/summary", "read the cohort summary", ANALYST).andLogged(),
            AccessRule.allow(GET, "/api/v1/exports/odm", "export the clinical data as ODM without audit records",
                    ANALYST, AUDITOR).where(AUDIT_RECORDS, "false").andLogged(),
            AccessRule.allow(GET, "/api/v1/exports/odm", "export the ledger as ODM with its audit records", AUDITOR).andLogged(),
            AccessRule.allow(GET, "/api/v1/audit-trail", "read the audit trail", AUDITOR).andLogged(),
            AccessRule.allow(GET, "/api/v1/audit/verify", "verify the ledger", AUDITOR).andLogged(),
            AccessRule.allow(GET, "/api/v1/ledger/export", "export the ledger", AUDITOR).andLogged(),
            AccessRule.allow(GET, "/api/v1/access-log", "read the access log", AUDITOR).andLogged(),
            AccessRule.allow(GET, "/api/v1/quarantine", "read the quarantine", AUDITOR, DATA_MANAGER, HUB_ADMIN).andLogged(),
            AccessRule.allow(POST, "/api/v1/quarantine/{id}/dismiss", "dismiss a quarantined message", DATA_MANAGER, HUB_ADMIN),
            AccessRule.allow(POST, "/api/v1/quarantine/reprocess", "re-process the quarantine", HUB_ADMIN),
            AccessRule.allow(GET, "/api/v1/ledger/status", "read the ledger's status", HUB_ADMIN, AUDITOR),
            AccessRule.allow(GET, "/api/v1/ledger/keys", "list the registered keys", HUB_ADMIN, AUDITOR),
            AccessRule.allow(GET, "/api/v1/admin/projections", "read the projections' status", HUB_ADMIN),
            AccessRule.allow(POST, "/api/v1/admin/projections/rebuild", "rebuild the projections", HUB_ADMIN),
            AccessRule.allow(POST, "/api/v1/admin/projections/replay-proof", "run the replay proof", HUB_ADMIN),
            AccessRule.open(GET, "/actuator/health/**", "the service's health"),
            AccessRule.open(GET, "/v3/api-docs/**", "the API's OpenAPI description"),
            AccessRule.open(GET, "/v3/api-docs.yaml", "the API's OpenAPI description in YAML"),
            AccessRule.open(GET, "/swagger-ui.html", "the API browser"),
            AccessRule.open(GET, "/swagger-ui/**", "the API browser's files"));

    @Bean
    AccessRules hubAccessRules() {
        return AccessRules.study(RULES);
    }
}
