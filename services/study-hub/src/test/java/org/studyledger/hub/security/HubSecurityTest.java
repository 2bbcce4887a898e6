package org.studyledger.hub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.studyledger.hub.HubProperties;
import org.studyledger.hub.HubTest;
import org.studyledger.hub.ledger.LedgerIntake;
import org.studyledger.hub.projection.SubjectScript;
import org.studyledger.infrastructure.identity.Identity;
import org.studyledger.infrastructure.testing.TestIssuer;
import org.studyledger.kernel.access.Role;
import org.studyledger.kernel.subject.AssessmentId;
import org.studyledger.kernel.subject.BloodPressure;
import org.studyledger.kernel.subject.Sex;
import org.studyledger.support.security.AccessRule;
import org.studyledger.support.security.AccessRules;
import org.studyledger.support.security.testing.AccessMatrix;
import org.studyledger.support.security.testing.DocsSection;
import org.studyledger.support.security.testing.TokenChecks;

/**
 * The hub's rule table against the running hub: every endpoint has a rule, every (hub role, endpoint) pair answers
 * as the table says, tokens it must not accept are 401, center staff are 403; every read of study data is in the
 * append-only access log with its position and hash; no analyst-facing answer carries a staff id; docs/security.md
 * shows the same table.
 */
@HubTest
class HubSecurityTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    /** The staff ids of the scripted subject (SubjectScript): none may reach an analyst. */
    private static final List<String> STAFF_IDS = List.of("inv-001", "rater-017", "nurse-004", "dm-001");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mapping;
    @Autowired
    AccessRules rules;
    @Autowired
    LedgerIntake intake;
    @Autowired
    HubProperties hub;
    @Autowired
    JdbcTemplate jdbc;
    @LocalServerPort
    int port;

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    private AccessRule rule(HttpMethod method, String path) {
        return rules.rules().stream().filter(r -> r.method() == method && r.path().equals(path) && r.parameter() == null)
                .findFirst().orElseThrow();
    }

    private static String token(Identity who) {
        return TestIssuer.hubToken(who);
    }

    @Test
    void everyEndpointOfTheHubHasARuleAndEveryRuleAnEndpoint() {
        var endpoints = AccessMatrix.endpoints(mapping);
        assertThat(endpoints).contains("GET /api/v1/datasets/{name}", "GET /api/v1/access-log", "POST /api/v1/quarantine/{id}/dismiss");
        assertThat(AccessMatrix.uncovered(endpoints, rules)).as("endpoints without a rule").isEmpty();
        assertThat(AccessMatrix.unused(endpoints, rules)).as("rules without an endpoint").isEmpty();
    }

    @Test
    void everyHubRoleAtEveryEndpointIsAllowedOrRefusedAsTheTableSays() {
        List<AccessMatrix.Answer> answers = AccessMatrix.assertEveryPair(base(), rules, AccessMatrix.roles(false),
                role -> token(Identity.study("matrix-" + role.value(), role.value())),
                Map.of("id", "PAV-001", "name", "adsl"), "roles");
        long closed = rules.rules().stream().filter(r -> !r.open()).count();
        assertThat(answers.stream().filter(a -> a.role() != null).count()).isEqualTo(closed * AccessMatrix.roles(false).size());
    }

    @Test
    void tokensTheHubMustNotAcceptAreUnauthorizedAndCenterStaffForbidden() {
        AccessRule status = rule(HttpMethod.GET, "/api/v1/ledger/status");
        TokenChecks.assertRefused(base(), status, "/api/v1/ledger/status", Identity.study("admin-1", "hub-admin"),
                TestIssuer.HUB_AUDIENCE, "roles");
        // a center's token is not the hub's
        AccessMatrix.Answer centerAudience = AccessMatrix.call(base(), status, "/api/v1/ledger/status", null,
                TestIssuer.centerToken(Identity.study("admin-1", "hub-admin")));
        AccessMatrix.assertProblem(centerAudience, 401, "unauthorized", "Authorization");
        // center staff act at their center, even a center's data manager
        AccessRule dismiss = rule(HttpMethod.POST, "/api/v1/quarantine/{id}/dismiss");
        AccessMatrix.Answer pavDataManager = AccessMatrix.call(base(), dismiss, "/api/v1/quarantine/1/dismiss", null,
                token(Identity.staff("PAV", "dm-pav", "data-manager")), "{\"reason\": \"mine\"}");
        AccessMatrix.assertProblem(pavDataManager, 403, "forbidden", "center");
        assertThat(pavDataManager.body().path("detail").asText()).contains("PAV");
    }

    @Test
    void everyReadOfStudyDataIsInTheAccessLogWithItsPositionAndHash() {
        Identity analyst = Identity.study("analyst-log", "analyst");
        HttpResponse<String> adsl = get("/api/v1/datasets/adsl?format=csv", analyst);
        assertThat(adsl.statusCode()).isEqualTo(200);
        HttpResponse<String> odm = get("/api/v1/exports/odm?audit_records=false", analyst);
        assertThat(odm.statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/audit-trail?limit=5", analyst).statusCode()).isEqualTo(403);
        assertThat(get("/api/v1/datasets/dictionary", analyst).statusCode()).as("metadata is not logged").isEqualTo(200);

        Identity auditor = Identity.study("auditor-log", "auditor");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(json(get("/api/v1/access-log?user=analyst-log", auditor))).hasSize(3));
        JsonNode log = json(get("/api/v1/access-log?user=analyst-log", auditor));
        JsonNode dataset = entry(log, "/api/v1/datasets/adsl");
        assertThat(dataset.path("user_id").asText()).isEqualTo("analyst-log");
        assertThat(dataset.path("user_name").asText()).isEqualTo("Test analyst-log");
        assertThat(dataset.path("role").asText()).isEqualTo("analyst");
        assertThat(dataset.path("method").asText()).isEqualTo("GET");
        assertThat(dataset.path("path").asText()).isEqualTo("/api/v1/datasets/adsl");
        assertThat(dataset.path("query").asText()).isEqualTo("format=csv");
        assertThat(dataset.path("status").asInt()).isEqualTo(200);
        assertThat(dataset.path("ledger_position").asLong())
                .isEqualTo(Long.parseLong(adsl.headers().firstValue("X-Ledger-Position").orElseThrow()));
        assertThat(dataset.path("content_sha256").asText()).isEqualTo(adsl.headers().firstValue("X-Content-SHA256").orElseThrow());
        assertThat(dataset.path("requested_at").asText()).isNotBlank();
        // a streamed export is logged when it is complete
        JsonNode export = entry(log, "/api/v1/exports/odm");
        assertThat(export.path("path").asText()).isEqualTo("/api/v1/exports/odm");
        assertThat(export.path("query").asText()).isEqualTo("audit_records=false");
        assertThat(export.path("content_sha256").asText()).isEqualTo(odm.headers().firstValue("X-Content-SHA256").orElseThrow());
        // a refused read is logged too, without a role
        JsonNode refused = entry(log, "/api/v1/audit-trail");
        assertThat(refused.path("path").asText()).isEqualTo("/api/v1/audit-trail");
        assertThat(refused.path("status").asInt()).isEqualTo(403);
        assertThat(refused.path("role").isNull()).isTrue();

        // filters and paging
        assertThat(json(get("/api/v1/access-log?user=analyst-log&status=403", auditor))).hasSize(1);
        assertThat(json(get("/api/v1/access-log?user=analyst-log&path=/api/v1/exports", auditor))).hasSize(1);
        JsonNode page = json(get("/api/v1/access-log?user=analyst-log&limit=2", auditor));
        assertThat(page).hasSize(2);
        JsonNode next = json(get("/api/v1/access-log?user=analyst-log&after=" + page.get(1).path("id").asLong(), auditor));
        assertThat(next).hasSize(1);
        assertThat(next.get(0).path("id").asLong()).isGreaterThan(page.get(1).path("id").asLong());
        String csv = get("/api/v1/access-log?user=analyst-log&format=csv", auditor).body();
        assertThat(csv.lines().findFirst().orElseThrow()).isEqualTo(String.join(",", AccessLog.COLUMNS));
        JsonNode bad = json(get("/api/v1/access-log?role=boss&status=99&from=yesterday&limit=0", auditor));
        List<String> fields = new java.util.ArrayList<>();
        bad.path("errors").forEach(e -> fields.add(e.path("field").asText()));
        assertThat(fields).containsExactlyInAnyOrder("role", "status", "from", "limit");
        // reading the log is itself logged
        assertThat(json(get("/api/v1/access-log?user=auditor-log&path=/api/v1/access-log", auditor))).isNotEmpty();

        // append-only, for everybody
        assertThatThrownBy(() -> jdbc.update("UPDATE access_log SET status = 200 WHERE user_id = 'analyst-log'"))
                .rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("DELETE FROM access_log")).rootCause().hasMessageContaining("append-only");
    }

    @Test
    void noAnswerAnAnalystReadsCarriesAStaffId() {
        SubjectScript s = new SubjectScript("SEC-001");
        s.enrol("2026-01-05T08:00:00.000Z", LocalDate.of(2026, 1, 5), 1970, Sex.F, 14, 3);
        s.assess("MADRS", "T0", "2026-01-12T07:30:00.000Z", 1, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3);
        s.dose(1, "2026-01-12T09:00:00.000Z", 56, new BloodPressure(128, 82), new BloodPressure(141, 90), 120, null);
        AssessmentId w1 = s.assess("MADRS", "W1", "2026-01-19T09:00:00.000Z", 8, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1);
        s.correct(w1, "2026-01-20T10:00:00.000Z", "transcription error", 1, 2, 2, 2, 2, 2, 1, 1, 1, 1);
        s.discontinue("2026-02-01T09:00:00.000Z", LocalDate.of(2026, 2, 1), "moved", false);
        s.feed(intake, hub);
        Identity analyst = Identity.study("analyst-ids", "analyst");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(json(get("/api/v1/subjects/SEC-001/timeline", analyst))).hasSize(6));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(json(get("/api/v1/datasets/adqs?subject=SEC-001", analyst))).isNotEmpty());

        for (String path : List.of("/api/v1/subjects", "/api/v1/subjects/SEC-001", "/api/v1/subjects/SEC-001/timeline",
                "/api/v1/datasets/adsl", "/api/v1/datasets/adqs", "/api/v1/datasets/adex",
                "/api/v1/datasets/adqs?format=csv", "/api/v1/datasets/adsl?format=dataset-json",
                "/api/v1/datasets/adex?format=dataset-ndjson", "/api/v1/cohort/summary", "/api/v1/cohort/summary?format=csv",
                "/api/v1/exports/odm?audit_records=false", "/api/v1/exports/odm?audit_records=false&subject=SEC-001")) {
            HttpResponse<String> answer = get(path, analyst);
            assertThat(answer.statusCode()).as(path + ": " + answer.body()).isEqualTo(200);
            assertThat(answer.body()).as(path).doesNotContain(STAFF_IDS);
        }
        String clinical = get("/api/v1/exports/odm?audit_records=false&subject=SEC-001", analyst).body();
        assertThat(clinical).contains("MADRS_01").doesNotContain("AuditRecord", "<User ", "I.ASMT.RATER\" Value");
        assertThat(clinical).contains("FileOID=\"ODM.ESK-TRD.SEC-001.P").contains(".CLINICAL\"");
        // the analyst may not have the audit records; the auditor has them, with who did what
        assertThat(get("/api/v1/exports/odm?subject=SEC-001", analyst).statusCode()).isEqualTo(403);
        Identity auditor = Identity.study("auditor-ids", "auditor");
        String audited = get("/api/v1/exports/odm?subject=SEC-001", auditor).body();
        assertThat(audited).contains("AuditRecord", "USR.rater-017", "USR.dm-001");
        assertThat(get("/api/v1/audit-trail?subject=SEC-001", auditor).body()).contains("rater-017", "dm-001");
        assertThat(get("/api/v1/exports/odm?audit_records=maybe", auditor).statusCode()).isEqualTo(422);
    }

    @Test
    void docsSecurityShowsThisRuleTable() throws Exception {
        DocsSection.assertGenerated("security.md", "hub-rules", AccessMatrix.markdown(rules,
                List.of(Role.ANALYST, Role.AUDITOR, Role.HUB_ADMIN, Role.DATA_MANAGER)));
    }

    private HttpResponse<String> get(String path, Identity who) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(base() + path)).header("Authorization", "Bearer " + token(who))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode entry(JsonNode log, String path) {
        for (JsonNode e : log) {
            if (e.path("path").asText().equals(path)) {
                return e;
            }
        }
        throw new AssertionError("no access log entry of " + path + " in " + log);
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(response.body(), e);
        }
    }
}
