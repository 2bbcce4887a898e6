package org.studyledger.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The counters count what a parser would, whatever the chunks the body arrives in, and notice a body cut short. */
class BodyCounterTest {

    @Test
    void csvRecordsMayHoldQuotedLineBreaks() {
        String csv = "A,B\r\n1,\"two\r\nlines, \"\"quoted\"\"\"\r\n3,x\r\n";
        BodyCounter counter = feed(Export.Format.CSV, csv, 3);
        assertThat(counter.rows()).isEqualTo(2);
        assertThat(counter.complete()).isTrue();
        assertThat(feed(Export.Format.CSV, csv.substring(0, csv.length() - 2), 5).complete()).isFalse();
    }

    @Test
    void datasetJsonRowsAreTheArraysInRows() {
        String json = "{\"records\": 2, \"columns\": [{\"name\": \"A\"}], \"sourceSystem\": {\"name\": \"x\"},"
                + " \"rows\": [[\"a [b], \\\"c\\\" [\", 1], [null, 2]]}";
        BodyCounter counter = feed(Export.Format.DATASET_JSON, json, 4);
        assertThat(counter.rows()).isEqualTo(2);
        assertThat(counter.declaredRecords()).isEqualTo(2);
        assertThat(counter.complete()).isTrue();
        assertThat(feed(Export.Format.DATASET_JSON, json.substring(0, json.length() - 1), 7).complete()).isFalse();
    }

    @Test
    void odmCountsStartTagsAndWantsTheEndOfTheDocument() {
        String odm = "<?xml version=\"1.0\"?><ODM><ClinicalData><SubjectData SubjectKey=\"A-001\"><FormData FormOID=\"F\">"
                + "<ItemData ItemOID=\"I\" Value=\"a &lt;FormData \"/></FormData><FormData FormOID=\"G\"/></SubjectData>"
                + "</ClinicalData></ODM>\n";
        BodyCounter counter = feed(Export.Format.ODM, odm, 2);
        assertThat(counter.rows()).isEqualTo(2);
        assertThat(counter.elements()).containsEntry("SubjectData", 1L).containsEntry("ItemData", 1L);
        assertThat(counter.complete()).isTrue();
        assertThat(feed(Export.Format.ODM, odm.substring(0, odm.length() - 8), 3).complete()).isFalse();
    }

    /** The whole-study ODM at 100 000 subjects is several GiB: positions past 2 GiB must not overflow. */
    @Test
    void countsBodiesLargerThanTwoGibibytes() {
        BodyCounter counter = BodyCounter.of(Export.Format.CSV);
        byte[] line = "x,1\n".getBytes(StandardCharsets.US_ASCII);
        byte[] chunk = new byte[1 << 20];
        for (int i = 0; i < chunk.length; i += line.length) {
            System.arraycopy(line, 0, chunk, i, line.length);
        }
        long chunks = (1L << 31) / chunk.length + 2;
        for (long i = 0; i < chunks; i++) {
            counter.accept(chunk, chunk.length);
        }
        byte[] end = "y,2\n".getBytes(StandardCharsets.US_ASCII);
        counter.accept(end, end.length);
        assertThat(counter.rows()).isEqualTo(chunks * chunk.length / line.length);
        assertThat(counter.tail()).endsWith("x,1\nx,1\ny,2");
        assertThat(counter.complete()).isTrue();
    }

    private static BodyCounter feed(Export.Format format, String body, int chunk) {
        BodyCounter counter = BodyCounter.of(format);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i += chunk) {
            byte[] part = java.util.Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + chunk));
            counter.accept(part, part.length);
        }
        return counter;
    }
}
