package org.studyledger.kernel.validation;

import java.util.Optional;

/**
 * What text the platform records. Every string of an event is hashed in the canonical encoding (UTF-8, so an
 * unpaired surrogate has no encoding at all), stored in PostgreSQL (whose text cannot hold U+0000) and read by
 * people and other languages' tools. So a recorded string is Unicode text without control characters other than
 * tab, line feed and carriage return, and without byte-order marks (U+FEFF, an invisible character that would make
 * {@code "PAV-001"} and {@code "\uFEFFPAV-001"} different values). Intakes refuse anything else before it reaches
 * an event, naming the field; the canonical encoder refuses unpaired surrogates with the same rule.
 */
public final class Text {
    /**
     * The most characters (code points) of free text an event records: a reason, an adverse event's verbatim term, a
     * rater, a consent form's version. 200 is the longest character value of a SAS V5 transport file, the submission
     * format of ADaM datasets, and the usual length of a free-text CRF field; the wire schema ({@code text}) states
     * it, the centers refuse longer text, the hub quarantines it, and the exports declare it as the values' length.
     */
    public static final int MAX_FREE_TEXT = 200;

    private Text() {
    }

    /** Why {@code s} cannot be recorded as free text (see {@link #problem}, and at most {@link #MAX_FREE_TEXT}), or empty. */
    public static Optional<String> freeTextProblem(CharSequence s) {
        Optional<String> problem = problem(s);
        if (problem.isPresent()) {
            return problem;
        }
        int length = Character.codePointCount(s, 0, s.length());
        return length > MAX_FREE_TEXT
                ? Optional.of("is " + length + " characters long; free text is at most " + MAX_FREE_TEXT + " characters")
                : Optional.empty();
    }

    /** The index of the first UTF-16 code unit that is half of no surrogate pair, or -1. */
    public static int unpairedSurrogateAt(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    /** Why {@code s} cannot be recorded, or empty when it can. Positions are 1-based characters (code points). */
    public static Optional<String> problem(CharSequence s) {
        int codePoint = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            codePoint++;
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return Optional.of("contains an unpaired surrogate " + codeOf(c) + " at character " + codePoint
                        + ": not Unicode text");
            } else if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
                return Optional.of("contains the control character " + codeOf(c) + " at character " + codePoint
                        + "; only tab, line feed and carriage return are allowed");
            } else if (c == '\uFEFF') {
                return Optional.of("contains a byte-order mark (U+FEFF) at character " + codePoint
                        + "; remove the invisible character");
            }
        }
        return Optional.empty();
    }

    /**
     * {@code s} with every character {@link #problem} refuses written as a {@code \}{@code uXXXX} escape, so a
     * message can quote an input (a field name, say) without carrying the character it refuses.
     */
    public static String quotable(CharSequence s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
            if (pair) {
                out.append(c).append(s.charAt(++i));
            } else if (Character.isSurrogate(c) || (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F
                    || c == '\uFEFF') {
                out.append(String.format("\\u%04X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String codeOf(char c) {
        return String.format("U+%04X", (int) c);
    }
}
