package org.studyledger.support.security.testing;

import java.util.Arrays;
import java.util.List;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.client.RestTemplateCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.studyledger.infrastructure.identity.Identity;
import org.studyledger.infrastructure.testing.TestIssuer;

/**
 * Every request of the test's {@code TestRestTemplate} carries a token of the test issuer for the service's audience,
 * unless it sets {@code Authorization} itself (a request as another caller, or a test of refusals). Who the default
 * caller is comes from the test's settings, so a test class can choose another:
 * {@value #ID} (default {@code test-caller}), {@value #ROLES} (comma-separated) and {@value #CENTER} (default: the
 * service's {@code studyledger.center.id}, none at the hub).
 */
@TestConfiguration(proxyBeanMethods = false)
public class DefaultCaller {
    public static final String ID = "studyledger.test.caller.id";
    public static final String ROLES = "studyledger.test.caller.roles";
    public static final String CENTER = "studyledger.test.caller.center";

    @Bean
    RestTemplateCustomizer defaultCallerToken(Environment environment) {
        return rest -> rest.getInterceptors().add((request, body, execution) -> {
            if (!request.getHeaders().containsKey(HttpHeaders.AUTHORIZATION)) {
                request.getHeaders().setBearerAuth(token(environment));
            }
            return execution.execute(request, body);
        });
    }

    /** The default caller of the service whose settings {@code environment} holds. */
    public static Identity identity(Environment environment) {
        String roles = environment.getProperty(ROLES, "");
        List<String> list = roles.isBlank() ? List.of() : Arrays.stream(roles.split(",")).map(String::trim).toList();
        String id = environment.getProperty(ID, "test-caller");
        return new Identity(id, "Test " + id, list,
                environment.getProperty(CENTER, environment.getProperty("studyledger.center.id")));
    }

    /** A token of the default caller for the service's audience. */
    public static String token(Environment environment) {
        return TestIssuer.get().token(identity(environment), environment.getRequiredProperty("studyledger.security.audience"));
    }
}
