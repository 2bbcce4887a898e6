package org.studyledger.hub.export.odm;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import org.studyledger.hub.api.Utf8Buffer;

/**
 * The little XML the ODM export writes, straight into UTF-8 bytes: elements in the default namespace, attributes,
 * text. It writes exactly the bytes the JDK's StAX writer wrote for the same calls (start tags closed when their first
 * child or text comes; an element ended without content as {@code <X></X>}; {@code &}, {@code <}, {@code >} escaped,
 * and {@code "} in attribute values; everything else as it is), so files are the same as before it replaced StAX, at a
 * fraction of the cost: an export of the whole study writes some twenty {@code ItemData} per ledger event. Not thread
 * safe; does not close the stream.
 */
final class OdmXml {
    private final Utf8Buffer bytes;
    private final Deque<String> open = new ArrayDeque<>();
    private boolean startTagOpen;
    private boolean emptyOpen;

    OdmXml(OutputStream out) {
        this.bytes = new Utf8Buffer(out);
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
        bytes.drain();
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
        bytes.put(c);
    }

    /** Names and fixed text: ASCII by construction. */
    private void ascii(String s) throws IOException {
        bytes.ascii(s, 0, s.length());
    }

    private void escaped(String s, boolean attribute) throws IOException {
        int n = s.length();
        if (plain(s, n)) {
            // most values (OIDs, codes, numbers, dates, ids): ASCII with nothing to escape, copied as they are
            bytes.ascii(s, 0, n);
            return;
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
                i = bytes.nonAscii(s, i, n) - 1;
            }
        }
    }
}
