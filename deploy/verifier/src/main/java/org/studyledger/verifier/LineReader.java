package org.studyledger.verifier;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads a stream line by line as raw bytes (the hash is over bytes, so nothing is decoded here). Lines end
 * at {@code \n}; a {@code \r} before it is dropped; a last line without {@code \n} counts. A line longer than
 * the limit is not kept in memory: it is skipped to its end and reported as too long.
 */
final class LineReader {
    private final InputStream in;
    private final int maxLineBytes;
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int limit;
    private boolean endOfStream;

    private byte[] line = new byte[4096];
    private int length;
    private boolean tooLong;
    private long number;

    LineReader(InputStream in, int maxLineBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    /** Advances to the next line; false at the end of the stream. */
    boolean next() throws IOException {
        length = 0;
        tooLong = false;
        boolean any = false;
        while (true) {
            if (position == limit) {
                if (endOfStream || !fill()) {
                    endOfStream = true;
                    if (!any) {
                        return false;
                    }
                    break;
                }
            }
            any = true;
            int newline = -1;
            for (int i = position; i < limit; i++) {
                if (buffer[i] == '\n') {
                    newline = i;
                    break;
                }
            }
            int end = newline < 0 ? limit : newline;
            append(position, end - position);
            position = newline < 0 ? limit : newline + 1;
            if (newline >= 0) {
                break;
            }
        }
        if (!tooLong && length > 0 && line[length - 1] == '\r') {
            length--;
        }
        number++;
        return true;
    }

    private boolean fill() throws IOException {
        int n;
        do {
            n = in.read(buffer);
        } while (n == 0);
        if (n < 0) {
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }

    private void append(int from, int count) {
        if (tooLong || count == 0) {
            return;
        }
        if ((long) length + count > maxLineBytes) {
            tooLong = true;
            length = 0;
            return;
        }
        if (length + count > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, length + count));
        }
        System.arraycopy(buffer, from, line, length, count);
        length += count;
    }

    /** 1-based number of the current line. */
    long number() {
        return number;
    }

    /** The current line's bytes, without the line end. */
    byte[] bytes() {
        return Arrays.copyOf(line, length);
    }

    boolean isTooLong() {
        return tooLong;
    }

    /** Empty, or only spaces and tabs. */
    boolean isBlank() {
        if (tooLong) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (line[i] != ' ' && line[i] != '\t') {
                return false;
            }
        }
        return true;
    }
}
