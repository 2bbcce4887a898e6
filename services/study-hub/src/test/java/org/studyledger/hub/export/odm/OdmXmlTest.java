package org.studyledger.hub.export.odm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.Random;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamWriter;
import org.junit.jupiter.api.Test;

/**
 * {@link OdmXml} writes the bytes the JDK's StAX writer (which the ODM export used before) writes for the same calls:
 * random documents of nested, empty and text elements whose attribute values and texts mix markup characters, line
 * breaks, tabs, non-ASCII letters and characters outside the Basic Multilingual Plane, long enough to cross its buffer.
 */
class OdmXmlTest {
    private static final String NS = OdmExport.NS;
    private static final String[] PIECES = {"a", "Z", "0", " ", "&", "<", ">", "\"", "'", "]]>", "\t", "\n", "\r",
            "\u00e9", "\u00df", "\u4e2d\u6587", "\ud83d\ude00", "\uFFFD", "ItemData", "-50.00", "2026-01-12T09:00:00.000Z"};

    @Test
    void writesWhatTheStaxWriterWrites() throws Exception {
        for (int seed = 0; seed < 100; seed++) {
            Random random = new Random(seed);
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            ByteArrayOutputStream actual = new ByteArrayOutputStream();
            XMLStreamWriter stax = XMLOutputFactory.newFactory().createXMLStreamWriter(expected, "UTF-8");
            OdmXml xml = new OdmXml(actual);
            stax.writeStartDocument("UTF-8", "1.0");
            stax.setDefaultNamespace(NS);
            xml.startDocument();
            stax.writeStartElement(NS, "ODM");
            stax.writeDefaultNamespace(NS);
            xml.start("ODM");
            xml.attribute("xmlns", NS);
            int depth = 1;
            int operations = 50 + random.nextInt(seed % 10 == 0 ? 5_000 : 300);
            for (int i = 0; i < operations; i++) {
                switch (random.nextInt(6)) {
                    case 0 -> {
                        String name = "E" + random.nextInt(5);
                        stax.writeStartElement(NS, name);
                        xml.start(name);
                        depth++;
                        attributes(random, stax, xml);
                    }
                    case 1 -> {
                        String name = "Empty" + random.nextInt(3);
                        stax.writeEmptyElement(NS, name);
                        xml.empty(name);
                        attributes(random, stax, xml);
                    }
                    case 2 -> {
                        String text = text(random);
                        stax.writeStartElement(NS, "T");
                        stax.writeCharacters(text);
                        stax.writeEndElement();
                        xml.text("T", text);
                    }
                    case 3 -> {
                        String text = text(random);
                        stax.writeCharacters(text);
                        xml.characters(text);
                    }
                    default -> {
                        if (depth > 1) {
                            stax.writeEndElement();
                            xml.end();
                            depth--;
                        }
                    }
                }
            }
            while (depth-- > 0) {
                stax.writeEndElement();
                xml.end();
            }
            stax.writeEndDocument();
            stax.flush();
            xml.endDocument();
            assertThat(actual.toString(java.nio.charset.StandardCharsets.UTF_8)).as("seed %d", seed)
                    .isEqualTo(expected.toString(java.nio.charset.StandardCharsets.UTF_8));
            assertThat(actual.toByteArray()).as("seed %d", seed).isEqualTo(expected.toByteArray());
        }
    }

    private static void attributes(Random random, XMLStreamWriter stax, OdmXml xml) throws Exception {
        int n = random.nextInt(4);
        for (int a = 0; a < n; a++) {
            String name = "A" + a;
            String value = text(random);
            stax.writeAttribute(name, value);
            xml.attribute(name, value);
        }
    }

    private static String text(Random random) {
        StringBuilder s = new StringBuilder();
        int n = random.nextInt(random.nextInt(50) == 0 ? 2_000 : 8);
        for (int i = 0; i < n; i++) {
            s.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return s.toString();
    }
}
