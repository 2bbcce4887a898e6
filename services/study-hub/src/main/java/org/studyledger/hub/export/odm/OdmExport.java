package org.studyledger.hub.export.odm;

import static org.studyledger.hub.export.odm.OdmDefinitions.F_AE;
import static org.studyledger.hub.export.odm.OdmDefinitions.F_DOSE;
import static org.studyledger.hub.export.odm.OdmDefinitions.F_END;
import static org.studyledger.hub.export.odm.OdmDefinitions.F_ENROL;
import static org.studyledger.hub.export.odm.OdmDefinitions.MDV_OID;
import static org.studyledger.hub.export.odm.OdmDefinitions.SE_AE;
import static org.studyledger.hub.export.odm.OdmDefinitions.SE_DOSING;
import static org.studyledger.hub.export.odm.OdmDefinitions.SE_END;
import static org.studyledger.hub.export.odm.OdmDefinitions.SE_ENROL;
import static org.studyledger.hub.export.odm.OdmDefinitions.STUDY_OID;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.studyledger.hub.api.InstantText;
import org.studyledger.hub.export.odm.OdmLedger.Cut;
import org.studyledger.hub.export.odm.OdmLedger.Entry;
import org.studyledger.kernel.envelope.EnvelopeHeader;
import org.studyledger.kernel.instrument.Instrument;
import org.studyledger.kernel.instrument.InstrumentRef;
import org.studyledger.kernel.instrument.Item;
import org.studyledger.kernel.instrument.ScoreRule;
import org.studyledger.kernel.instrument.ScoreSet;
import org.studyledger.kernel.subject.BloodPressure;
import org.studyledger.kernel.subject.DoseFlag;
import org.studyledger.kernel.subject.event.AdverseEventReported;
import org.studyledger.kernel.subject.event.AssessmentCorrected;
import org.studyledger.kernel.subject.event.AssessmentRecorded;
import org.studyledger.kernel.subject.event.AssessmentRetracted;
import org.studyledger.kernel.subject.event.DoseAdministered;
import org.studyledger.kernel.subject.event.DoseWithheld;
import org.studyledger.kernel.subject.event.FollowUpCompleted;
import org.studyledger.kernel.subject.event.StudyEventVisitor;
import org.studyledger.kernel.subject.event.SubjectDiscontinued;
import org.studyledger.kernel.subject.event.SubjectEnrolled;

/**
 * Writes the ledger as a transactional CDISC ODM 1.3.2 file (docs/odm-export.md) with {@link OdmXml} (the bytes the
 * StAX writer it replaced wrote, without its cost): the metadata, the users and locations, then one {@code SubjectData} per subject with one
 * {@code StudyEventData/FormData} per event, in sequence order, each with its {@code AuditRecord}. Everything comes
 * from the stored events up to a fixed ledger position, so the same position gives the same bytes.
 */
@Component
public class OdmExport {
    static final String NS = "http://www.cdisc.org/ns/odm/v1.3";
    private static final Logger log = LoggerFactory.getLogger(OdmExport.class);

    private final OdmLedger ledger;
    private final OdmDefinitions definitions = OdmDefinitions.standard();
    private final Map<InstrumentRef, Layout> layouts = new java.util.concurrent.ConcurrentHashMap<>();

    OdmExport(OdmLedger ledger) {
        this.ledger = ledger;
    }

    /** The ledger position and acceptance time an export of this scope would end at, right now. */
    Cut cut(String centerId, String subjectId) {
        return ledger.cut(centerId, subjectId);
    }

    /** The ledger position and acceptance time an export of this scope ends at as of ledger position {@code upTo}. */
    Cut cut(String centerId, String subjectId, long upTo) {
        return ledger.cut(centerId, subjectId, upTo);
    }

    /** How many ledger events in scope are at or before {@code cut}. */
    long count(String centerId, String subjectId, Cut cut) {
        return cut.position() < 0 ? 0 : ledger.count(centerId, subjectId, cut.position());
    }

    boolean knowsSubject(String subjectId) {
        return ledger.knowsSubject(subjectId);
    }

    /**
     * The file's OID: study, scope and last ledger position, and {@code .CLINICAL} for the file without audit records
     * (another file of the same scope and position).
     */
    static String fileOid(String centerId, String subjectId, Cut cut, boolean auditRecords) {
        String scope = subjectId != null ? subjectId : centerId != null ? centerId : "ALL";
        return "ODM." + STUDY_OID + "." + scope + ".P" + cut.position() + (auditRecords ? "" : ".CLINICAL");
    }

    /** Writes the export of the scope up to {@code cut} (from {@link #cut}) to {@code out}; does not close it. */
    void write(String centerId, String subjectId, Cut cut, OutputStream out) {
        write(centerId, subjectId, cut, true, out);
    }

    /**
     * Writes the export of the scope up to {@code cut} to {@code out}, with the audit records or without them: the
     * analysts' file carries the clinical data but no staff id (no users, no audit records, no rater).
     */
    void write(String centerId, String subjectId, Cut cut, boolean auditRecords, OutputStream out) {
        try {
            OdmXml xml = new OdmXml(out);
            xml.startDocument();
            xml.start("ODM");
            xml.attribute("xmlns", NS);
            xml.attribute("FileType", "Transactional");
            xml.attribute("FileOID", fileOid(centerId, subjectId, cut, auditRecords));
            xml.attribute("CreationDateTime", datetime(cut.acceptedAt() == null ? Instant.EPOCH : cut.acceptedAt()));
            xml.attribute("ODMVersion", "1.3.2");
            xml.attribute("Originator", "StudyLedger");
            xml.attribute("SourceSystem", "StudyLedger study hub");
            writeStudy(xml);
            ledger.inSnapshot(() -> {
                try {
                    writeAdminData(xml, centerId, subjectId, cut, auditRecords);
                    xml.start("ClinicalData");
                    xml.attribute("StudyOID", STUDY_OID);
                    xml.attribute("MetaDataVersionOID", MDV_OID);
                    if (cut.position() >= 0) {
                        ledger.forEachSubject(centerId, subjectId, cut.position(), (subject, events) -> {
                            try {
                                writeSubject(xml, subject, events, auditRecords);
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        });
                    }
                    xml.end();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            xml.end();
            xml.endDocument();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------------------------------------ Study

    private void writeStudy(OdmXml xml) throws IOException {
        xml.start("Study");
        xml.attribute("OID", STUDY_OID);
        xml.start("GlobalVariables");
        text(xml, "StudyName", STUDY_OID);
        text(xml, "StudyDescription", "ESK-TRD: esketamine nasal spray in treatment-resistant depression");
        text(xml, "ProtocolName", STUDY_OID);
        xml.end();
        xml.start("BasicDefinitions");
        unit(xml, OdmDefinitions.MU_MG, "mg");
        unit(xml, OdmDefinitions.MU_MMHG, "mmHg");
        unit(xml, OdmDefinitions.MU_MIN, "min");
        xml.end();

        xml.start("MetaDataVersion");
        xml.attribute("OID", MDV_OID);
        xml.attribute("Name", "ESK-TRD protocol version 1");
        xml.start("Protocol");
        int order = 1;
        for (OdmDefinitions.StudyEventSpec se : definitions.studyEvents()) {
            xml.empty("StudyEventRef");
            xml.attribute("StudyEventOID", se.oid());
            xml.attribute("OrderNumber", Integer.toString(order++));
            xml.attribute("Mandatory", yesNo(se.mandatory()));
        }
        xml.end();
        for (OdmDefinitions.StudyEventSpec se : definitions.studyEvents()) {
            xml.start("StudyEventDef");
            xml.attribute("OID", se.oid());
            xml.attribute("Name", se.name());
            xml.attribute("Repeating", yesNo(se.repeating()));
            xml.attribute("Type", se.type());
            int n = 1;
            for (String form : se.formOids()) {
                xml.empty("FormRef");
                xml.attribute("FormOID", form);
                xml.attribute("OrderNumber", Integer.toString(n++));
                xml.attribute("Mandatory", "No");
            }
            xml.end();
        }
        for (OdmDefinitions.FormSpec form : definitions.forms()) {
            xml.start("FormDef");
            xml.attribute("OID", form.oid());
            xml.attribute("Name", form.name());
            xml.attribute("Repeating", yesNo(form.repeating()));
            xml.empty("ItemGroupRef");
            xml.attribute("ItemGroupOID", form.groupOid());
            xml.attribute("Mandatory", "Yes");
            xml.end();
        }
        for (OdmDefinitions.FormSpec form : definitions.forms()) {
            xml.start("ItemGroupDef");
            xml.attribute("OID", form.groupOid());
            xml.attribute("Name", form.name());
            xml.attribute("Repeating", "No");
            int n = 1;
            for (OdmDefinitions.ItemSpec item : form.items()) {
                xml.empty("ItemRef");
                xml.attribute("ItemOID", item.oid());
                xml.attribute("OrderNumber", Integer.toString(n++));
                xml.attribute("Mandatory", "No");
            }
            xml.end();
        }
        for (OdmDefinitions.ItemSpec item : definitions.items()) {
            xml.start("ItemDef");
            xml.attribute("OID", item.oid());
            xml.attribute("Name", item.name());
            xml.attribute("DataType", item.dataType());
            if (item.length() != null) {
                xml.attribute("Length", Integer.toString(item.length()));
            }
            if (item.significantDigits() != null) {
                xml.attribute("SignificantDigits", Integer.toString(item.significantDigits()));
            }
            if (item.label() != null && !item.label().isBlank()) {
                xml.start("Question");
                text(xml, "TranslatedText", item.label());
                xml.end();
            }
            if (item.unitOid() != null) {
                xml.empty("MeasurementUnitRef");
                xml.attribute("MeasurementUnitOID", item.unitOid());
            }
            xml.end();
        }
        xml.end(); // MetaDataVersion
        xml.end(); // Study
    }

    private static void unit(OdmXml xml, String oid, String symbol) throws IOException {
        xml.start("MeasurementUnit");
        xml.attribute("OID", oid);
        xml.attribute("Name", symbol);
        xml.start("Symbol");
        text(xml, "TranslatedText", symbol);
        xml.end();
        xml.end();
    }

    // ------------------------------------------------------------------------------------------------ AdminData

    /**
     * Users (every actor in scope) and locations (every center in scope), from a first pass over the events' headers
     * (their metadata alone, in storage order: the result does not depend on the order).
     */
    private void writeAdminData(OdmXml xml, String centerId, String subjectId, Cut cut, boolean auditRecords)
            throws IOException {
        SortedMap<String, Set<String>> actors = new TreeMap<>();
        SortedMap<String, Instant> centers = new TreeMap<>();
        if (cut.position() >= 0) {
            ledger.forEachHeader(centerId, subjectId, cut.position(), header -> {
                actors.computeIfAbsent(header.actor().id(), a -> new TreeSet<>()).add(header.actor().role());
                centers.merge(header.centerId().value(), header.recordedAt(), (a, b) -> a.isBefore(b) ? a : b);
            });
        }
        xml.start("AdminData");
        xml.attribute("StudyOID", STUDY_OID);
        for (Map.Entry<String, Set<String>> actor : auditRecords ? actors.entrySet() : Set.<Map.Entry<String, Set<String>>>of()) {
            xml.start("User");
            xml.attribute("OID", userOid(actor.getKey()));
            xml.attribute("UserType", actor.getValue().contains("investigator") ? "Investigator" : "Other");
            text(xml, "DisplayName", actor.getKey() + " (" + String.join(", ", actor.getValue()) + ")");
            xml.end();
        }
        for (Map.Entry<String, Instant> center : centers.entrySet()) {
            xml.start("Location");
            xml.attribute("OID", locationOid(center.getKey()));
            xml.attribute("Name", center.getKey());
            xml.attribute("LocationType", "Site");
            xml.empty("MetaDataVersionRef");
            xml.attribute("StudyOID", STUDY_OID);
            xml.attribute("MetaDataVersionOID", MDV_OID);
            xml.attribute("EffectiveDate", center.getValue().atZone(ZoneOffset.UTC).toLocalDate().toString());
            xml.end();
        }
        xml.end();
    }

    static String userOid(String actorId) {
        return "USR." + actorId;
    }

    static String locationOid(String centerId) {
        return "LOC." + centerId;
    }

    // ------------------------------------------------------------------------------------------------ ClinicalData

    /** Where an assessment's form lives, and the item OIDs its latest values carry (for corrections). */
    private record Placement(String studyEventOid, String repeatKey, String formOid, InstrumentRef instrument,
                             Set<String> itemOids) {
    }

    /** One event as one FormData: where it goes, how it changes the form, and its items. */
    private record FormRecord(String studyEventOid, String studyEventRepeatKey, String formOid, String formRepeatKey,
                              String transactionType, String reasonForChange, List<String[]> items) {
    }

    private void writeSubject(OdmXml xml, String subject, List<Entry> events, boolean auditRecords)
            throws IOException {
        xml.start("SubjectData");
        xml.attribute("SubjectKey", subject);
        xml.attribute("TransactionType", "Insert");
        if (!events.isEmpty()) {
            if (auditRecords) {
                auditRecord(xml, events.get(0).header(), null);
            }
            xml.empty("SiteRef");
            xml.attribute("LocationOID", locationOid(events.get(0).header().centerId().value()));
        }
        Map<String, Placement> assessments = new HashMap<>();
        for (Entry e : events) {
            FormRecord form = formOf(e, assessments);
            if (form == null) {
                continue;
            }
            xml.start("StudyEventData");
            xml.attribute("StudyEventOID", form.studyEventOid());
            if (form.studyEventRepeatKey() != null) {
                xml.attribute("StudyEventRepeatKey", form.studyEventRepeatKey());
            }
            // an inserted form creates its study event if needed; an update or removal only names it
            xml.attribute("TransactionType", form.transactionType().equals("Insert") ? "Upsert" : "Context");
            xml.start("FormData");
            xml.attribute("FormOID", form.formOid());
            if (form.formRepeatKey() != null) {
                xml.attribute("FormRepeatKey", form.formRepeatKey());
            }
            xml.attribute("TransactionType", form.transactionType());
            if (auditRecords) {
                auditRecord(xml, e.header(), form.reasonForChange());
            }
            if (!form.items().isEmpty()) {
                xml.start("ItemGroupData");
                xml.attribute("ItemGroupOID", OdmDefinitions.groupOid(form.formOid()));
                xml.attribute("TransactionType", form.transactionType().equals("Insert") ? "Insert" : "Upsert");
                for (String[] item : form.items()) {
                    if (!auditRecords && item[0].equals(OdmDefinitions.I_ASMT_RATER)) {
                        continue; // a staff id
                    }
                    xml.empty("ItemData");
                    xml.attribute("ItemOID", item[0]);
                    if (item[1] == null) {
                        xml.attribute("TransactionType", "Remove");
                        xml.attribute("IsNull", "Yes");
                    } else {
                        xml.attribute("TransactionType", form.transactionType().equals("Insert") ? "Insert" : "Upsert");
                        xml.attribute("Value", clean(item[1]));
                        warnIfTooLong(subject, item[0], item[1]);
                    }
                }
                xml.end();
            }
            xml.end(); // FormData
            xml.end(); // StudyEventData
        }
        xml.end(); // SubjectData
    }

    /** A value longer than its ItemDef's Length is written in full, never cut; the operators hear of it. */
    private void warnIfTooLong(String subject, String itemOid, String value) {
        definitions.item(itemOid).filter(spec -> spec.tooLong(value)).ifPresent(spec -> log.warn(
                "ODM export: {} of {} has {} characters, more than its Length {}; written in full", itemOid, subject,
                value.codePointCount(0, value.length()), spec.length()));
    }

    private void auditRecord(OdmXml xml, EnvelopeHeader header, String reason) throws IOException {
        xml.start("AuditRecord");
        xml.empty("UserRef");
        xml.attribute("UserOID", userOid(header.actor().id()));
        xml.empty("LocationRef");
        xml.attribute("LocationOID", locationOid(header.centerId().value()));
        text(xml, "DateTimeStamp", datetime(header.recordedAt()));
        if (reason != null) {
            text(xml, "ReasonForChange", reason);
        }
        text(xml, "SourceID", header.eventId().toString());
        xml.end();
    }

    private FormRecord formOf(Entry e, Map<String, Placement> assessments) {
        return e.event().accept(new FormOf(e, assessments));
    }

    /** The ODM form record of each kind of event; {@code null} when it is left out. */
    private final class FormOf implements StudyEventVisitor<FormRecord> {
        private final Entry e;
        private final Map<String, Placement> assessments;

        FormOf(Entry e, Map<String, Placement> assessments) {
            this.e = e;
            this.assessments = assessments;
        }

        @Override
        public FormRecord visit(SubjectEnrolled s) {
            return new FormRecord(SE_ENROL, null, F_ENROL, null, "Insert", null, items(
                    "I.ENROL.ENROLMENT_DATE", s.enrolmentDate(), "I.ENROL.CONSENT_DATE", s.consentDate(),
                    "I.ENROL.CONSENT_VERSION", s.consentVersion(), "I.ENROL.PROTOCOL_VERSION", s.protocolVersion(),
                    "I.ENROL.BIRTH_YEAR", s.birthYear(), "I.ENROL.SEX", s.sex(),
                    "I.ENROL.EPISODE_MONTHS", s.episodeDurationMonths(),
                    "I.ENROL.FAILED_TRIALS", s.failedAntidepressantTrials()));
        }

        @Override
        public FormRecord visit(AssessmentRecorded a) {
            String se = a.visit() != null ? OdmDefinitions.visitOid(a.visit()) : SE_DOSING;
            String seKey = a.visit() != null ? null : a.doseSession().toString();
            String form = OdmDefinitions.formOid(a.instrument().code(), a.instrument().version());
            List<String[]> items = items(OdmDefinitions.I_ASMT_ID, a.assessmentId(),
                    OdmDefinitions.I_ASMT_DTC, datetime(a.administeredAt()), OdmDefinitions.I_ASMT_RATER, a.rater(),
                    OdmDefinitions.I_ASMT_STUDY_DAY, a.studyDay(), OdmDefinitions.I_ASMT_OUT_OF_WINDOW, yn(a.outOfWindow()));
            Set<String> itemOids = new LinkedHashSet<>();
            responses(a.instrument(), a.items(), a.scores(), items, itemOids);
            assessments.put(a.assessmentId().toString(), new Placement(se, seKey, form, a.instrument(), itemOids));
            return new FormRecord(se, seKey, form, a.assessmentId().toString(), "Insert", null, items);
        }

        @Override
        public FormRecord visit(AssessmentCorrected c) {
            Placement p = assessments.get(c.assessmentId().toString());
            if (p == null) {
                log.error("ODM export: correction {} names assessment {} unknown to {}; left out", e.header().eventId(),
                        c.assessmentId(), e.header().subjectId());
                return null;
            }
            List<String[]> items = new ArrayList<>();
            Set<String> itemOids = new LinkedHashSet<>();
            responses(p.instrument(), c.items(), c.scores(), items, itemOids);
            for (String before : p.itemOids()) {
                if (!itemOids.contains(before)) {
                    items.add(new String[] {before, null});
                }
            }
            assessments.put(c.assessmentId().toString(), new Placement(p.studyEventOid(), p.repeatKey(), p.formOid(),
                    p.instrument(), itemOids));
            return new FormRecord(p.studyEventOid(), p.repeatKey(), p.formOid(), c.assessmentId().toString(), "Update",
                    c.reason(), items);
        }

        @Override
        public FormRecord visit(AssessmentRetracted r) {
            Placement p = assessments.get(r.assessmentId().toString());
            if (p == null) {
                log.error("ODM export: retraction {} names assessment {} unknown to {}; left out", e.header().eventId(),
                        r.assessmentId(), e.header().subjectId());
                return null;
            }
            return new FormRecord(p.studyEventOid(), p.repeatKey(), p.formOid(), r.assessmentId().toString(), "Remove",
                    r.reason(), List.of());
        }

        @Override
        public FormRecord visit(DoseAdministered d) {
            return new FormRecord(SE_DOSING, Integer.toString(d.sessionNumber()), F_DOSE, null, "Insert", null, items(
                    "I.DOSE.ID", d.doseId(), "I.DOSE.STATUS", OdmDefinitions.DOSE_ADMINISTERED, "I.DOSE.SESSION", d.sessionNumber(),
                    "I.DOSE.DTC", datetime(d.administeredAt()), "I.DOSE.MG", d.doseMg(), "I.DOSE.DEVICES", d.devices(),
                    "I.DOSE.SYSBP_PRE", d.bpBefore().systolic(), "I.DOSE.DIABP_PRE", d.bpBefore().diastolic(),
                    "I.DOSE.SYSBP_POST", d.bpAfter().systolic(), "I.DOSE.DIABP_POST", d.bpAfter().diastolic(),
                    "I.DOSE.MONITORING", d.monitoringMinutes(), "I.DOSE.OVERRIDE_REASON", d.overrideReason(),
                    "I.DOSE.FLAG_PRE_DOSE_BP", yn(d.has(DoseFlag.PRE_DOSE_BP_ABOVE_THRESHOLD)),
                    "I.DOSE.FLAG_NOTABLE_RISE", yn(d.has(DoseFlag.NOTABLE_BP_RISE)),
                    "I.DOSE.FLAG_MONITORING_SHORT", yn(d.has(DoseFlag.MONITORING_SHORT))));
        }

        @Override
        public FormRecord visit(DoseWithheld w) {
            BloodPressure bp = w.bpBefore();
            return new FormRecord(SE_DOSING, Integer.toString(w.sessionNumber()), F_DOSE, null, "Insert", null, items(
                    "I.DOSE.ID", w.doseId(), "I.DOSE.STATUS", OdmDefinitions.DOSE_WITHHELD, "I.DOSE.SESSION", w.sessionNumber(),
                    "I.DOSE.DTC", datetime(w.decidedAt()),
                    "I.DOSE.SYSBP_PRE", bp == null ? null : bp.systolic(), "I.DOSE.DIABP_PRE", bp == null ? null : bp.diastolic(),
                    "I.DOSE.WITHHELD_REASON", w.reason()));
        }

        @Override
        public FormRecord visit(AdverseEventReported ae) {
            // SE.AE repeats: each adverse event is its own occurrence, keyed by its id as its form is
            String key = ae.adverseEventId().toString();
            return new FormRecord(SE_AE, key, F_AE, key, "Insert", null, items(
                    "I.AE.ID", ae.adverseEventId(), "I.AE.TERM", ae.term(), "I.AE.ONSET", ae.onsetDate(),
                    "I.AE.SEVERITY", ae.severity(), "I.AE.SERIOUS", yn(ae.serious()), "I.AE.RELATEDNESS", ae.relatedness()));
        }

        @Override
        public FormRecord visit(SubjectDiscontinued d) {
            return new FormRecord(SE_END, null, F_END, null, "Insert", null, items("I.END.STATUS", OdmDefinitions.END_DISCONTINUED,
                    "I.END.DATE", d.discontinuationDate(), "I.END.REASON", d.reason(),
                    "I.END.CONSENT_WITHDRAWN", yn(d.consentWithdrawn())));
        }

        @Override
        public FormRecord visit(FollowUpCompleted f) {
            return new FormRecord(SE_END, null, F_END, null, "Insert", null, items("I.END.STATUS", OdmDefinitions.END_COMPLETED,
                    "I.END.DATE", f.completionDate()));
        }
    }

    /**
     * An instrument version's items and scores in its order, with their item OIDs: built once per instrument version,
     * not per assessment (an export writes millions of these values).
     */
    private record Layout(String[] items, String[] itemOids, Set<String> itemSet, String[] scores, String[] scoreOids,
                          Set<String> scoreSet) {
        static Layout of(Instrument instrument, InstrumentRef ref) {
            List<String> items = instrument == null ? List.of() : instrument.items().stream().map(Item::code).toList();
            List<String> scores = instrument == null ? List.of() : instrument.scores().stream().map(ScoreRule::code).toList();
            return new Layout(items.toArray(String[]::new),
                    items.stream().map(c -> OdmDefinitions.itemOid(ref.code(), ref.version(), c)).toArray(String[]::new),
                    Set.copyOf(items), scores.toArray(String[]::new),
                    scores.stream().map(c -> OdmDefinitions.itemOid(ref.code(), ref.version(), c)).toArray(String[]::new),
                    Set.copyOf(scores));
        }
    }

    /**
     * Item responses in the instrument's item order (then any the instrument does not name, in code order), then
     * scores and categories in its score order (then any other scores, then any other categories).
     */
    private void responses(InstrumentRef ref, SortedMap<String, Integer> responses, ScoreSet scores, List<String[]> out,
                           Set<String> oids) {
        Layout layout = layouts.computeIfAbsent(ref, r -> Layout.of(definitions.instrument(r).orElse(null), r));
        for (int i = 0; i < layout.items().length; i++) {
            Integer value = responses.get(layout.items()[i]);
            if (value != null) {
                add(out, oids, layout.itemOids()[i], value.toString());
            }
        }
        for (Map.Entry<String, Integer> response : responses.entrySet()) {
            if (!layout.itemSet().contains(response.getKey()) && response.getValue() != null) {
                add(out, oids, OdmDefinitions.itemOid(ref.code(), ref.version(), response.getKey()),
                        response.getValue().toString());
            }
        }
        for (int i = 0; i < layout.scores().length; i++) {
            String value = scoreValue(scores, layout.scores()[i]);
            if (value != null) {
                add(out, oids, layout.scoreOids()[i], value);
            }
        }
        for (String code : scores.scores().keySet()) {
            if (!layout.scoreSet().contains(code)) {
                String value = scoreValue(scores, code);
                if (value != null) {
                    add(out, oids, OdmDefinitions.itemOid(ref.code(), ref.version(), code), value);
                }
            }
        }
        for (Map.Entry<String, String> category : scores.categories().entrySet()) {
            String code = category.getKey();
            if (!layout.scoreSet().contains(code) && !scores.scores().containsKey(code)) {
                String value = scoreValue(scores, code);
                if (value != null) {
                    add(out, oids, OdmDefinitions.itemOid(ref.code(), ref.version(), code), value);
                }
            }
        }
    }

    private static String scoreValue(ScoreSet scores, String code) {
        BigDecimal score = scores.scores().get(code);
        return score != null ? score.toPlainString() : scores.categories().get(code);
    }

    private void add(List<String[]> out, Set<String> oids, String oid, String value) {
        if (!definitions.definesItem(oid)) {
            log.warn("ODM export: item {} has no ItemDef in the catalogue's metadata", oid);
        }
        out.add(new String[] {oid, value});
        oids.add(oid);
    }

    /** Pairs of item OID and value; absent (null) values are left out. */
    private static List<String[]> items(Object... pairs) {
        List<String[]> items = new ArrayList<>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                items.add(new String[] {(String) pairs[i], pairs[i + 1].toString()});
            }
        }
        return items;
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static void text(OdmXml xml, String element, String value) throws IOException {
        xml.start(element);
        xml.characters(clean(value));
        xml.end();
    }

    static String datetime(Instant instant) {
        return InstantText.of(instant);
    }

    private static String yesNo(boolean b) {
        return b ? "Yes" : "No";
    }

    private static String yn(boolean b) {
        return b ? "Y" : "N";
    }

    /**
     * Text as XML 1.0 can carry it: characters XML forbids (controls other than tab, line feed and carriage return)
     * become U+FFFD. (A parser normalises line breaks inside attribute values to spaces; see docs/odm-export.md.)
     */
    static String clean(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF)
                    || Character.isSurrogate(c) || (c >= 0xE000 && c <= 0xFFFD);
            if (!ok) {
                if (b == null) {
                    b = new StringBuilder(s.substring(0, i));
                }
                b.append('\uFFFD');
            } else if (b != null) {
                b.append(c);
            }
        }
        return b == null ? s : b.toString();
    }
}
