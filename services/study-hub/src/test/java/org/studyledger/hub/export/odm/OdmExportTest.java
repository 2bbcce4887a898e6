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
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedMetaData;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.studyledger.hub.HubProperties;
import org.studyledger.hub.HubTest;
import org.studyledger.hub.auditcheck.StoredEnvelopeReader;
import org.studyledger.hub.export.cache.ExportCache;
import org.studyledger.hub.ledger.LedgerIntake;
import org.studyledger.hub.projection.SubjectScript;
import org.studyledger.hub.asof.ContentHash;
import org.studyledger.kernel.envelope.EventEnvelope;
import org.studyledger.kernel.subject.AdverseEventSeverity;
import org.studyledger.kernel.subject.AssessmentId;
import org.studyledger.kernel.subject.BloodPressure;
import org.studyledger.kernel.subject.Relatedness;
import org.studyledger.kernel.subject.Sex;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
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
    @Autowired
    ExportCache exportCache;
    @Autowired
    StoredEnvelopeReader reader;
    @Autowired
    @Qualifier("eventSerializer")
    Serializer axonSerializer;

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
        pav1.adverseEvent("2026-01-16T10:00:00.000Z", "nausea", LocalDate.of(2026, 1, 16),
                AdverseEventSeverity.MODERATE, false, Relatedness.NOT_RELATED);
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

    // ------------------------------------------------------------------------------------------------ repeat keys, lengths

    @Test
    void everyOccurrenceOfARepeatingDefinitionHasARepeatKeyThatNamesOneOccurrencePerSubject() throws Exception {
        Map<String, Boolean> studyEvents = repeating("//odm:StudyEventDef");
        Map<String, Boolean> forms = repeating("//odm:FormDef");
        Map<String, Boolean> groups = repeating("//odm:ItemGroupDef");
        assertThat(studyEvents).containsEntry("SE.AE", true).containsEntry("SE.DOSING", true).containsEntry("SE.T0", false);
        NodeList subjects = nodes("//odm:SubjectData");
        for (int s = 0; s < subjects.getLength(); s++) {
            Element subject = (Element) subjects.item(s);
            String key = subject.getAttribute("SubjectKey");
            // (study event, repeat key) -> the forms inserted into that occurrence: a non-repeating form once
            Map<String, java.util.List<String>> occurrences = new java.util.TreeMap<>();
            Map<String, String> repeatingForms = new java.util.HashMap<>();
            for (Element se : children(subject, "StudyEventData")) {
                String oid = se.getAttribute("StudyEventOID");
                String repeatKey = se.getAttribute("StudyEventRepeatKey");
                assertThat(studyEvents).containsKey(oid);
                assertThat(repeatKey.isEmpty()).as("%s %s: a repeat key exactly when the definition repeats", key, oid)
                        .isEqualTo(!studyEvents.get(oid));
                for (Element form : children(se, "FormData")) {
                    String formOid = form.getAttribute("FormOID");
                    String formKey = form.getAttribute("FormRepeatKey");
                    assertThat(formKey.isEmpty()).as("%s %s: a form repeat key exactly when the form repeats", key, formOid)
                            .isEqualTo(!forms.get(formOid));
                    if (!form.getAttribute("TransactionType").equals("Insert")) {
                        continue;
                    }
                    occurrences.computeIfAbsent(oid + "#" + repeatKey, k -> new java.util.ArrayList<>())
                            .add(formOid + "#" + formKey);
                    if (!formKey.isEmpty()) {
                        // a repeating form's occurrence belongs to one study event occurrence of the subject
                        assertThat(repeatingForms.put(formOid + "#" + formKey, oid + "#" + repeatKey))
                                .as("%s: %s#%s inserted once", key, formOid, formKey).isNull();
                    }
                    for (Element group : children(form, "ItemGroupData")) {
                        assertThat(group.getAttribute("ItemGroupRepeatKey").isEmpty()).as("%s %s", key, formOid)
                                .isEqualTo(!groups.get(group.getAttribute("ItemGroupOID")));
                    }
                }
            }
            occurrences.forEach((occurrence, inserted) -> assertThat(inserted).as("%s %s", key, occurrence)
                    .doesNotHaveDuplicates());
            // one adverse event per SE.AE occurrence, one session per SE.DOSING occurrence
            occurrences.forEach((occurrence, inserted) -> {
                if (occurrence.startsWith("SE.AE#")) {
                    assertThat(inserted).as(occurrence).hasSize(1);
                    assertThat(inserted.get(0)).isEqualTo("F.AE#" + occurrence.substring("SE.AE#".length()));
                }
                if (occurrence.startsWith("SE.DOSING#")) {
                    assertThat(inserted.stream().filter(f -> f.startsWith("F.DOSE#")).count()).as(occurrence).isLessThanOrEqualTo(1);
                }
            });
        }
        String ae = "//odm:SubjectData[@SubjectKey='PAV-001']/odm:StudyEventData[@StudyEventOID='SE.AE']";
        assertThat(count(ae)).isEqualTo(2);
        assertThat(distinct(ae + "/@StudyEventRepeatKey")).hasSize(2);
        assertThat(text(ae + "[odm:FormData//odm:ItemData[@ItemOID='I.AE.TERM'][@Value='nausea']]/@StudyEventRepeatKey"))
                .isEqualTo(text(ae + "//odm:ItemData[@ItemOID='I.AE.TERM'][@Value='nausea']/../../@FormRepeatKey"));
        // the session number is the dosing occurrence's key, on the dose and on the session's CADSS form
        NodeList sessions = nodes("//odm:StudyEventData[@StudyEventOID='SE.DOSING']");
        for (int i = 0; i < sessions.getLength(); i++) {
            Element se = (Element) sessions.item(i);
            String session = xpath.evaluate(".//odm:ItemData[@ItemOID='I.DOSE.SESSION']/@Value", se);
            if (!session.isEmpty()) {
                assertThat(se.getAttribute("StudyEventRepeatKey")).isEqualTo(session);
            }
        }
    }

    @Test
    void everyItemDefHasTheLengthOdm132AsksForAndEveryValueFitsIt() throws Exception {
        Map<String, Element> defs = new java.util.HashMap<>();
        NodeList itemDefs = nodes("//odm:MetaDataVersion/odm:ItemDef");
        for (int i = 0; i < itemDefs.getLength(); i++) {
            Element def = (Element) itemDefs.item(i);
            String oid = def.getAttribute("OID");
            defs.put(oid, def);
            String type = def.getAttribute("DataType");
            boolean sized = type.equals("text") || type.equals("integer") || type.equals("float");
            assertThat(def.hasAttribute("Length")).as("%s (%s) has a Length exactly when ODM 1.3.2 asks for one", oid, type)
                    .isEqualTo(sized);
            assertThat(def.hasAttribute("SignificantDigits")).as("%s (%s): SignificantDigits for a float", oid, type)
                    .isEqualTo(type.equals("float"));
            if (sized) {
                assertThat(Integer.parseInt(def.getAttribute("Length"))).as(oid).isPositive();
            }
            assertThat(type).as(oid).isIn("text", "integer", "float", "date", "datetime");
        }
        assertThat(defs).hasSizeGreaterThan(100);
        NodeList values = nodes("//odm:ItemData[@Value]");
        assertThat(values.getLength()).isGreaterThan(100);
        Map<String, Integer> longest = new java.util.TreeMap<>();
        for (int i = 0; i < values.getLength(); i++) {
            Element data = (Element) values.item(i);
            String oid = data.getAttribute("ItemOID");
            String value = data.getAttribute("Value");
            Element def = defs.get(oid);
            String type = def.getAttribute("DataType");
            String as = oid + " = " + value;
            switch (type) {
                case "text" -> {
                    int length = value.codePointCount(0, value.length());
                    assertThat(length).as(as).isLessThanOrEqualTo(Integer.parseInt(def.getAttribute("Length")));
                    longest.merge(oid, length, Math::max);
                }
                case "integer" -> {
                    // Length N: every whole number of magnitude below 10^N
                    java.math.BigInteger magnitude = new java.math.BigInteger(value).abs();
                    assertThat(magnitude).as(as).isLessThan(java.math.BigInteger.TEN.pow(
                            Integer.parseInt(def.getAttribute("Length"))));
                }
                case "float" -> {
                    // Length N, SignificantDigits M: magnitude below 10^(N-M), at most M digits after the point
                    java.math.BigDecimal number = new java.math.BigDecimal(value);
                    int length = Integer.parseInt(def.getAttribute("Length"));
                    int digits = Integer.parseInt(def.getAttribute("SignificantDigits"));
                    assertThat(Math.max(number.scale(), 0)).as(as).isLessThanOrEqualTo(digits);
                    assertThat(number.abs()).as(as).isLessThan(java.math.BigDecimal.TEN.pow(length - digits));
                }
                case "date" -> assertThat(value).as(as).matches("\\d{4}-\\d{2}-\\d{2}");
                case "datetime" -> assertThat(value).as(as).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
                default -> throw new AssertionError(as + ": unexpected type " + type);
            }
        }
        assertThat(longest).containsKeys("I.DOSE.OVERRIDE_REASON", "I.END.REASON", "I.AE.TERM", "I.DOSE.ID");
        // the lengths are the defined ones, not the data's
        assertThat(text("//odm:ItemDef[@OID='I.DOSE.ID']/@Length")).isEqualTo("36");
        assertThat(text("//odm:ItemDef[@OID='I.AE.TERM']/@Length")).isEqualTo("200");
        assertThat(text("//odm:ItemDef[@OID='I.DOSE.STATUS']/@Length")).isEqualTo("12");
        assertThat(text("//odm:ItemDef[@OID='I.AE.RELATEDNESS']/@Length")).isEqualTo("11");
        assertThat(text("//odm:ItemDef[@OID='I.DOSE.MG']/@Length")).as("84 mg at most").isEqualTo("2");
        assertThat(text("//odm:ItemDef[@OID='I.DOSE.SYSBP_PRE']/@Length")).isEqualTo("3");
        assertThat(text("//odm:ItemDef[@OID='I.ENROL.BIRTH_YEAR']/@Length")).isEqualTo("4");
        assertThat(text("//odm:ItemDef[@OID='I.ASMT.STUDY_DAY']/@Length")).isEqualTo("10");
        assertThat(text("//odm:ItemDef[@OID='I.MADRS.V1.MADRS_01']/@Length")).as("0-6").isEqualTo("1");
        assertThat(text("//odm:ItemDef[@OID='I.MADRS.V1.MADRS_TOTAL']/@Length")).as("0-60").isEqualTo("2");
        assertThat(text("//odm:ItemDef[@OID='I.MADRS.V1.MADRS_SEVERITY']/@Length")).as("normal/absent").isEqualTo("13");
        assertThat(text("//odm:ItemDef[@OID='I.RFQ8.V1.RFQ_C']/@DataType")).isEqualTo("float");
        assertThat(text("//odm:ItemDef[@OID='I.RFQ8.V1.RFQ_C']/@Length")).as("0-3, four decimals").isEqualTo("5");
        assertThat(text("//odm:ItemDef[@OID='I.RFQ8.V1.RFQ_C']/@SignificantDigits")).isEqualTo("4");
        assertThat(count("//odm:ItemDef[@OID='I.ASMT.DTC'][@Length]")).isZero();
        // the same value has the same length in the ODM and in the analysis datasets (one definition)
        Map<String, String> shared = Map.of("I.DOSE.OVERRIDE_REASON", "ADEX.OVRREAS", "I.DOSE.WITHHELD_REASON", "ADEX.WHREAS",
                "I.END.REASON", "ADSL.DCSREAS", "I.ASMT.ID", "ADQS.QSREFID", "I.DOSE.ID", "ADEX.EXREFID",
                "I.ENROL.PROTOCOL_VERSION", "ADSL.PROTVER", "I.ENROL.SEX", "ADSL.SEX", "I.DOSE.FLAG_NOTABLE_RISE", "ADEX.BPRISEFL");
        shared.forEach((item, variable) -> {
            String[] at = variable.split("\\.");
            Integer length = org.studyledger.hub.dataset.dictionary.DataDictionary.byName(at[0]).orElseThrow()
                    .variable(at[1]).orElseThrow().length();
            assertThat(defs.get(item).getAttribute("Length")).as("%s and %s", item, variable).isEqualTo(length.toString());
        });
    }

    private Map<String, Boolean> repeating(String definitions) throws Exception {
        Map<String, Boolean> repeating = new java.util.HashMap<>();
        NodeList defs = nodes(definitions);
        for (int i = 0; i < defs.getLength(); i++) {
            Element def = (Element) defs.item(i);
            repeating.put(def.getAttribute("OID"), def.getAttribute("Repeating").equals("Yes"));
        }
        return repeating;
    }

    private NodeList nodes(String expression) throws Exception {
        return (NodeList) xpath.evaluate(expression, odm, XPathConstants.NODESET);
    }

    private static java.util.List<Element> children(Element parent, String name) {
        java.util.List<Element> children = new java.util.ArrayList<>();
        for (org.w3c.dom.Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getLocalName())) {
                children.add(e);
            }
        }
        return children;
    }

    // ------------------------------------------------------------------------------------------------ determinism, API

    /**
     * The export reads stored events with the kernel's JSON mapping straight from the table's bytes, where it used to
     * go through Axon's event serializer: every stored event of the scripted cohort (every kind the export writes)
     * reads as the same record and header both ways. The file is a function of those values alone, so it is
     * byte for byte what the serializer's path wrote.
     */
    @Test
    void everyStoredEventReadsAsAxonsSerializerReadsIt() throws Exception {
        java.util.List<Map<String, Object>> rows = jdbc.queryForList(
                "SELECT payload_type, payload_revision, payload, meta_data FROM domain_event_entry ORDER BY global_index");
        assertThat(rows).hasSizeGreaterThan(15);
        java.util.Set<String> types = new TreeSet<>();
        for (Map<String, Object> row : rows) {
            String type = (String) row.get("payload_type");
            String revision = (String) row.get("payload_revision");
            byte[] payload = (byte[]) row.get("payload");
            byte[] metaData = (byte[]) row.get("meta_data");
            StoredEnvelopeReader.Decoded read = reader.decode(type, revision, payload, metaData);
            Object viaAxon = axonSerializer.deserialize(new SimpleSerializedObject<>(payload, byte[].class, type, revision));
            MetaData metadataViaAxon = axonSerializer.deserialize(new SerializedMetaData<>(metaData, byte[].class));
            assertThat(read.event()).as(type).isEqualTo(viaAxon);
            assertThat(read.header()).isEqualTo(org.studyledger.kernel.envelope.EnvelopeHeader.fromMetadata(metadataViaAxon));
            types.add(type.substring(type.lastIndexOf('.') + 1));
        }
        assertThat(types).contains("SubjectEnrolled", "AssessmentRecorded", "AssessmentCorrected", "AssessmentRetracted",
                "DoseAdministered", "DoseWithheld", "AdverseEventReported", "SubjectDiscontinued", "FollowUpCompleted");
    }

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
    void theSameFileAskedAgainIsSentFromTheRenderedFileAndEachViewIsAFileOfItsOwn() throws Exception {
        ResponseEntity<byte[]> audited = http.getForEntity("/api/v1/exports/odm", byte[].class);
        long renders = exportCache.renders();
        ResponseEntity<byte[]> again = http.getForEntity("/api/v1/exports/odm", byte[].class);
        assertThat(exportCache.renders()).as("sent from the file").isEqualTo(renders);
        assertThat(again.getBody()).isEqualTo(audited.getBody()).isEqualTo(file);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file));
        assertThat(again.getHeaders().getFirst(ContentHash.HEADER)).isEqualTo(sha);
        assertThat(again.getHeaders().getContentLength()).isEqualTo(file.length);

        // the analysts' view of the same scope and cut is another file: no staff id may come from the auditors' one
        ResponseEntity<byte[]> clinical = http.getForEntity("/api/v1/exports/odm?audit_records=false", byte[].class);
        ResponseEntity<byte[]> clinicalAgain = http.getForEntity("/api/v1/exports/odm?audit_records=false", byte[].class);
        assertThat(clinicalAgain.getBody()).isEqualTo(clinical.getBody()).isNotEqualTo(file);
        assertThat(new String(clinical.getBody(), java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("AuditRecord");
        assertThat(clinicalAgain.getHeaders().getFirst(ContentHash.HEADER))
                .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(clinical.getBody())));
        assertThat(exportCache.renders()).isLessThanOrEqualTo(renders + 1);

        // the hash alone comes from the same file
        @SuppressWarnings("unchecked")
        Map<String, Object> hash = http.getForObject("/api/v1/exports/odm?hash=true", Map.class);
        assertThat(hash.get("sha256")).isEqualTo(sha);
        assertThat(exportCache.renders()).isLessThanOrEqualTo(renders + 1);
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
