package org.studyledger.infrastructure.testing;

import java.util.Locale;
import java.util.Optional;

/**
 * Reads a setting by its environment-variable name. A system property of the same name, or its lower-case dotted
 * form ({@code STUDYLEDGER_TEST_JDBC_URL} → {@code studyledger.test.jdbc.url}), wins over the environment, so a
 * single build can override what the machine exports.
 */
final class Settings {

    static final String JDBC_URL = "STUDYLEDGER_TEST_JDBC_URL";
    static final String JDBC_USER = "STUDYLEDGER_TEST_JDBC_USER";
    static final String JDBC_PASSWORD = "STUDYLEDGER_TEST_JDBC_PASSWORD";
    static final String KAFKA_BOOTSTRAP = "STUDYLEDGER_TEST_KAFKA_BOOTSTRAP";
    static final String KEEP_DATABASES = "STUDYLEDGER_TEST_KEEP_DATABASES";

    private Settings() {
    }

    /** A value and where it came from, for log lines that explain a choice. */
    record Setting(String value, String source) {
    }

    static Optional<Setting> find(String name) {
        String dotted = name.toLowerCase(Locale.ROOT).replace('_', '.');
        return present(System.getProperty(name), "system property " + name)
                .or(() -> present(System.getProperty(dotted), "system property " + dotted))
                .or(() -> present(System.getenv(name), "environment variable " + name));
    }

    static String valueOrNull(String name) {
        return find(name).map(Setting::value).orElse(null);
    }

    private static Optional<Setting> present(String value, String source) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(new Setting(value.trim(), source));
    }
}
