package org.studyledger.support.security.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.http.HttpMethod;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import org.studyledger.kernel.access.Role;
import org.studyledger.support.security.AccessRule;
import org.studyledger.support.security.AccessRules;

/**
 * A service's rule table held against the service itself: every endpoint its handler mappings declare has a rule
 * (so a new endpoint without one fails the build), every rule an endpoint, every (role, endpoint) pair answered as the
 * table says, and the documentation table generated from the same rules.
 */
public final class AccessMatrix {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private AccessMatrix() {
    }

    /** Every {@code METHOD pattern} of the service's controllers (Spring's own error page left out). */
    public static Set<String> endpoints(RequestMappingHandlerMapping mapping) {
        Set<String> endpoints = new TreeSet<>();
        mapping.getHandlerMethods().forEach((info, handler) -> {
            if (handler.getBeanType().getName().startsWith("org.springframework.boot.autoconfigure.web.servlet.error")) {
                return;
            }
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : patterns(info)) {
                for (RequestMethod m : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                    endpoints.add(m.name() + " " + pattern);
                }
            }
        });
        return endpoints;
    }

    private static Set<String> patterns(RequestMappingInfo info) {
        return info.getPathPatternsCondition() != null ? info.getPathPatternsCondition().getPatternValues()
                : info.getPatternValues();
    }

    /** The endpoints no rule covers: a rule of the same method whose pattern is the endpoint's, or ends in {@code /**} above it. */
    public static List<String> uncovered(Set<String> endpoints, AccessRules rules) {
        return endpoints.stream().filter(e -> rules.rules().stream().noneMatch(r -> covers(r, e))).toList();
    }

    /** The rules with roles that no endpoint of the service answers: a rule for nothing, or a misspelt path. */
    public static List<String> unused(Set<String> endpoints, AccessRules rules) {
        return rules.rules().stream().filter(r -> !r.open()).filter(r -> endpoints.stream().noneMatch(e -> covers(r, e)))
                .map(AccessRule::endpoint).toList();
    }

    private static boolean covers(AccessRule rule, String endpoint) {
        String method = endpoint.substring(0, endpoint.indexOf(' '));
        String path = endpoint.substring(endpoint.indexOf(' ') + 1);
        if (!rule.method().name().equals(method)) {
            return false;
        }
        if (rule.path().equals(path)) {
            return true;
        }
        if (rule.path().endsWith("/**")) {
            PathPattern pattern = PathPatternParser.defaultInstance.parse(rule.path());
            return pattern.matches(org.springframework.http.server.PathContainer.parsePath(path));
        }
        return false;
    }

    /**
     * The rule table as docs/security.md shows it: one line per endpoint, one column per role; a number is the role's
     * place in the rule's order (the role an act is recorded in is the first one the caller holds).
     */
    public static String markdown(AccessRules rules, List<Role> roles) {
        boolean logs = rules.rules().stream().anyMatch(AccessRule::logged);
        StringBuilder md = new StringBuilder("| endpoint | what |");
        roles.forEach(r -> md.append(' ').append(r.value()).append(" |"));
        md.append(logs ? " access log |\n|---|---|" : "\n|---|---|");
        roles.forEach(r -> md.append("---|"));
        md.append(logs ? "---|\n" : "\n");
        for (AccessRule rule : rules.rules()) {
            md.append("| `").append(rule.endpoint()).append("` | ").append(rule.what())
                    .append(rule.open() ? " (open: no token needed)" : "").append(" |");
            for (Role role : roles) {
                int place = rule.roles().indexOf(role);
                md.append(' ').append(rule.open() ? "any" : place < 0 ? "" : String.valueOf(place + 1)).append(" |");
            }
            if (logs) {
                md.append(rule.logged() ? " yes |" : " |");
            }
            md.append('\n');
        }
        return md.toString();
    }

    /** A request of the matrix: one rule, one concrete path, one caller (null: no token), and what it got. */
    public record Answer(AccessRule rule, String path, Role role, int status, JsonNode body) {
    }

    /**
     * Calls every rule's endpoint as a caller holding each one of {@code roles} (and without a token for an open rule)
     * and asserts the answer: 403 {@code forbidden} naming the roles claim for a role the rule does not name, anything
     * but 401 and 403 otherwise. Path variables are filled from {@code values} ({@code {subjectId}} → {@code PAV-001}).
     * Writes are sent with an empty JSON object, so they refuse the body rather than record anything.
     */
    public static List<Answer> assertEveryPair(String base, AccessRules rules, List<Role> roles,
                                               Function<Role, String> tokenOf, Map<String, String> values,
                                               String rolesClaim) {
        List<Answer> answers = new ArrayList<>();
        for (AccessRule rule : rules.rules()) {
            String path = concrete(rule, values);
            if (rule.open()) {
                Answer a = call(base, rule, path, null, null);
                assertThat(a.status()).as("%s without a token: %s", rule.endpoint(), a.body()).isNotIn(401, 403);
                answers.add(a);
                continue;
            }
            Answer none = call(base, rule, path, null, null);
            assertProblem(none, 401, "unauthorized", "Authorization");
            for (Role role : roles) {
                Answer a = call(base, rule, path, role, tokenOf.apply(role));
                if (rule.roles().contains(role)) {
                    assertThat(a.status()).as("%s as %s is allowed: %s", rule.endpoint(), role, a.body())
                            .isNotIn(401, 403);
                } else {
                    assertProblem(a, 403, "forbidden", rolesClaim);
                    assertThat(a.body().path("detail").asText()).as("the refusal names the roles that may")
                            .contains(rule.roleNames());
                }
                answers.add(a);
            }
        }
        return answers;
    }

    /** Asserts problem details with this status and type, and exactly this field in {@code errors}. */
    public static void assertProblem(Answer a, int status, String type, String field) {
        assertThat(a.status()).as("%s %s as %s: %s", a.rule() == null ? "" : a.rule().endpoint(), a.path(), a.role(),
                a.body()).isEqualTo(status);
        assertThat(a.body()).as("problem details of %s", a.path()).isNotNull();
        assertThat(a.body().path("type").asText()).isEqualTo("https://studyledger.org/problems/" + type);
        assertThat(a.body().path("status").asInt()).isEqualTo(status);
        assertThat(a.body().path("detail").asText()).isNotBlank();
        assertThat(a.body().toString()).as("no stack trace").doesNotContain("\tat ", "Exception");
        List<String> fields = new ArrayList<>();
        a.body().path("errors").forEach(e -> fields.add(e.path("field").asText()));
        assertThat(fields).as("errors of %s", a.body()).containsExactly(field);
    }

    /** The rule's path with its variables filled in, and a {@code /**} cut back to the path above it. */
    static String concrete(AccessRule rule, Map<String, String> values) {
        String path = rule.path().endsWith("/**") ? rule.path().substring(0, rule.path().length() - 3) : rule.path();
        for (Map.Entry<String, String> v : values.entrySet()) {
            path = path.replace("{" + v.getKey() + "}", v.getValue());
        }
        assertThat(path).as("every variable of %s has a value", rule.path()).doesNotContain("{");
        return rule.parameter() == null ? path : path + "?" + rule.parameter() + "=" + rule.value();
    }

    /** One request, with a bearer token or (null) none; writes carry {@code {}}. */
    public static Answer call(String base, AccessRule rule, String path, Role role, String token) {
        return call(base, rule, path, role, token, "{}");
    }

    /** One request, with a bearer token or (null) none; writes carry {@code body} as JSON. */
    public static Answer call(String base, AccessRule rule, String path, Role role, String token, String body) {
        HttpMethod method = rule.method();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (method == HttpMethod.GET) {
            request.GET();
        } else {
            request.header("Content-Type", "application/json").method(method.name(), HttpRequest.BodyPublishers.ofString(body));
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(rule, path, role, response.statusCode(), json(response));
        } catch (IOException e) {
            throw new IllegalStateException(path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(HttpResponse<String> response) {
        if (!response.headers().firstValue("Content-Type").orElse("").contains("json")) {
            return null;
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            return null;
        }
    }

    /** The roles of {@code scope}'s callers: those of a center's staff, or the hub's. */
    public static List<Role> roles(boolean atCenter) {
        return java.util.Arrays.stream(Role.values()).filter(atCenter ? Role::atCenter : Role::atHub)
                .collect(Collectors.toList());
    }
}
