package org.studyledger.hub.export.odm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.studyledger.kernel.instrument.Instrument;
import org.studyledger.kernel.instrument.InstrumentCatalogue;
import org.studyledger.kernel.instrument.InstrumentRef;
import org.studyledger.kernel.instrument.Item;
import org.studyledger.kernel.instrument.ScoreRule;
import org.studyledger.kernel.protocol.Protocol;
import org.studyledger.kernel.protocol.Visit;

/**
 * The study's ODM metadata, derived from the protocol ({@link Protocol#eskTrd()}) and the instrument catalogue
 * ({@link InstrumentCatalogue#standard()}): study events, forms, item groups and items with their OIDs
 * (docs/odm-export.md, "OIDs"). Immutable and independent of the data, so every export carries the same
 * MetaDataVersion.
 */
final class OdmDefinitions {
    static final String STUDY_OID = "ESK-TRD";
    static final String MDV_OID = "MDV.ESK-TRD.1";
    static final String MU_MG = "MU.MG";
    static final String MU_MMHG = "MU.MMHG";
    static final String MU_MIN = "MU.MIN";

    static final String SE_ENROL = "SE.ENROL";
    static final String SE_DOSING = "SE.DOSING";
    static final String SE_AE = "SE.AE";
    static final String SE_END = "SE.END";

    static final String F_ENROL = "F.ENROL";
    static final String F_DOSE = "F.DOSE";
    static final String F_AE = "F.AE";
    static final String F_END = "F.END";

    // assessment items common to every instrument form
    static final String I_ASMT_ID = "I.ASMT.ID";
    static final String I_ASMT_DTC = "I.ASMT.DTC";
    static final String I_ASMT_RATER = "I.ASMT.RATER";
    static final String I_ASMT_STUDY_DAY = "I.ASMT.STUDY_DAY";
    static final String I_ASMT_OUT_OF_WINDOW = "I.ASMT.OUT_OF_WINDOW";

    /** An ItemDef. */
    record ItemSpec(String oid, String name, String dataType, String label, String unitOid) {
    }

    /** A FormDef with its single ItemGroupDef. */
    record FormSpec(String oid, String name, boolean repeating, String groupOid, List<ItemSpec> items) {
    }

    /** A StudyEventDef and its FormRefs. */
    record StudyEventSpec(String oid, String name, boolean repeating, String type, boolean mandatory, List<String> formOids) {
    }

    private final InstrumentCatalogue catalogue;
    private final List<StudyEventSpec> studyEvents = new ArrayList<>();
    private final Map<String, FormSpec> forms = new LinkedHashMap<>();
    private final Map<String, ItemSpec> items = new LinkedHashMap<>();

    private static final OdmDefinitions STANDARD = new OdmDefinitions(Protocol.eskTrd(), InstrumentCatalogue.standard());

    static OdmDefinitions standard() {
        return STANDARD;
    }

    OdmDefinitions(Protocol protocol, InstrumentCatalogue catalogue) {
        this.catalogue = catalogue;
        // forms
        form(F_ENROL, "Enrolment", false, List.of(
                item("I.ENROL.ENROLMENT_DATE", "ENRLDT", "date", "Enrolment date", null),
                item("I.ENROL.CONSENT_DATE", "RFICDT", "date", "Informed consent date", null),
                item("I.ENROL.CONSENT_VERSION", "CONSVER", "text", "Consent form version", null),
                item("I.ENROL.PROTOCOL_VERSION", "PROTVER", "text", "Protocol version", null),
                item("I.ENROL.BIRTH_YEAR", "BRTHYR", "integer", "Year of birth", null),
                item("I.ENROL.SEX", "SEX", "text", "Sex (CDISC SEX: F, M, U)", null),
                item("I.ENROL.EPISODE_MONTHS", "EPIDUR", "integer", "Duration of the current depressive episode (months)", null),
                item("I.ENROL.FAILED_TRIALS", "FAILTRL", "integer", "Failed adequate antidepressant trials in this episode", null)));
        form(F_DOSE, "Esketamine dosing session", false, List.of(
                item("I.DOSE.ID", "DOSEID", "text", "Dose id", null),
                item("I.DOSE.STATUS", "EXSTAT", "text", "ADMINISTERED or WITHHELD", null),
                item("I.DOSE.SESSION", "SESSION", "integer", "Dosing session number", null),
                item("I.DOSE.DTC", "EXDTC", "datetime", "First device used (administered) / decision taken (withheld)", null),
                item("I.DOSE.MG", "EXDOSE", "integer", "Total dose", MU_MG),
                item("I.DOSE.DEVICES", "DEVICES", "integer", "Nasal spray devices used (28 mg each)", null),
                item("I.DOSE.SYSBP_PRE", "SYSBPPRE", "integer", "Systolic blood pressure before the dose", MU_MMHG),
                item("I.DOSE.DIABP_PRE", "DIABPPRE", "integer", "Diastolic blood pressure before the dose", MU_MMHG),
                item("I.DOSE.SYSBP_POST", "SYSBPPST", "integer", "Systolic blood pressure about 40 minutes after the dose", MU_MMHG),
                item("I.DOSE.DIABP_POST", "DIABPPST", "integer", "Diastolic blood pressure about 40 minutes after the dose", MU_MMHG),
                item("I.DOSE.MONITORING", "MONMIN", "integer", "Post-dose monitoring", MU_MIN),
                item("I.DOSE.OVERRIDE_REASON", "OVRREAS", "text", "Why the dose was given despite pre-dose BP above the threshold", null),
                item("I.DOSE.FLAG_PRE_DOSE_BP", "FLPREBP", "text", "Pre-dose BP above the protocol threshold (Y/N)", null),
                item("I.DOSE.FLAG_NOTABLE_RISE", "FLBPRISE", "text", "Notable post-dose BP rise (Y/N)", null),
                item("I.DOSE.FLAG_MONITORING_SHORT", "FLMONSHT", "text", "Monitoring shorter than the protocol minimum (Y/N)", null),
                item("I.DOSE.WITHHELD_REASON", "EXREASND", "text", "Why the session did not take place", null)));
        List<ItemSpec> common = List.of(
                item(I_ASMT_ID, "ASMTID", "text", "Assessment id", null),
                item(I_ASMT_DTC, "QSDTC", "datetime", "Administered at", null),
                item(I_ASMT_RATER, "QSEVAL", "text", "Rater (staff id)", null),
                item(I_ASMT_STUDY_DAY, "QSDY", "integer", "Study day of administration", null),
                item(I_ASMT_OUT_OF_WINDOW, "OUTWIN", "text", "Visit outside its protocol window (Y/N)", null));
        for (Instrument instrument : catalogue.instruments()) {
            List<ItemSpec> formItems = new ArrayList<>(common);
            for (Item i : instrument.items()) {
                formItems.add(item(itemOid(instrument.code(), instrument.version(), i.code()), i.code(), "integer",
                        i.label(), null));
            }
            for (ScoreRule s : instrument.scores()) {
                String type = s instanceof ScoreRule.NumericRule n ? (n.integral() ? "integer" : "float") : "text";
                formItems.add(item(itemOid(instrument.code(), instrument.version(), s.code()), s.code(), type,
                        s.label(), null));
            }
            form(formOid(instrument.code(), instrument.version()), instrument.name() + " (" + instrument.code() + "/"
                    + instrument.version() + ")", true, formItems);
        }
        form(F_AE, "Adverse event", true, List.of(
                item("I.AE.ID", "AEID", "text", "Adverse event id", null),
                item("I.AE.TERM", "AETERM", "text", "Reported term (verbatim)", null),
                item("I.AE.ONSET", "AESTDTC", "date", "Onset date", null),
                item("I.AE.SEVERITY", "AESEV", "text", "Severity (MILD, MODERATE, SEVERE)", null),
                item("I.AE.SERIOUS", "AESER", "text", "Serious (Y/N)", null),
                item("I.AE.RELATEDNESS", "AEREL", "text", "Relatedness to esketamine", null)));
        form(F_END, "End of study", false, List.of(
                item("I.END.STATUS", "DSDECOD", "text", "COMPLETED or DISCONTINUED", null),
                item("I.END.DATE", "DSSTDTC", "date", "Completion or discontinuation date", null),
                item("I.END.REASON", "DSTERM", "text", "Reason for discontinuation", null),
                item("I.END.CONSENT_WITHDRAWN", "CONSWD", "text", "Consent withdrawn (Y/N)", null)));

        // study events
        studyEvents.add(new StudyEventSpec(SE_ENROL, "Enrolment", false, "Scheduled", true, List.of(F_ENROL)));
        for (Visit visit : protocol.visits()) {
            List<String> refs = new ArrayList<>();
            for (String code : visit.instruments()) {
                protocol.instrument(code).map(r -> formOid(r.code(), r.version())).filter(forms::containsKey).ifPresent(refs::add);
            }
            studyEvents.add(new StudyEventSpec(visitOid(visit.code()),
                    visit.label() == null || visit.label().isBlank() ? visit.code() : visit.code() + " " + visit.label(),
                    false, "Scheduled", true, refs));
        }
        List<String> dosing = new ArrayList<>(List.of(F_DOSE));
        for (String code : protocol.dosingSessionInstruments()) {
            protocol.instrument(code).map(r -> formOid(r.code(), r.version())).filter(forms::containsKey).ifPresent(dosing::add);
        }
        studyEvents.add(new StudyEventSpec(SE_DOSING, "Dosing session", true, "Scheduled", false, dosing));
        studyEvents.add(new StudyEventSpec(SE_AE, "Adverse events", true, "Common", false, List.of(F_AE)));
        studyEvents.add(new StudyEventSpec(SE_END, "End of study", false, "Scheduled", false, List.of(F_END)));
    }

    static String visitOid(String visit) {
        return "SE." + visit;
    }

    static String formOid(String instrument, String version) {
        return "F." + instrument + ".V" + version;
    }

    static String groupOid(String formOid) {
        return "IG." + formOid.substring(2);
    }

    static String itemOid(String instrument, String version, String code) {
        return "I." + instrument + ".V" + version + "." + code;
    }

    Optional<Instrument> instrument(InstrumentRef ref) {
        return catalogue.find(ref);
    }

    List<StudyEventSpec> studyEvents() {
        return studyEvents;
    }

    Iterable<FormSpec> forms() {
        return forms.values();
    }

    Iterable<ItemSpec> items() {
        return items.values();
    }

    boolean definesItem(String oid) {
        return items.containsKey(oid);
    }

    private ItemSpec item(String oid, String name, String dataType, String label, String unitOid) {
        ItemSpec spec = new ItemSpec(oid, name, dataType, label, unitOid);
        items.putIfAbsent(oid, spec);
        return spec;
    }

    private void form(String oid, String name, boolean repeating, List<ItemSpec> formItems) {
        forms.put(oid, new FormSpec(oid, name, repeating, groupOid(oid), List.copyOf(formItems)));
    }
}
