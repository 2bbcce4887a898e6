package org.studyledger.hub.export.odm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeSet;
import javax.xml.XMLConstants;
import javax.xml.namespace.NamespaceContext;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.studyledger.hub.HubProperties;
import org.studyledger.hub.HubTest;
import org.studyledger.hub.ledger.LedgerIntake;
import org.studyledger.hub.projection.SubjectScript;
import org.studyledger.kernel.envelope.EventEnvelope;
import org.studyledger.kernel.subject.AdverseEventSeverity;
import org.studyledger.kernel.subject.AssessmentId;
import org.studyledger.kernel.subject.BloodPressure;
import org.studyledger.kernel.subject.Relatedness;
import org.studyledger.kernel.subject.Sex;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.w3c.dom.ls.LSInput;

/**
 * The ODM export of a scripted cohort fed through the ledger (a correction, a retraction, doses, a withheld dose, a
 * per-session CADSS, an adverse event, a discontinuation and a completion): valid against the official CDISC ODM
 * 1.3.2 schema (read from {@code ../shared/cdisc/odm-1.3.2/} beside the checkout, or {@code -Dstudyledger.cdisc.dir};
 * skipped, saying so, where absent), with the content checked by XPath, and deterministic.
 */
@HubTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OdmExportTest {
    static final String CDISC_DIR_PROPERTY = "studyledger.cdisc.dir";
    private static final String XSD = "ODM1-3-2.xsd";
    private static final String CORRECTION = "transcription error: item 1 was 1 on the paper form";
    private static final String RETRACTION = "form belonged to another subject";

    @Autowired
    LedgerIntake intake;
    @Autowired
    HubProperties hub;
    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;

    private final SubjectScript pav1 = new SubjectScript("PAV-001");
    private final SubjectScript mil1 = new SubjectScript("MIL-001");
    private AssessmentId w1;
    private AssessmentId aaq;
    private EventEnvelope correction;
    private byte[] file;
    private Document odm;
    private final XPath xpath = XPathFactory.newInstance().newXPath();

    @BeforeAll
    void feedTheLedgerAndExport() throws Exception {
        pav1.enrol("2026-01-05T08:00:00.000Z", LocalDate.of(2026, 1, 5), 1970, Sex.F, 14, 3);
        pav1.assess("MADRS", "T0", "2026-01-12T07:30:00.000Z", 1, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3);
        pav1.assess("RFQ8", "T0", "2026-01-12T07:45:00.000Z", 1, 1, 3, 2, 6, 3, 7, 1, 6);
        pav1.dose(1, "2026-01-12T09:00:00.000Z", 56, new BloodPressure(128, 82), new BloodPressure(141, 90), 120, null);
        pav1.atSession("CADSS", 1, "2026-01-12T09:40:00.000Z", 1, cadss(6));
        pav1.dose(2, "2026-01-15T23:30:00.000Z", 84, new BloodPressure(150, 95), new BloodPressure(195, 100), 90,
                "investigator judged the benefit to outweigh the risk");
        pav1.withhold(3, "2026-01-19T08:30:00.000Z", "pre-dose BP 170/105", new BloodPressure(170, 105));
        w1 = pav1.assess("MADRS", "W1", "2026-01-19T09:00:00.000Z", 8, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1);
        correction = pav1.correct(w1, "2026-01-20T10:00:00.000Z", CORRECTION, 1, 2, 2, 2, 2, 2, 1, 1, 1, 1);
        aaq = pav1.assess("AAQ2", "M1", "2026-02-09T09:20:00.000Z", 29, 3, 3, 3, 3, 3, 3, 3);
        pav1.retract(aaq, "2026-02-10T08:00:00.000Z", RETRACTION);
        pav1.adverseEvent("2026-01-12T11:00:00.000Z", "dissociation", LocalDate.of(2026, 1, 12),
                AdverseEventSeverity.MILD, false, Relatedness.PROBABLE);
        pav1.discontinue("2026-02-20T09:00:00.000Z", LocalDate.of(2026, 2, 20), "moved abroad", false);
        mil1.enrol("2026-01-07T08:00:00.000Z", LocalDate.of(2026, 1, 7), 1958, Sex.M, 30, 2);
        mil1.assess("MADRS", "T0", "2026-01-08T08:00:00.000Z", 1, 3, 3, 3, 3, 3, 3, 3, 3, 2, 2);
        mil1.dose(1, "2026-01-08T09:00:00.000Z", 28, new BloodPressure(120, 80), new BloodPressure(130, 85), 120, null);
        mil1.complete("2026-07-08T09:00:00.000Z", LocalDate.of(2026, 7, 8));
        pav1.feed(intake, hub);
        mil1.feed(intake, hub);

        ResponseEntity<byte[]> response = http.getForEntity("/api/v1/exports/odm", byte[].class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_XML)).isTrue();
        file = response.getBody();
        assertThat(response.getHeaders().getFirst(OdmExportController.POSITION_HEADER))
                .isEqualTo(Long.toString(lastPosition()));
        DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
        dbf.setNamespaceAware(true);
        odm = dbf.newDocumentBuilder().parse(new ByteArrayInputStream(file));
        xpath.setNamespaceContext(new NamespaceContext() {
            public String getNamespaceURI(String prefix) {
                return "odm".equals(prefix) ? OdmExport.NS : XMLConstants.NULL_NS_URI;
            }

            public String getPrefix(String uri) {
                return null;
            }

            public Iterator<String> getPrefixes(String uri) {
                return null;
            }
        });
    }

    private long lastPosition() {
        return jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
    }

    // ------------------------------------------------------------------------------------------------ schema

    @Test
    void theExportIsValidAgainstTheOfficialCdiscOdm132Schema() throws Exception {
        Path xsd = cdiscSchema();
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "file");
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "file");
        // imports resolve beside the schema; anything else (an http location) fails instead of going to the network
        factory.setResourceResolver((type, namespace, publicId, systemId, baseUri) -> {
            if (systemId == null || systemId.startsWith("file:") || !systemId.contains(":")) {
                return null;
            }
            Path local = xsd.resolveSibling(Path.of(URI.create(systemId).getPath()).getFileName().toString());
            if (!Files.exists(local)) {
                throw new IllegalStateException("the schema wants " + systemId + ", which is not beside " + xsd);
            }
            return new LocalInput(publicId, local.toUri().toString(), baseUri);
        });
        Schema schema = factory.newSchema(xsd.toUri().toURL());
        Validator validator = schema.newValidator();
        validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        validator.validate(new StreamSource(new ByteArrayInputStream(file)));
        // the validation is not vacuous: an AuditRecord after the ItemGroupData it belongs before is refused
        String misordered = new String(file, java.nio.charset.StandardCharsets.UTF_8)
                .replaceFirst("(<AuditRecord>.*?</AuditRecord>)(<ItemGroupData .*?</ItemGroupData>)", "$2$1");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> validator.validate(new StreamSource(
                new java.io.StringReader(misordered)))).isInstanceOf(org.xml.sax.SAXException.class);
        // kept for a look or for xmllint (docs/odm-export.md)
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target/odm-export-test.xml"), file);
        // one subject's and one center's exports too
        for (String url : new String[] {"/api/v1/exports/odm?subject=PAV-001", "/api/v1/exports/odm?center=MIL"}) {
            byte[] part = http.getForEntity(url, byte[].class).getBody();
            validator.validate(new StreamSource(new ByteArrayInputStream(part)));
        }
    }

    /**
     * The official schema: {@code -Dstudyledger.cdisc.dir}, else {@code shared/cdisc/odm-1.3.2/} in the working
     * directory or any directory above it (CI checks out {@code ../shared} beside the repository); absent → skipped.
     */
    static Path cdiscSchema() {
        String configured = System.getProperty(CDISC_DIR_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            Path xsd = Path.of(configured).toAbsolutePath().resolve(XSD);
            Assumptions.assumeTrue(Files.isRegularFile(xsd), () -> "CDISC ODM XSD not found at " + xsd
                    + " (" + CDISC_DIR_PROPERTY + "): the schema validation is skipped");
            return xsd;
        }
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path xsd = dir.resolve("shared/cdisc/odm-1.3.2").resolve(XSD);
            if (Files.isRegularFile(xsd)) {
                return xsd;
            }
        }
        Assumptions.abort("CDISC ODM XSD not found at shared/cdisc/odm-1.3.2/" + XSD + " in " + start
                + " or any directory above it (set -D" + CDISC_DIR_PROPERTY + "=…): the schema validation is skipped");
        return null;
    }

    // ------------------------------------------------------------------------------------------------ content

    @Test
    void theFileIsATransactionalOdm132FileDatedByItsLastLedgerEvent() throws Exception {
        assertThat(text("/odm:ODM/@FileType")).isEqualTo("Transactional");
        assertThat(text("/odm:ODM/@ODMVersion")).isEqualTo("1.3.2");
        assertThat(text("/odm:ODM/@Originator")).isEqualTo("StudyLedger");
        assertThat(text("/odm:ODM/@FileOID")).isEqualTo("ODM.ESK-TRD.ALL.P" + lastPosition());
        String accepted = jdbc.queryForObject("SELECT time_stamp FROM domain_event_entry ORDER BY global_index DESC LIMIT 1",
                String.class);
        assertThat(text("/odm:ODM/@CreationDateTime")).isEqualTo(OdmExport.datetime(java.time.Instant.parse(accepted)));
        assertThat(text("/odm:ODM/odm:Study/@OID")).isEqualTo("ESK-TRD");
        assertThat(text("/odm:ODM/odm:ClinicalData/@MetaDataVersionOID"))
                .isEqualTo(text("/odm:ODM/odm:Study/odm:MetaDataVersion/@OID"));
        for (String visit : new String[] {"T0", "W1", "M1", "M2", "M3", "M6"}) {
            assertThat(count("//odm:Protocol/odm:StudyEventRef[@StudyEventOID='SE." + visit + "']")).isEqualTo(1);
        }
        assertThat(text("//odm:StudyEventDef[@OID='SE.DOSING']/@Repeating")).isEqualTo("Yes");
        for (String instrument : new String[] {"MADRS", "RFQ8", "PSYCHACHE", "CSSRS", "RMET", "AAQ2", "CADSS"}) {
            assertThat(count("//odm:FormDef[@OID='F." + instrument + ".V1']")).as(instrument).isEqualTo(1);
        }
        assertThat(text("//odm:Location[@OID='LOC.PAV']/odm:MetaDataVersionRef/@MetaDataVersionOID")).isEqualTo("MDV.ESK-TRD.1");
        assertThat(text("//odm:SubjectData[@SubjectKey='PAV-001']/odm:SiteRef/@LocationOID")).isEqualTo("LOC.PAV");
        assertThat(text("//odm:SubjectData[@SubjectKey='MIL-001']/@TransactionType")).isEqualTo("Insert");
    }

    @Test
    void aCorrectionIsAnUpdateOfTheSameFormWithItsReasonAndTheCompleteCorrectedValues() throws Exception {
        String form = "//odm:SubjectData[@SubjectKey='PAV-001']/odm:StudyEventData[@StudyEventOID='SE.W1']"
                + "/odm:FormData[@FormOID='F.MADRS.V1'][@FormRepeatKey='" + w1 + "']";
        assertThat(count(form)).isEqualTo(2);
        assertThat(text("(" + form + ")[1]/@TransactionType")).isEqualTo("Insert");
        assertThat(text("(" + form + ")[2]/@TransactionType")).isEqualTo("Update");
        String update = "(" + form + ")[2]";
        assertThat(text(update + "/odm:AuditRecord/odm:ReasonForChange")).isEqualTo(CORRECTION);
        assertThat(text(update + "/odm:AuditRecord/odm:UserRef/@UserOID")).isEqualTo("USR.dm-001");
        assertThat(text(update + "/odm:AuditRecord/odm:DateTimeStamp")).isEqualTo("2026-01-20T10:10:00.000Z");
        assertThat(text(update + "/odm:AuditRecord/odm:SourceID")).isEqualTo(correction.eventId().toString());
        assertThat(text("(" + form + ")[1]/odm:AuditRecord/odm:ReasonForChange")).isEmpty();
        // before: 2+2+2+2+2+2+1+1+1+1 = 16; after: item 1 is 1 → 15; every item and score again
        assertThat(text("(" + form + ")[1]//odm:ItemData[@ItemOID='I.MADRS.V1.MADRS_TOTAL']/@Value")).isEqualTo("16");
        assertThat(text(update + "//odm:ItemData[@ItemOID='I.MADRS.V1.MADRS_01']/@Value")).isEqualTo("1");
        assertThat(text(update + "//odm:ItemData[@ItemOID='I.MADRS.V1.MADRS_TOTAL']/@Value")).isEqualTo("15");
        assertThat(text(update + "//odm:ItemData[@ItemOID='I.MADRS.V1.MADRS_SEVERITY']/@Value")).isEqualTo("mild");
        assertThat(count(update + "//odm:ItemData[starts-with(@ItemOID, 'I.MADRS.V1.MADRS_')]")).isEqualTo(12);
    }

    @Test
    void aRetractionRemovesTheFormGivingItsReason() throws Exception {
        String form = "//odm:SubjectData[@SubjectKey='PAV-001']/odm:StudyEventData[@StudyEventOID='SE.M1']"
                + "/odm:FormData[@FormOID='F.AAQ2.V1'][@FormRepeatKey='" + aaq + "']";
        assertThat(count(form)).isEqualTo(2);
        assertThat(text("(" + form + ")[2]/@TransactionType")).isEqualTo("Remove");
        assertThat(text("(" + form + ")[2]/odm:AuditRecord/odm:ReasonForChange")).isEqualTo(RETRACTION);
        assertThat(count("(" + form + ")[2]/odm:ItemGroupData")).isZero();
    }

    @Test
    void everyFormCarriesWhoWhereAndWhenAndEveryReferenceIsDefined() throws Exception {
        assertThat(count("//odm:FormData")).isEqualTo(pav1.envelopes().size() + mil1.envelopes().size());
        assertThat(count("//odm:FormData[not(odm:AuditRecord/odm:UserRef/@UserOID) or not(odm:AuditRecord/odm:LocationRef/@LocationOID)"
                + " or not(odm:AuditRecord/odm:DateTimeStamp) or not(odm:AuditRecord/odm:SourceID)]")).isZero();
        assertThat(text("//odm:FormData[@FormOID='F.MADRS.V1'][1]/odm:AuditRecord/odm:UserRef/@UserOID")).isEqualTo("USR.rater-017");
        assertThat(distinct("//odm:ItemData/@ItemOID")).isNotEmpty().allSatisfy(oid ->
                assertThat(count("//odm:MetaDataVersion/odm:ItemDef[@OID='" + oid + "']")).as("ItemDef %s", oid).isEqualTo(1));
        assertThat(distinct("//odm:FormData/@FormOID")).allSatisfy(oid ->
                assertThat(count("//odm:MetaDataVersion/odm:FormDef[@OID='" + oid + "']")).as("FormDef %s", oid).isEqualTo(1));
        assertThat(distinct("//odm:StudyEventData/@StudyEventOID")).allSatisfy(oid ->
                assertThat(count("//odm:MetaDataVersion/odm:StudyEventDef[@OID='" + oid + "']")).as("StudyEventDef %s", oid).isEqualTo(1));
        assertThat(distinct("//odm:UserRef/@UserOID")).allSatisfy(oid ->
                assertThat(count("//odm:AdminData/odm:User[@OID='" + oid + "']")).as("User %s", oid).isEqualTo(1));
        assertThat(distinct("//odm:LocationRef/@LocationOID | //odm:SiteRef/@LocationOID")).containsExactly("LOC.MIL", "LOC.PAV")
                .allSatisfy(oid -> assertThat(count("//odm:AdminData/odm:Location[@OID='" + oid + "']")).isEqualTo(1));
    }

    @Test
    void dosesAreDosingSessionsKeyedBySessionNumber() throws Exception {
        String pav = "//odm:SubjectData[@SubjectKey='PAV-001']/odm:StudyEventData[@StudyEventOID='SE.DOSING']";
        assertThat(text(pav + "[@StudyEventRepeatKey='1']/odm:FormData[@FormOID='F.DOSE']//odm:ItemData[@ItemOID='I.DOSE.MG']/@Value"))
                .isEqualTo("56");
        assertThat(text(pav + "[@StudyEventRepeatKey='1']/odm:FormData[@FormOID='F.DOSE']/odm:AuditRecord/odm:UserRef/@UserOID"))
                .isEqualTo("USR.nurse-004");
        assertThat(count(pav + "[@StudyEventRepeatKey='1']/odm:FormData[@FormOID='F.CADSS.V1']")).isEqualTo(1);
        String second = pav + "[@StudyEventRepeatKey='2']/odm:FormData[@FormOID='F.DOSE']//odm:ItemData";
        assertThat(text(second + "[@ItemOID='I.DOSE.SYSBP_PRE']/@Value")).isEqualTo("150");
        assertThat(text(second + "[@ItemOID='I.DOSE.FLAG_PRE_DOSE_BP']/@Value")).isEqualTo("Y");
        assertThat(text(second + "[@ItemOID='I.DOSE.OVERRIDE_REASON']/@Value"))
                .isEqualTo("investigator judged the benefit to outweigh the risk");
        String withheld = pav + "[@StudyEventRepeatKey='3']/odm:FormData[@FormOID='F.DOSE']";
        assertThat(text(withheld + "/@TransactionType")).isEqualTo("Insert");
        assertThat(text(withheld + "//odm:ItemData[@ItemOID='I.DOSE.STATUS']/@Value")).isEqualTo("WITHHELD");
        assertThat(text(withheld + "//odm:ItemData[@ItemOID='I.DOSE.WITHHELD_REASON']/@Value")).isEqualTo("pre-dose BP 170/105");
        assertThat(count(withheld + "//odm:ItemData[@ItemOID='I.DOSE.MG']")).isZero();
        assertThat(text("//odm:ItemDef[@OID='I.DOSE.MG']/odm:MeasurementUnitRef/@MeasurementUnitOID")).isEqualTo("MU.MG");
    }

    // ------------------------------------------------------------------------------------------------ determinism, API

    @Test
    void exportingTwiceGivesTheSameBytesAndTheAdvertisedHash() throws Exception {
        byte[] again = http.getForEntity("/api/v1/exports/odm", byte[].class).getBody();
        assertThat(again).isEqualTo(file);
        @SuppressWarnings("unchecked")
        Map<String, Object> hash = http.getForObject("/api/v1/exports/odm?hash=true", Map.class);
        assertThat(((Number) hash.get("position")).longValue()).isEqualTo(lastPosition());
        assertThat(hash.get("sha256")).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file)));
    }

    @Test
    void malformedParametersAre422AndAnUnknownSubject404() {
        ResponseEntity<String> bad = http.getForEntity("/api/v1/exports/odm?center=pav&subject=PAV-1&hash=maybe", String.class);
        assertThat(bad.getStatusCode().value()).isEqualTo(422);
        assertThat(bad.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(bad.getBody()).contains("\"center\"", "\"subject\"", "\"hash\"");
        assertThat(http.getForEntity("/api/v1/exports/odm?center=MIL&subject=PAV-001", String.class).getStatusCode().value())
                .isEqualTo(422);
        assertThat(http.getForEntity("/api/v1/exports/odm?subject=PAV-099", String.class).getStatusCode().value())
                .isEqualTo(404);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private String text(String expression) throws Exception {
        return xpath.evaluate(expression, odm);
    }

    private int count(String expression) throws Exception {
        return ((Number) xpath.evaluate("count(" + expression + ")", odm, XPathConstants.NUMBER)).intValue();
    }

    private TreeSet<String> distinct(String expression) throws Exception {
        NodeList nodes = (NodeList) xpath.evaluate(expression, odm, XPathConstants.NODESET);
        TreeSet<String> values = new TreeSet<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            values.add(nodes.item(i).getNodeValue());
        }
        return values;
    }

    private static int[] cadss(int total) {
        int[] items = new int[23];
        for (int i = 0; i < total; i++) {
            items[i] = 1;
        }
        return items;
    }

    /** A schema document read from a local file. */
    private record LocalInput(String publicId, String systemId, String baseUri) implements LSInput {
        public java.io.Reader getCharacterStream() { return null; }
        public void setCharacterStream(java.io.Reader r) { }
        public InputStream getByteStream() {
            try {
                return URI.create(systemId).toURL().openStream();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        public void setByteStream(InputStream s) { }
        public String getStringData() { return null; }
        public void setStringData(String s) { }
        public String getSystemId() { return systemId; }
        public void setSystemId(String s) { }
        public String getPublicId() { return publicId; }
        public void setPublicId(String s) { }
        public String getBaseURI() { return baseUri; }
        public void setBaseURI(String s) { }
        public String getEncoding() { return null; }
        public void setEncoding(String s) { }
        public boolean getCertifiedText() { return false; }
        public void setCertifiedText(boolean b) { }
    }
}
