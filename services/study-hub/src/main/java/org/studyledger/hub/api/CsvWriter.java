package org.studyledger.hub.api;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * RFC 4180 records straight into UTF-8 bytes: fields separated by commas, records ended by CRLF, a field quoted (its
 * quotes doubled) only where needed. "Needed" is what Apache Commons CSV's {@code CSVFormat.RFC4180} decides (the
 * writer the exports used before, so files stay byte for byte the same): a field containing a comma, a quote, CR or
 * LF; one starting with a character up to {@code #} or ending with one up to a space; and an empty first field (so a
 * record of one empty field is not an empty line). Values are {@link TableResponses#text}. Does not close the stream.
 */
final class CsvWriter {
    private static final int CAPACITY = 64 * 1024;

    private final OutputStream out;
    private final byte[] buffer = new byte[CAPACITY];
    private int used;

    CsvWriter(OutputStream out) {
        this.out = out;
    }

    /** One record: every value's text, in order. */
    void record(Object[] values) throws IOException {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                put(',');
            }
            field(TableResponses.text(values[i]), i == 0);
        }
        put('\r');
        put('\n');
    }

    /** Writes out what is buffered and flushes the stream. */
    void flush() throws IOException {
        if (used > 0) {
            out.write(buffer, 0, used);
            used = 0;
        }
        out.flush();
    }

    private void field(String s, boolean first) throws IOException {
        int n = s.length();
        if (!quoted(s, first)) {
            text(s, 0, n);
            return;
        }
        put('"');
        int start = 0;
        for (int i = 0; i < n; i++) {
            if (s.charAt(i) == '"') {
                text(s, start, i + 1);
                start = i; // the quote again: doubled
            }
        }
        text(s, start, n);
        put('"');
    }

    private static boolean quoted(String s, boolean first) {
        int n = s.length();
        if (n == 0) {
            return first;
        }
        if (s.charAt(0) <= '#') {
            return true;
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == ',' || c == '"' || c == '\r' || c == '\n') {
                return true;
            }
        }
        return s.charAt(n - 1) <= ' ';
    }

    private void text(String s, int from, int to) throws IOException {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                put(c);
            } else {
                int end = i + 1;
                while (end < to && s.charAt(end) >= 0x80) {
                    end++;
                }
                byte[] bytes = s.substring(i, end).getBytes(StandardCharsets.UTF_8);
                if (used + bytes.length > CAPACITY) {
                    flushBuffer();
                }
                if (bytes.length > CAPACITY) {
                    out.write(bytes);
                } else {
                    System.arraycopy(bytes, 0, buffer, used, bytes.length);
                    used += bytes.length;
                }
                i = end - 1;
            }
        }
    }

    private void put(char c) throws IOException {
        if (used == CAPACITY) {
            flushBuffer();
        }
        buffer[used++] = (byte) c;
    }

    private void flushBuffer() throws IOException {
        out.write(buffer, 0, used);
        used = 0;
    }
}
