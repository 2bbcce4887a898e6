package org.studyledger.center.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.studyledger.center.intake.Api.GENESIS;
import static org.studyledger.center.intake.Api.enrolment;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.test.context.TestPropertySource;
import org.studyledger.center.CenterIngestTest;

/**
 * Values a client should never send, or an attacker would: each gets a 422 naming its field (a 400 for a body that
 * is not JSON at all, a 413 for one above the size limit), never a 500, and nothing is recorded. The body and file
 * limits are set small here so the test needs no large bodies.
 */
@CenterIngestTest
@TestPropertySource(properties = {
        "studyledger.center.intake.max-body-size=64KB",
        "studyledger.center.intake.max-file-size=64KB"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileValuesApiTest {
    private static final String SUBJECT = "PAV-201";
    private static final String AES = "/subjects/" + SUBJECT + "/adverse-events";
    private static final String DOSES = "/subjects/" + SUBJECT + "/doses";
    private static final String AE_HEADER = "subject_id,term,onset_date,severity,serious,relatedness\n";
    private static final String MADRS_HEADER = "subject_id,visit,instrument,administered_at,rater,MADRS_01,MADRS_02,"
            + "MADRS_03,MADRS_04,MADRS_05,MADRS_06,MADRS_07,MADRS_08,MADRS_09,MADRS_10\n";

    @Autowired
    TestRestTemplate http;

    Api api;

    @BeforeAll
    void enrolTheSubject(@Autowired TestRestTemplate rest) {
        new Api(rest).post("/subjects", enrolment(SUBJECT)).created("SubjectEnrolled", 0, GENESIS);
    }

    @BeforeEach
    void setUp() {
        api = new Api(http);
    }

    /** An adverse event report as JSON text with {@code term} written verbatim (escapes and all). */
    private static String aeWithTerm(String rawTermJson) {
        return "{\"term\":" + rawTermJson + ",\"onset_date\":\"2026-01-06\",\"severity\":\"MILD\",\"serious\":false,"
                + "\"relatedness\":\"POSSIBLE\"}";
    }

    /** A valid dose as JSON text with {@code dose_mg} written verbatim. */
    private static String doseWithMg(String rawDoseJson) {
        return "{\"administered_at\":\"2026-01-06T10:00:00+01:00\",\"dose_mg\":" + rawDoseJson + ",\"devices\":2,"
                + "\"bp_before\":\"128/82\",\"bp_after\":\"140/85\",\"monitoring_minutes\":120}";
    }

    private void nothingRecorded() {
        assertThat(api.historySize(SUBJECT)).isEqualTo(1);
    }

    // ------------------------------------------------------------------ REST: text

    @Test
    void aLoneSurrogateInAValueIsRefusedAtItsField() {
        api.post(AES, aeWithTerm("\"Nausea \\ud800\"")).problem(422, "term").says("term", "unpaired surrogate U+D800");
        nothingRecorded();
    }

    @Test
    void aLoneSurrogateInAFieldNameIsRefusedWithTheNameEscaped() {
        api.post(AES, aeWithTerm("\"Nausea\"").replace("{", "{\"x\\udc00\":1,"))
                .problem(422, "x\\uDC00").says("x\\uDC00", "the field name contains an unpaired surrogate");
        nothingRecorded();
    }

    @Test
    void freeTextLongerThanTheKernelsBoundIsRefusedAtItsField() {
        String term = "N".repeat(org.studyledger.kernel.validation.Text.MAX_FREE_TEXT + 1);
        api.post(AES, aeWithTerm("\"" + term + "\"")).problem(422, "term").says("term", "at most 200 characters");
        nothingRecorded();
    }

    @Test
    void aNulCharacterIsRefused() {
        api.post(AES, aeWithTerm("\"Nau\\u0000sea\"")).problem(422, "term").says("term", "control character U+0000");
        nothingRecorded();
    }

    @Test
    void aByteOrderMarkInsideAValueIsRefused() {
        api.post(AES, aeWithTerm("\"\\ufeffNausea\"")).problem(422, "term").says("term", "byte-order mark");
        nothingRecorded();
    }

    @Test
    void aByteOrderMarkBeforeTheBodyIsIgnored() {
        String enrolled = api.post("/subjects", enrolment("PAV-202")).created("SubjectEnrolled", 0, GENESIS);
        byte[] body = ("\uFEFF" + aeWithTerm("\"Headache\"")).getBytes(StandardCharsets.UTF_8);
        api.postBytes("/subjects/PAV-202/adverse-events", body).created("AdverseEventReported", 1, enrolled);
    }

    @Test
    void bytesThatAreNotUtf8AreRefusedAtTheFieldTheyAreIn() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("{\"term\":\"Naus".getBytes(StandardCharsets.UTF_8));
        body.write(0xC3);                      // the first byte of a two-byte sequence, then none
        body.writeBytes(("ea\"," + aeWithTerm("1").substring(10)).getBytes(StandardCharsets.UTF_8));
        api.postBytes(AES, body.toByteArray()).problem(422, "term").says("term", "not UTF-8", "byte 0xC3 at offset 13");
        nothingRecorded();
    }

    @Test
    void aSurrogateEncodedAsBytesIsNotUtf8() {
        // ED A0 80 would be U+D800 in CESU-8; UTF-8 has no encoding for a surrogate.
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("{\"term\":\"".getBytes(StandardCharsets.UTF_8));
        body.writeBytes(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80});
        body.writeBytes(("\"," + aeWithTerm("1").substring(10)).getBytes(StandardCharsets.UTF_8));
        api.postBytes(AES, body.toByteArray()).problem(422, "term").says("term", "not UTF-8");
        nothingRecorded();
    }

    @Test
    void aVeryLongStringIsRefusedAtItsField() {
        api.post(AES, aeWithTerm("\"" + "x".repeat(10_001) + "\""))
                .problem(422, "term").says("term", "longer than 10000 characters");
        nothingRecorded();
    }

    @Test
    void aRepeatedFieldIsRefused() {
        api.post(AES, aeWithTerm("\"Nausea\"").replace("{", "{\"term\":\"Headache\","))
                .problem(422, "term").says("term", "appears more than once");
        nothingRecorded();
    }

    // ------------------------------------------------------------------ REST: numbers and nesting

    @Test
    void aHugeExponentIsRefusedAsNoWholeNumberInRange() {
        api.post(DOSES, doseWithMg("1e2147483647")).problem(422, "dose_mg").says("dose_mg", "must be a whole number");
        api.post(DOSES, doseWithMg("1e999999999")).problem(422, "dose_mg").says("dose_mg", "must be a whole number");
        api.post(DOSES, doseWithMg("-1e-2147483647")).problem(422, "dose_mg");
        nothingRecorded();
    }

    @Test
    void anExponentBeyondAnyDecimalIsRefused() {
        api.post(DOSES, doseWithMg("1e99999999999")).problem(422, "dose_mg").says("dose_mg", "a number of a usual size");
        nothingRecorded();
    }

    @Test
    void aHugeExponentAsAnItemAnswerIsOutOfTheItemsRange() {
        String form = "{\"instrument\":\"MADRS\",\"visit\":\"T0\",\"administered_at\":\"2026-01-05T09:30:00+01:00\","
                + "\"rater\":\"rater-017\",\"items\":{\"MADRS_01\":1e2147483647,\"MADRS_02\":1E999999999,\"MADRS_03\":3,"
                + "\"MADRS_04\":2,\"MADRS_05\":4,\"MADRS_06\":3,\"MADRS_07\":2,\"MADRS_08\":3,\"MADRS_09\":2,\"MADRS_10\":1}}";
        api.post("/subjects/" + SUBJECT + "/assessments", form)
                .problem(422, "items.MADRS_01", "items.MADRS_02")
                .says("items.MADRS_01", "must be an integer from 0 to 6, got 1E+2147483647");
        nothingRecorded();
    }

    @Test
    void aVeryLongNumberIsRefusedAtItsField() {
        api.post(DOSES, doseWithMg("5".repeat(1000))).problem(422, "dose_mg").says("dose_mg", "longer than 50 characters");
        nothingRecorded();
    }

    @Test
    void deepNestingIsRefusedWhereItGoesTooDeep() {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        var reply = api.post(AES, aeWithTerm(deep));
        reply.status(422);
        assertThat(reply.fields()).singleElement().asString().startsWith("term[0]");
        assertThat(reply.message(reply.fields().iterator().next())).contains("deeper than 16 levels");
        nothingRecorded();
    }

    // ------------------------------------------------------------------ REST: not JSON, too large

    @Test
    void aBodyThatIsNotJsonAtAllIsMalformed() {
        api.post(AES, "term=Nausea&severity=MILD").problem(400, "").says("", "Unrecognized token");
        api.postBytes(AES, new byte[] {(byte) 0xFF, (byte) 0xFE, '{', 0, '}', 0}).problem(400, "");
        api.post(AES, aeWithTerm("\"Nausea\"") + " trailing").problem(400, "");
        nothingRecorded();
    }

    @Test
    void aBodyAboveTheLimitIsRefusedWith413() {
        StringBuilder body = new StringBuilder("{");
        for (int i = 0; i < 8; i++) {
            body.append("\"p").append(i).append("\":\"").append("y".repeat(9_000)).append("\",");
        }
        body.append(aeWithTerm("\"Nausea\"").substring(1));
        assertThat(body.length()).isGreaterThan(65_536);
        api.post(AES, body.toString()).problem(413, "").says("", "larger than 65536 bytes");
        nothingRecorded();
    }

    // ------------------------------------------------------------------ CSV

    @Test
    void aNulCharacterInACellIsRefusedAtItsLineAndColumn() {
        var reply = api.postCsv("?kind=adverse-events", AE_HEADER + SUBJECT + ",Nau\u0000sea,2026-01-06,MILD,no,possible\n");
        reply.problem(422, "term");
        assertThat(reply.lineFields()).containsExactly("2:term");
        assertThat(reply.messageAt(2, "term")).contains("control character U+0000");
        nothingRecorded();
    }

    @Test
    void aByteOrderMarkInsideACellIsRefused() {
        var reply = api.postCsv("?kind=adverse-events", AE_HEADER + SUBJECT + ",\uFEFFNausea,2026-01-06,MILD,no,possible\n");
        assertThat(reply.problem(422, "term").lineFields()).containsExactly("2:term");
        nothingRecorded();
    }

    @Test
    void aCellThatIsNotUtf8IsRefusedAtItsLineAndColumn() {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes((AE_HEADER + SUBJECT + ",Nausea,2026-01-06,MILD,no,possible\n" + SUBJECT + ",\"Vomiting, ")
                .getBytes(StandardCharsets.UTF_8));
        file.writeBytes(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}); // a surrogate: no UTF-8 encoding
        file.writeBytes("\",2026-01-06,MILD,no,possible\n".getBytes(StandardCharsets.UTF_8));
        var reply = api.postCsv("?kind=adverse-events", file.toByteArray(), Api.actor());
        reply.problem(422, "term");
        assertThat(reply.lineFields()).containsExactly("3:term");
        assertThat(reply.messageAt(3, "term")).contains("not UTF-8", "byte 0xED");
        nothingRecorded();
    }

    @Test
    void aVeryLongCellIsRefused() {
        var reply = api.postCsv("?kind=adverse-events", AE_HEADER + SUBJECT + "," + "x".repeat(10_001)
                + ",2026-01-06,MILD,no,possible\n");
        assertThat(reply.problem(422, "term").lineFields()).containsExactly("2:term");
        assertThat(reply.messageAt(2, "term")).contains("longer than 10000 characters");
        nothingRecorded();
    }

    @Test
    void hugeExponentsAndVeryLongNumbersInCellsAreRefused() {
        String csv = MADRS_HEADER
                + SUBJECT + ",T0,MADRS,2026-01-05T09:30:00+01:00,rater-017,1e2147483647,1e999999999," + "7".repeat(60)
                + ",2,4,3,2,3,2,1e99999999999\n";
        var reply = api.postCsv("?kind=assessments", csv);
        reply.problem(422, "MADRS_01", "MADRS_02", "MADRS_03", "MADRS_10");
        assertThat(reply.messageAt(2, "MADRS_01")).contains("must be an integer from 0 to 6");
        assertThat(reply.messageAt(2, "MADRS_03")).contains("a number longer than 50 characters");
        assertThat(reply.messageAt(2, "MADRS_10")).contains("must be an integer from 0 to 6");
        var dose = api.postCsv("?kind=doses", "subject_id,administered_at,dose_mg,devices,bp_before,bp_after,"
                + "monitoring_minutes\n" + SUBJECT + ",2026-01-06T10:00:00+01:00,1e999999999,2,128/82,140/85,120\n");
        assertThat(dose.problem(422, "dose_mg").messageAt(2, "dose_mg")).contains("must be a whole number");
        nothingRecorded();
    }

    @Test
    void aFileAboveTheLimitIsRefusedWith413() {
        StringBuilder csv = new StringBuilder(AE_HEADER);
        while (csv.length() <= 65_536) {
            csv.append(SUBJECT).append(",Nausea,2026-01-06,MILD,no,possible\n");
        }
        api.postCsv("?kind=adverse-events", csv.toString()).problem(413, "").says("", "larger than 65536 bytes");
        nothingRecorded();
    }

    @Test
    void aFileNameThatCannotBeRecordedIsRefused() {
        var headers = Api.actor();
        headers.add("X-File-Name", "n".repeat(256) + ".csv");
        api.postCsv("?kind=adverse-events", (AE_HEADER + SUBJECT + ",Nausea,2026-01-06,MILD,no,possible\n")
                .getBytes(StandardCharsets.UTF_8), headers).problem(422, "X-File-Name").says("X-File-Name", "at most 255");
        nothingRecorded();
    }
}
