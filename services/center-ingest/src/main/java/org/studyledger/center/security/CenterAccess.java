package org.studyledger.center.security;

import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;
import static org.studyledger.kernel.access.Role.CENTER_ADMIN;
import static org.studyledger.kernel.access.Role.DATA_MANAGER;
import static org.studyledger.kernel.access.Role.INVESTIGATOR;
import static org.studyledger.kernel.access.Role.RATER;
import static org.studyledger.kernel.access.Role.STUDY_NURSE;

import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.studyledger.center.CenterProperties;
import org.studyledger.support.security.AccessRule;
import org.studyledger.support.security.AccessRules;

/**
 * The center service's rule table: every endpoint and the center roles that may call it, the first one a caller
 * holds being the role they act in. Only staff of this center (the token's center claim) are served. Reading a
 * subject takes a clinical role; the center admin runs the service (keys, publication), and reads no patient data.
 */
@Configuration(proxyBeanMethods = false)
public class CenterAccess {
    private static final String SUBJECT = "/api/v1/subjects/{subjectId}";

    public static final List<AccessRule> RULES = List.of(
            AccessRule.allow(POST, "/api/v1/subjects", "enrol a subject", INVESTIGATOR),
            AccessRule.allow(GET, SUBJECT, "read a subject of this center", INVESTIGATOR, RATER, STUDY_NURSE, DATA_MANAGER),
            AccessRule.allow(POST, SUBJECT + "/assessments", "record an assessment", RATER),
            AccessRule.allow(POST, SUBJECT + "/assessments/{assessmentId}/corrections", "correct an assessment", DATA_MANAGER),
            AccessRule.allow(POST, SUBJECT + "/assessments/{assessmentId}/retraction", "retract an assessment", DATA_MANAGER),
            AccessRule.allow(POST, SUBJECT + "/doses", "record a dosing session", STUDY_NURSE),
            AccessRule.allow(POST, SUBJECT + "/withheld-doses", "record a withheld session", STUDY_NURSE),
            AccessRule.allow(POST, SUBJECT + "/adverse-events", "report an adverse event", INVESTIGATOR),
            AccessRule.allow(POST, SUBJECT + "/discontinuation", "discontinue a subject", INVESTIGATOR),
            AccessRule.allow(POST, SUBJECT + "/follow-up-completion", "complete a subject's follow-up", INVESTIGATOR),
            AccessRule.allow(POST, "/api/v1/imports", "import a CSV file", DATA_MANAGER),
            // Each write of a batch must also be allowed by its own endpoint's rule, and is recorded in that role.
            AccessRule.allow(POST, "/api/v1/events:batch", "record a batch of writes, each as its own endpoint allows",
                    INVESTIGATOR, RATER, STUDY_NURSE, DATA_MANAGER),
            AccessRule.allow(GET, "/api/v1/publication", "read the publication status",
                    CENTER_ADMIN, DATA_MANAGER, INVESTIGATOR, RATER, STUDY_NURSE),
            AccessRule.allow(GET, "/api/v1/signing-keys", "list the signing keys", CENTER_ADMIN),
            AccessRule.allow(POST, "/api/v1/signing-keys/rotate", "rotate the signing key", CENTER_ADMIN),
            AccessRule.open(GET, "/actuator/health/**", "the service's health"),
            AccessRule.open(GET, "/v3/api-docs/**", "the API's OpenAPI description"),
            AccessRule.open(GET, "/v3/api-docs.yaml", "the API's OpenAPI description in YAML"),
            AccessRule.open(GET, "/swagger-ui.html", "the API browser"),
            AccessRule.open(GET, "/swagger-ui/**", "the API browser's files"));

    @Bean
    AccessRules centerAccessRules(CenterProperties center) {
        return AccessRules.center(center.id(), RULES);
    }
}
