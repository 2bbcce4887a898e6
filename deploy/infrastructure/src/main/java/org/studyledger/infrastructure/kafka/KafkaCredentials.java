package org.studyledger.infrastructure.kafka;

import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;

/**
 * A Kafka user's name and password, and the client settings that authenticate with them by SASL/SCRAM. The
 * principal the broker's ACLs name is {@code User:<username>}.
 *
 * <p>Names and passwords are restricted to characters that need no escaping, neither in a JAAS configuration
 * (double quotes, backslashes) nor in SCRAM (which escapes {@code ,} and {@code =}).
 */
public record KafkaCredentials(String username, String password) {

    /** The SASL mechanism every user but the broker's own authenticates with. */
    public static final String SCRAM_MECHANISM = "SCRAM-SHA-256";
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._-]{1,128}");
    private static final Pattern PASSWORD = Pattern.compile("[A-Za-z0-9._~+/-]{12,256}");
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    public KafkaCredentials {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new IllegalArgumentException("A Kafka user name must match " + USERNAME + ": " + username);
        }
        if (password == null || !PASSWORD.matcher(password).matches()) {
            throw new IllegalArgumentException("The password of Kafka user " + username + " must match " + PASSWORD);
        }
    }

    /** A user with a new random password of 32 letters and digits (about 190 bits). */
    public static KafkaCredentials generate(String username) {
        return new KafkaCredentials(username, randomPassword());
    }

    /** 32 random letters and digits. */
    public static String randomPassword() {
        StringBuilder password = new StringBuilder(32);
        for (int i = 0; i < 32; i++) {
            password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }

    /** {@code User:<username>}, as ACLs and {@code super.users} name it. */
    public String principal() {
        return "User:" + username;
    }

    /**
     * {@code security.protocol}, {@code sasl.mechanism} and {@code sasl.jaas.config} for SCRAM over
     * {@code securityProtocol} ({@code SASL_PLAINTEXT} or {@code SASL_SSL}); the same keys work for producers,
     * consumers and admin clients.
     */
    public Map<String, String> scramClientSettings(String securityProtocol) {
        return clientSettings(securityProtocol, SCRAM_MECHANISM,
                "org.apache.kafka.common.security.scram.ScramLoginModule");
    }

    Map<String, String> clientSettings(String securityProtocol, String mechanism, String loginModule) {
        Map<String, String> settings = new HashMap<>();
        settings.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, securityProtocol);
        settings.put(SaslConfigs.SASL_MECHANISM, mechanism);
        settings.put(SaslConfigs.SASL_JAAS_CONFIG, jaas(loginModule, ""));
        return settings;
    }

    /** A JAAS entry for this user: {@code <module> required username="…" password="…"<extra>;}. */
    String jaas(String loginModule, String extra) {
        return loginModule + " required username=\"" + username + "\" password=\"" + password + "\"" + extra + ";";
    }

    /** Never the password. */
    @Override
    public String toString() {
        return principal();
    }
}
