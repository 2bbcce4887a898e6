package org.studyledger.infrastructure.testing;

import java.util.Map;
import org.studyledger.infrastructure.identity.Identity;
import org.studyledger.infrastructure.identity.TokenIssuer;

/**
 * The token issuer all tests of a JVM share (docs/security.md, "Tests"): every service a test starts accepts its
 * tokens ({@link #settings}), and every test client mints them here ({@link #token}). Started on first use.
 */
public final class TestIssuer {
    /** The audience of every center service. */
    public static final String CENTER_AUDIENCE = "studyledger-center";
    /** The hub's audience. */
    public static final String HUB_AUDIENCE = "studyledger-hub";

    private static TokenIssuer issuer;

    private TestIssuer() {
    }

    public static synchronized TokenIssuer get() {
        if (issuer == null) {
            issuer = TokenIssuer.start();
            Runtime.getRuntime().addShutdownHook(new Thread(issuer::close, "stop-test-issuer"));
        }
        return issuer;
    }

    /** The settings of a service with {@code audience} that accepts the test issuer's tokens. */
    public static Map<String, String> settings(String audience) {
        return get().settings(audience);
    }

    /** A token of {@code who} for a center service. */
    public static String centerToken(Identity who) {
        return get().token(who, CENTER_AUDIENCE);
    }

    /** A token of {@code who} for the hub. */
    public static String hubToken(Identity who) {
        return get().token(who, HUB_AUDIENCE);
    }

    /** {@code Authorization} header value for {@code token}. */
    public static String bearer(String token) {
        return "Bearer " + token;
    }
}
