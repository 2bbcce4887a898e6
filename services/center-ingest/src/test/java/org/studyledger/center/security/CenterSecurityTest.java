package org.studyledger.center.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.studyledger.center.CenterIngestTest;
import org.studyledger.infrastructure.identity.Identity;
import org.studyledger.infrastructure.testing.TestIssuer;
import org.studyledger.kernel.access.Role;
import org.studyledger.support.security.AccessRule;
import org.studyledger.support.security.AccessRules;
import org.studyledger.support.security.testing.AccessMatrix;
import org.studyledger.support.security.testing.DocsSection;
import org.studyledger.support.security.testing.TokenChecks;

/**
 * The center's rule table against the running service (PAV): every endpoint of its handler mappings has a rule, every
 * (center role, endpoint) pair is allowed or refused as the table says, tokens it must not accept are 401, staff of
 * another center and study-wide callers are 403, and docs/security.md shows the same table.
 */
@CenterIngestTest
class CenterSecurityTest {
    private static final String AUDIENCE = TestIssuer.CENTER_AUDIENCE;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mapping;
    @Autowired
    AccessRules rules;
    @LocalServerPort
    int port;

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    private static String token(Identity who) {
        return TestIssuer.centerToken(who);
    }

    private AccessRule rule(HttpMethod method, String path) {
        return rules.rules().stream().filter(r -> r.method() == method && r.path().equals(path)).findFirst().orElseThrow();
    }

    @Test
    void everyEndpointOfTheServiceHasARuleAndEveryRuleAnEndpoint() {
        var endpoints = AccessMatrix.endpoints(mapping);
        assertThat(endpoints).contains("POST /api/v1/subjects", "GET /api/v1/subjects/{subjectId}", "POST /api/v1/imports");
        assertThat(AccessMatrix.uncovered(endpoints, rules)).as("endpoints without a rule: deny by default, but say who may")
                .isEmpty();
        assertThat(AccessMatrix.unused(endpoints, rules)).as("rules without an endpoint").isEmpty();
    }

    @Test
    void everyCenterRoleAtEveryEndpointIsAllowedOrRefusedAsTheTableSays() {
        List<AccessMatrix.Answer> answers = AccessMatrix.assertEveryPair(base(), rules, AccessMatrix.roles(true),
                role -> token(Identity.staff("PAV", "matrix-" + role.value(), role.value())),
                Map.of("subjectId", "PAV-001", "assessmentId", UUID.randomUUID().toString()), "roles");
        // every center role was tried at every closed endpoint
        long closed = rules.rules().stream().filter(r -> !r.open()).count();
        assertThat(answers.stream().filter(a -> a.role() != null).count()).isEqualTo(closed * AccessMatrix.roles(true).size());
    }

    @Test
    void tokensTheServiceMustNotAcceptAreUnauthorized() {
        TokenChecks.assertRefused(base(), rule(HttpMethod.GET, "/api/v1/publication"), "/api/v1/publication",
                Identity.staff("PAV", "nurse-01", "study-nurse"), AUDIENCE, "roles");
    }

    @Test
    void staffOfAnotherCenterAndStudyWideCallersAreForbidden() {
        AccessRule read = rule(HttpMethod.GET, "/api/v1/publication");
        AccessMatrix.Answer mil = AccessMatrix.call(base(), read, "/api/v1/publication", null,
                token(Identity.staff("MIL", "mil-nurse", "study-nurse", "center-admin")));
        AccessMatrix.assertProblem(mil, 403, "forbidden", "center");
        assertThat(mil.body().path("detail").asText()).contains("MIL").contains("PAV");

        AccessMatrix.Answer analyst = AccessMatrix.call(base(), read, "/api/v1/publication", null,
                token(Identity.study("analyst-1", "analyst", "data-manager")));
        AccessMatrix.assertProblem(analyst, 403, "forbidden", "center");

        // A MIL staff member writing to a MIL subject at PAV's service is refused before the body is read.
        AccessRule enrol = rule(HttpMethod.POST, "/api/v1/subjects");
        AccessMatrix.assertProblem(AccessMatrix.call(base(), enrol, "/api/v1/subjects", null,
                token(Identity.staff("MIL", "mil-inv", "investigator"))), 403, "forbidden", "center");
    }

    @Test
    void aPavTokenNamingAMilSubjectFindsNothingAndRecordsNothing() {
        Identity pav = Identity.staff("PAV", "pav-staff", "investigator", "rater", "data-manager");
        AccessMatrix.Answer read = AccessMatrix.call(base(), rule(HttpMethod.GET, "/api/v1/subjects/{subjectId}"),
                "/api/v1/subjects/MIL-001", null, token(pav));
        AccessMatrix.assertProblem(read, 404, "not-found", "subject_id");
        String madrs = """
                {"instrument": "MADRS", "visit": "T0", "administered_at": "2026-01-05T09:30:00+01:00", "rater": "r-1",
                 "items": {"MADRS_01": 1, "MADRS_02": 1, "MADRS_03": 1, "MADRS_04": 1, "MADRS_05": 1, "MADRS_06": 1,
                           "MADRS_07": 1, "MADRS_08": 1, "MADRS_09": 1, "MADRS_10": 1}}""";
        AccessMatrix.Answer write = AccessMatrix.call(base(), rule(HttpMethod.POST, "/api/v1/subjects/{subjectId}/assessments"),
                "/api/v1/subjects/MIL-001/assessments", null, token(pav), madrs);
        assertThat(write.status()).as("%s", write.body()).isIn(404, 422);
        assertThat(write.body().toString()).contains("subject_id").contains("MIL-001");
        AccessMatrix.Answer enrol = AccessMatrix.call(base(), rule(HttpMethod.POST, "/api/v1/subjects"),
                "/api/v1/subjects", null, token(pav));
        assertThat(enrol.status()).isEqualTo(422);
    }

    @Test
    void theOpenApiDocumentDeclaresTheBearerScheme() {
        AccessMatrix.Answer docs = AccessMatrix.call(base(), rule(HttpMethod.GET, "/v3/api-docs/**"), "/v3/api-docs", null, null);
        assertThat(docs.status()).isEqualTo(200);
        JsonNode scheme = docs.body().path("components").path("securitySchemes").path("bearer");
        assertThat(scheme.path("type").asText()).isEqualTo("http");
        assertThat(scheme.path("scheme").asText()).isEqualTo("bearer");
        assertThat(scheme.path("bearerFormat").asText()).isEqualTo("JWT");
        assertThat(docs.body().path("security").toString()).contains("bearer");
    }

    @Test
    void docsSecurityShowsThisRuleTable() throws Exception {
        DocsSection.assertGenerated("security.md", "center-rules", AccessMatrix.markdown(rules,
                List.of(Role.RATER, Role.STUDY_NURSE, Role.INVESTIGATOR, Role.DATA_MANAGER, Role.CENTER_ADMIN)));
    }
}
