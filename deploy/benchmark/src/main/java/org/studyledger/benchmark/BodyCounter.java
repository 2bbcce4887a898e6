package org.studyledger.benchmark;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counts the rows of an export's body as it streams past, in one pass over the bytes and in constant memory: the
 * benchmark holds no more of an answer than the hub should. Each counter understands just enough of its format to
 * count correctly (quotes in CSV, strings in JSON, tags in XML).
 */
abstract class BodyCounter {
    /** How many bytes of the answer's beginning are kept for {@link #declaredRecords()}. */
    private static final int HEAD_BYTES = 64 * 1024;

    /** How many bytes of the answer's end are kept for {@link #complete()}. */
    private static final int TAIL_BYTES = 64;

    private final byte[] head = new byte[HEAD_BYTES];
    private int headLength;
    private final byte[] tail = new byte[TAIL_BYTES];
    private long total;

    static BodyCounter of(Export.Format format) {
        return switch (format) {
            case CSV -> new Csv();
            case DATASET_JSON -> new DatasetJson();
            case ODM -> new Odm();
        };
    }

    final void accept(byte[] bytes, int length) {
        if (headLength < HEAD_BYTES) {
            int n = Math.min(length, HEAD_BYTES - headLength);
            System.arraycopy(bytes, 0, head, headLength, n);
            headLength += n;
        }
        for (int i = Math.max(0, length - TAIL_BYTES); i < length; i++) {
            tail[(int) ((total + i) % TAIL_BYTES)] = bytes[i];
        }
        total += length;
        count(bytes, length);
    }

    /** The last bytes received, without trailing white space. */
    final String tail() {
        int n = (int) Math.min(total, TAIL_BYTES);
        byte[] last = new byte[n];
        for (int i = 0; i < n; i++) {
            last[i] = tail[(int) ((total - n + i) % TAIL_BYTES)];
        }
        return new String(last, StandardCharsets.UTF_8).stripTrailing();
    }

    /**
     * Whether the body ends where its document ends. An answer can end early with a clean end of the HTTP stream (a
     * server that gives up on a response it has begun can only stop sending), so the end is checked, not assumed.
     */
    abstract boolean complete();

    abstract void count(byte[] bytes, int length);

    /** The data rows (CSV records without the header; Dataset-JSON rows; ODM FormData, one per ledger event). */
    abstract long rows();

    /** Further counts worth reporting (ODM: subjects, forms, items). */
    Map<String, Long> elements() {
        return Map.of();
    }

    /** The row count the answer states about itself (Dataset-JSON's {@code records}), or null. */
    Long declaredRecords() {
        return null;
    }

    final String head() {
        return new String(head, 0, headLength, StandardCharsets.UTF_8);
    }

    /** RFC 4180: a record ends at a line break outside quotes; the first record is the header. */
    static final class Csv extends BodyCounter {
        private boolean quoted;
        private long lines;
        private byte last;

        @Override
        void count(byte[] bytes, int length) {
            for (int i = 0; i < length; i++) {
                byte b = bytes[i];
                if (b == '"') {
                    quoted = !quoted; // an escaped quote ("") flips twice
                } else if (b == '\n' && !quoted) {
                    lines++;
                }
            }
            if (length > 0) {
                last = bytes[length - 1];
            }
        }

        @Override
        long rows() {
            return Math.max(0, lines - 1);
        }

        @Override
        boolean complete() {
            return lines > 0 && !quoted && last == '\n';
        }
    }

    /**
     * Dataset-JSON: {@code rows} is the only array of arrays, so a row is an array opened at depth 2 (the top object is
     * depth 1) outside a string.
     */
    static final class DatasetJson extends BodyCounter {
        private static final Pattern RECORDS = Pattern.compile("\"records\"\\s*:\\s*(\\d+)");
        private int depth;
        private boolean inString;
        private boolean escaped;
        private long rows;

        @Override
        void count(byte[] bytes, int length) {
            for (int i = 0; i < length; i++) {
                byte b = bytes[i];
                if (inString) {
                    if (escaped) {
                        escaped = false;
                    } else if (b == '\\') {
                        escaped = true;
                    } else if (b == '"') {
                        inString = false;
                    }
                } else if (b == '"') {
                    inString = true;
                } else if (b == '[' || b == '{') {
                    if (b == '[' && depth == 2) {
                        rows++;
                    }
                    depth++;
                } else if (b == ']' || b == '}') {
                    depth--;
                }
            }
        }

        @Override
        long rows() {
            return rows;
        }

        @Override
        boolean complete() {
            return depth == 0 && !inString && tail().endsWith("}");
        }

        @Override
        Long declaredRecords() {
            Matcher m = RECORDS.matcher(head());
            return m.find() ? Long.valueOf(m.group(1)) : null;
        }
    }

    /**
     * ODM: counts start tags by name. In XML a {@code <} only ever opens markup (text and attribute values escape it),
     * so a tag name is the bytes after it up to a space, {@code >} or {@code /}.
     */
    static final class Odm extends BodyCounter {
        private static final String[] COUNTED = {"SubjectData", "FormData", "ItemData", "AuditRecord"};
        private final long[] counts = new long[COUNTED.length];
        private final byte[] name = new byte[16];
        private int nameLength = -1; // -1: not in a tag name

        @Override
        void count(byte[] bytes, int length) {
            for (int i = 0; i < length; i++) {
                byte b = bytes[i];
                if (b == '<') {
                    nameLength = 0;
                } else if (nameLength >= 0) {
                    if (b == ' ' || b == '>' || b == '/' || b == '\n' || b == '\t' || b == '\r') {
                        tag();
                        nameLength = -1;
                    } else if (nameLength < name.length) {
                        name[nameLength++] = b;
                    } else {
                        nameLength = -1; // longer than any counted name
                    }
                }
            }
        }

        private void tag() {
            for (int c = 0; c < COUNTED.length; c++) {
                if (is(COUNTED[c])) {
                    counts[c]++;
                    return;
                }
            }
        }

        private boolean is(String counted) {
            if (counted.length() != nameLength) {
                return false;
            }
            for (int i = 0; i < nameLength; i++) {
                if (counted.charAt(i) != name[i]) {
                    return false;
                }
            }
            return true;
        }

        @Override
        long rows() {
            return counts[1];
        }

        @Override
        boolean complete() {
            return tail().endsWith("</ODM>");
        }

        @Override
        Map<String, Long> elements() {
            Map<String, Long> elements = new LinkedHashMap<>();
            for (int c = 0; c < COUNTED.length; c++) {
                elements.put(COUNTED[c], counts[c]);
            }
            return elements;
        }
    }
}
