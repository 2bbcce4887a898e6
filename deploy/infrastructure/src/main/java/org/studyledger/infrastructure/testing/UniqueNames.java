package org.studyledger.infrastructure.testing;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Names that cannot clash between test classes, JVMs or CI jobs sharing one server, yet still say whose they are
 * when someone lists the databases or topics.
 */
final class UniqueNames {

    /** PostgreSQL's identifier limit in bytes; longer names are silently truncated, and could then collide. */
    private static final int MAX_DATABASE_NAME = 63;
    private static final int MAX_HINT_IN_TOPIC = 60;
    private static final SecureRandom RANDOM = new SecureRandom();

    private UniqueNames() {
    }

    /** {@code t_<hint>_<random>}: lower-case, only {@code [a-z0-9_]}, at most 63 characters. */
    static String database(String ownerHint) {
        String random = randomSuffix();
        int room = MAX_DATABASE_NAME - "t_".length() - "_".length() - random.length();
        return "t_" + sanitized(ownerHint, '_', room) + "_" + random;
    }

    /**
     * {@code t-<hint>-<random>-}. Only dashes: Kafka warns about topic names mixing '.' and '_', because both map
     * to the same metric name.
     */
    static String topicPrefix(String ownerHint) {
        return "t-" + sanitized(ownerHint, '-', MAX_HINT_IN_TOPIC) + "-" + randomSuffix() + "-";
    }

    /** Keeps the characters Kafka allows in topic names and replaces the rest. */
    static String topicPart(String logicalName) {
        if (logicalName == null || logicalName.isBlank()) {
            throw new IllegalArgumentException("A logical topic name is required");
        }
        return logicalName.trim().replaceAll("[^a-zA-Z0-9._-]", "-");
    }

    private static String sanitized(String hint, char separator, int maxLength) {
        String text = hint == null ? "" : hint.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", String.valueOf(separator));
        text = strip(text, separator);
        if (text.length() > maxLength) {
            text = strip(text.substring(0, maxLength), separator);
        }
        return text.isEmpty() ? "test" : text;
    }

    private static String strip(String text, char separator) {
        int start = 0;
        int end = text.length();
        while (start < end && text.charAt(start) == separator) {
            start++;
        }
        while (end > start && text.charAt(end - 1) == separator) {
            end--;
        }
        return text.substring(start, end);
    }

    private static String randomSuffix() {
        byte[] bytes = new byte[4];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
