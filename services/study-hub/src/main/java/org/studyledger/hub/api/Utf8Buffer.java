package org.studyledger.hub.api;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Text straight into UTF-8 bytes through one buffer, for the writers that build their output a character at a time
 * (the CSV writer, the ODM export's XML writer): ASCII is copied as it is, a run of other characters is encoded as one
 * string by the JDK's UTF-8 encoder (so a surrogate pair is one four-byte character, and a lone surrogate the encoder's
 * {@code ?}, the bytes the JDK's own writers give). The writers decide what to escape; this only encodes. Not thread
 * safe; never closes or flushes the stream itself.
 */
public final class Utf8Buffer {
    private static final int CAPACITY = 64 * 1024;

    private final OutputStream out;
    private final byte[] buffer = new byte[CAPACITY];
    private int used;

    public Utf8Buffer(OutputStream out) {
        this.out = out;
    }

    /** One ASCII character (the caller knows it is one). */
    public void put(char c) throws IOException {
        if (used == CAPACITY) {
            drain();
        }
        buffer[used++] = (byte) c;
    }

    /** Characters {@code from} to {@code to} of {@code s}, which the caller knows are ASCII. */
    @SuppressWarnings("deprecation") // the low byte of each char: exactly the ASCII this is only called with
    public void ascii(String s, int from, int to) throws IOException {
        int n = to - from;
        if (n > CAPACITY - used) {
            drain();
            if (n > CAPACITY) {
                for (int i = from; i < to; i++) {
                    put(s.charAt(i));
                }
                return;
            }
        }
        s.getBytes(from, to, buffer, used);
        used += n;
    }

    /**
     * Characters {@code from} to {@code to} of {@code s}, any characters at all: ASCII byte by byte, each run of
     * non-ASCII characters through the encoder.
     */
    public void text(String s, int from, int to) throws IOException {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                put(c);
            } else {
                i = nonAscii(s, i, to) - 1;
            }
        }
    }

    /**
     * The run of non-ASCII characters of {@code s} that starts at {@code from} (and ends at the next ASCII character or
     * at {@code to}), encoded as one string; returns where the run ended.
     */
    public int nonAscii(String s, int from, int to) throws IOException {
        int end = from + 1;
        while (end < to && s.charAt(end) >= 0x80) {
            end++;
        }
        byte[] bytes = s.substring(from, end).getBytes(StandardCharsets.UTF_8);
        if (used + bytes.length > CAPACITY) {
            drain();
        }
        if (bytes.length > CAPACITY) {
            out.write(bytes);
        } else {
            System.arraycopy(bytes, 0, buffer, used, bytes.length);
            used += bytes.length;
        }
        return end;
    }

    /** Writes what is buffered to the stream (the stream itself is not flushed). */
    public void drain() throws IOException {
        if (used > 0) {
            out.write(buffer, 0, used);
            used = 0;
        }
    }
}
