package org.studyledger.hub.export.odm;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The little XML the ODM export writes, straight into UTF-8 bytes: elements in the default namespace, attributes,
 * text. It writes exactly the bytes the JDK's StAX writer wrote for the same calls (start tags closed when their first
 * child or text comes; an element ended without content as {@code <X></X>}; {@code &}, {@code <}, {@code >} escaped,
 * and {@code "} in attribute values; everything else as it is), so files are the same as before it replaced StAX, at a
 * fraction of the cost: an export of the whole study writes some twenty {@code ItemData} per ledger event. Not thread
 * safe; does not close the stream.
 */
final class OdmXml {
    private static final int CAPACITY = 64 * 1024;

    private final OutputStream out;
    private final byte[] buffer = new byte[CAPACITY];
    private int used;
    private final Deque<String> open = new ArrayDeque<>();
    private boolean startTagOpen;
    private boolean emptyOpen;

    OdmXml(OutputStream out) {
        this.out = out;
    }

    /** The XML declaration. */
    void startDocument() throws IOException {
        ascii("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    }

    /** Opens element {@code name}; attributes may follow. */
    void start(String name) throws IOException {
        closeStartTag();
        write('<');
        ascii(name);
        open.push(name);
        startTagOpen = true;
    }

    /** An element without content, {@code <name .../>}; attributes may follow. */
    void empty(String name) throws IOException {
        closeStartTag();
        write('<');
        ascii(name);
        startTagOpen = true;
        emptyOpen = true;
    }

    /** An attribute of the element just started; {@code value} escaped as attribute values are. */
    void attribute(String name, String value) throws IOException {
        write(' ');
        ascii(name);
        write('=');
        write('"');
        escaped(value, true);
        write('"');
    }

    /** Text content of the open element, escaped. */
    void characters(String text) throws IOException {
        closeStartTag();
        escaped(text, false);
    }

    /** {@code <name>text</name>}. */
    void text(String name, String text) throws IOException {
        start(name);
        characters(text);
        end();
    }

    /** Ends the innermost open element. */
    void end() throws IOException {
        closeStartTag();
        write('<');
        write('/');
        ascii(open.pop());
        write('>');
    }

    /** Ends every open element and writes out what is buffered. */
    void endDocument() throws IOException {
        while (!open.isEmpty()) {
            end();
        }
        closeStartTag();
        flush();
    }

    /** Writes out what is buffered (to the stream; the stream itself is not flushed). */
    void flush() throws IOException {
        if (used > 0) {
            out.write(buffer, 0, used);
            used = 0;
        }
    }

    /** Whether {@code s} is ASCII without a character to escape (a quote counts, whether or not it is escaped here). */
    private static boolean plain(String s, int n) {
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80 || c == '&' || c == '<' || c == '>' || c == '"') {
                return false;
            }
        }
        return true;
    }

    @SuppressWarnings("deprecation") // the low byte of each char: exactly the ASCII this is only called with
    private void copyAscii(String s, int n) {
        s.getBytes(0, n, buffer, used);
        used += n;
    }

    private void closeStartTag() throws IOException {
        if (startTagOpen) {
            if (emptyOpen) {
                write('/');
                emptyOpen = false;
            }
            write('>');
            startTagOpen = false;
        }
    }

    private void write(char c) throws IOException {
        if (used == CAPACITY) {
            flush();
        }
        buffer[used++] = (byte) c;
    }

    /** Names and fixed text: ASCII by construction. */
    private void ascii(String s) throws IOException {
        for (int i = 0, n = s.length(); i < n; i++) {
            write(s.charAt(i));
        }
    }

    private void escaped(String s, boolean attribute) throws IOException {
        int n = s.length();
        if (plain(s, n)) {
            // most values (OIDs, codes, numbers, dates, ids): ASCII with nothing to escape, copied as they are
            if (used + n > CAPACITY) {
                flush();
            }
            if (n <= CAPACITY) {
                copyAscii(s, n);
                return;
            }
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                switch (c) {
                    case '&' -> ascii("&amp;");
                    case '<' -> ascii("&lt;");
                    case '>' -> ascii("&gt;");
                    case '"' -> {
                        if (attribute) {
                            ascii("&quot;");
                        } else {
                            write(c);
                        }
                    }
                    default -> write(c);
                }
            } else {
                // the rest of a non-ASCII run, encoded as the StAX writer's UTF-8 encoder did
                int end = i + 1;
                while (end < n && s.charAt(end) >= 0x80) {
                    end++;
                }
                byte[] bytes = s.substring(i, end).getBytes(StandardCharsets.UTF_8);
                if (used + bytes.length > CAPACITY) {
                    flush();
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
}
