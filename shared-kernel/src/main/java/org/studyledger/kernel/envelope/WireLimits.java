package org.studyledger.kernel.envelope;

/**
 * Bounds on what one message may make a reader do, checked by {@link CanonicalReader} in its single pass over the
 * bytes before any parser or {@link java.math.BigDecimal} sees them. A message beyond a limit is refused as
 * {@link WireFailure#LIMIT_EXCEEDED}, naming the limit and the value. The defaults are generous for real events: the
 * largest envelope the kernel produces (an RMET form, 36 items, signed) is about 2.5 KB, 4 levels deep, with at most
 * 36 members in an object and numbers of at most 19 characters (docs/wire-format.md, "Limits").
 *
 * @param maxMessageBytes  the whole message, in bytes
 * @param maxDepth         nesting of objects and arrays; the envelope itself is depth 1
 * @param maxStringLength  one string (member names included), in UTF-16 code units as Java and JavaScript count them
 * @param maxNumberLength  one number as written, in characters (sign, digits, point)
 * @param maxMembers       members of one object
 * @param maxElements      elements of one array
 */
public record WireLimits(int maxMessageBytes, int maxDepth, int maxStringLength, int maxNumberLength, int maxMembers,
                         int maxElements) {
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 65_536;
    public static final int DEFAULT_MAX_DEPTH = 16;
    public static final int DEFAULT_MAX_STRING_LENGTH = 8_192;
    public static final int DEFAULT_MAX_NUMBER_LENGTH = 40;
    public static final int DEFAULT_MAX_MEMBERS = 256;
    public static final int DEFAULT_MAX_ELEMENTS = 256;

    /** Names of the limits as configuration and command-line options spell them. */
    public static final String MAX_MESSAGE_BYTES = "max-message-bytes";
    public static final String MAX_DEPTH = "max-depth";
    public static final String MAX_STRING_LENGTH = "max-string-length";
    public static final String MAX_NUMBER_LENGTH = "max-number-length";
    public static final String MAX_MEMBERS = "max-members";
    public static final String MAX_ELEMENTS = "max-elements";

    /** Every limit's name, in the order of the components. */
    public static final java.util.List<String> NAMES = java.util.List.of(MAX_MESSAGE_BYTES, MAX_DEPTH, MAX_STRING_LENGTH,
            MAX_NUMBER_LENGTH, MAX_MEMBERS, MAX_ELEMENTS);

    /** The documented defaults. */
    public static final WireLimits DEFAULT = new WireLimits(DEFAULT_MAX_MESSAGE_BYTES, DEFAULT_MAX_DEPTH,
            DEFAULT_MAX_STRING_LENGTH, DEFAULT_MAX_NUMBER_LENGTH, DEFAULT_MAX_MEMBERS, DEFAULT_MAX_ELEMENTS);

    public WireLimits {
        positive(MAX_MESSAGE_BYTES, maxMessageBytes);
        positive(MAX_DEPTH, maxDepth);
        positive(MAX_STRING_LENGTH, maxStringLength);
        positive(MAX_NUMBER_LENGTH, maxNumberLength);
        positive(MAX_MEMBERS, maxMembers);
        positive(MAX_ELEMENTS, maxElements);
        // What passes the reader must stay encodable: the encoder has hard caps of its own.
        atMost(MAX_DEPTH, maxDepth, CanonicalJson.MAX_DEPTH);
        atMost(MAX_NUMBER_LENGTH, maxNumberLength, CanonicalJson.MAX_NUMBER_LENGTH);
    }

    /** These limits with one of them, named as {@link #MAX_DEPTH} and the others, set to {@code value}. */
    public WireLimits with(String name, int value) {
        return switch (name) {
            case MAX_MESSAGE_BYTES -> new WireLimits(value, maxDepth, maxStringLength, maxNumberLength, maxMembers, maxElements);
            case MAX_DEPTH -> new WireLimits(maxMessageBytes, value, maxStringLength, maxNumberLength, maxMembers, maxElements);
            case MAX_STRING_LENGTH -> new WireLimits(maxMessageBytes, maxDepth, value, maxNumberLength, maxMembers, maxElements);
            case MAX_NUMBER_LENGTH -> new WireLimits(maxMessageBytes, maxDepth, maxStringLength, value, maxMembers, maxElements);
            case MAX_MEMBERS -> new WireLimits(maxMessageBytes, maxDepth, maxStringLength, maxNumberLength, value, maxElements);
            case MAX_ELEMENTS -> new WireLimits(maxMessageBytes, maxDepth, maxStringLength, maxNumberLength, maxMembers, value);
            default -> throw new IllegalArgumentException("no limit named " + name + "; the limits are " + NAMES);
        };
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + value);
        }
    }

    private static void atMost(String name, int value, int cap) {
        if (value > cap) {
            throw new IllegalArgumentException(name + " must be at most " + cap + ", got " + value);
        }
    }
}
