package org.studyledger.hub.api;

import java.io.IOException;
import java.io.OutputStream;

/**
 * RFC 4180 records straight into UTF-8 bytes: fields separated by commas, records ended by CRLF, a field quoted (its
 * quotes doubled) only where needed. "Needed" is what Apache Commons CSV's {@code CSVFormat.RFC4180} decides (the
 * writer the exports used before, so files stay byte for byte the same): a field containing a comma, a quote, CR or
 * LF; one starting with a character up to {@code #} or ending with one up to a space; and an empty first field (so a
 * record of one empty field is not an empty line). Values are {@link TableResponses#text}. Does not close the stream.
 */
final class CsvWriter {
    private final OutputStream out;
    private final Utf8Buffer bytes;

    CsvWriter(OutputStream out) {
        this.out = out;
        this.bytes = new Utf8Buffer(out);
    }

    /** One record: every value's text, in order. */
    void record(Object[] values) throws IOException {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                bytes.put(',');
            }
            field(TableResponses.text(values[i]), i == 0);
        }
        bytes.put('\r');
        bytes.put('\n');
    }

    /** Writes out what is buffered and flushes the stream. */
    void flush() throws IOException {
        bytes.drain();
        out.flush();
    }

    private void field(String s, boolean first) throws IOException {
        int n = s.length();
        if (n == 0) {
            if (first) {
                bytes.put('"');
                bytes.put('"');
            }
            return;
        }
        // one pass decides both whether the field is quoted and whether it is plain ASCII, the common case
        boolean special = s.charAt(0) <= '#' || s.charAt(n - 1) <= ' ';
        boolean ascii = true;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == ',' || c == '"' || c == '\r' || c == '\n') {
                special = true;
            } else if (c >= 0x80) {
                ascii = false;
            }
        }
        if (!special) {
            if (ascii) {
                bytes.ascii(s, 0, n);
            } else {
                bytes.text(s, 0, n);
            }
            return;
        }
        bytes.put('"');
        int start = 0;
        for (int i = 0; i < n; i++) {
            if (s.charAt(i) == '"') {
                bytes.text(s, start, i + 1);
                start = i; // the quote again: doubled
            }
        }
        bytes.text(s, start, n);
        bytes.put('"');
    }
}
