package org.studyledger.hub.export.odm;

import static org.studyledger.hub.dataset.dictionary.TextLengths.FLAG;
import static org.studyledger.hub.dataset.dictionary.TextLengths.FREE_TEXT;
import static org.studyledger.hub.dataset.dictionary.TextLengths.INT32_DIGITS;
import static org.studyledger.hub.dataset.dictionary.TextLengths.UUID;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.studyledger.hub.dataset.dictionary.TextLengths;
import org.studyledger.kernel.instrument.Instrument;
import org.studyledger.kernel.instrument.InstrumentCatalogue;
import org.studyledger.kernel.instrument.InstrumentRef;
import org.studyledger.kernel.instrument.Item;
import org.studyledger.kernel.instrument.ScoreRule;
import org.studyledger.kernel.protocol.DosingRules;
import org.studyledger.kernel.protocol.Protocol;
import org.studyledger.kernel.protocol.Visit;
import org.studyledger.kernel.subject.AdverseEventSeverity;
import org.studyledger.kernel.subject.BloodPressure;
import org.studyledger.kernel.subject.Relatedness;
import org.studyledger.kernel.subject.event.SubjectEnrolled;

/**
 * The study's ODM metadata, derived from the protocol ({@link Protocol#eskTrd()}) and the instrument catalogue
 * ({@link InstrumentCatalogue#standard()}): study events, forms, item groups and items with their OIDs
 * (docs/odm-export.md, "OIDs"). Immutable and independent of the data, so every export carries the same
 * MetaDataVersion.
 *
 * <p>Every ItemDef of type {@code text}, {@code integer} or {@code float} has its ODM 1.3.2 {@code Length} (a float
 * also its {@code SignificantDigits}) from the definition of the value: text lengths from
 * {@link TextLengths} (shared with the data dictionary) or the vocabulary the value comes from; integer lengths are
 * the digits of the largest magnitude the wire format, the protocol or the instrument catalogue allows; a mean score
 * has the catalogue's scale as its significant digits. ODM 1.3.2 gives dates and datetimes no length.
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

    // values of the status items
    static final String DOSE_ADMINISTERED = "ADMINISTERED";
    static final String DOSE_WITHHELD = "WITHHELD";
    static final String END_COMPLETED = "COMPLETED";
    static final String END_DISCONTINUED = "DISCONTINUED";

    /**
     * An ItemDef.
     *
     * @param length            ODM {@code Length}: the most characters of a text, the most digits of an integer, the most
     *                          digits of a float (with its significant digits); null for dates and datetimes
     * @param significantDigits ODM {@code SignificantDigits}: the digits after the decimal point of a float; else null
     */
    record ItemSpec(String oid, String name, String dataType, Integer length, Integer significantDigits, String label,
                    String unitOid) {
        ItemSpec {
            boolean sized = dataType.equals("text") || dataType.equals("integer") || dataType.equals("float");
            if (sized != (length != null) || dataType.equals("float") != (significantDigits != null)) {
                throw new IllegalArgumentException(oid + ": a " + dataType + " item "
                        + (sized ? "needs a Length" : "has no Length") + (dataType.equals("float")
                        ? " and SignificantDigits" : ""));
            }
        }

        /** Whether {@code value} is longer than this text item's Length (numbers are sized by their rules). */
        boolean tooLong(String value) {
            return dataType.equals("text") && TextLengths.of(value) > length;
        }
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
        DosingRules doses = protocol.dosing();
        int doseDigits = digits(doses.allowedDosesMg().stream().mapToInt(Integer::intValue).max().orElse(0));
        int deviceDigits = digits(doses.allowedDosesMg().stream().mapToInt(doses::devicesFor).max().orElse(0));
        int systolic = digits(BloodPressure.SYSTOLIC_MAX);
        int diastolic = digits(BloodPressure.DIASTOLIC_MAX);
        form(F_ENROL, "Enrolment", false, List.of(
                date("I.ENROL.ENROLMENT_DATE", "ENRLDT", "date", "Enrolment date"),
                date("I.ENROL.CONSENT_DATE", "RFICDT", "date", "Informed consent date"),
                text("I.ENROL.CONSENT_VERSION", "CONSVER", FREE_TEXT, "Consent form version"),
                text("I.ENROL.PROTOCOL_VERSION", "PROTVER", TextLengths.PROTOCOL_VERSION, "Protocol version"),
                integer("I.ENROL.BIRTH_YEAR", "BRTHYR", digits(SubjectEnrolled.BIRTH_YEAR_MAX), "Year of birth", null),
                text("I.ENROL.SEX", "SEX", TextLengths.SEX, "Sex (CDISC SEX: F, M, U)"),
                integer("I.ENROL.EPISODE_MONTHS", "EPIDUR", INT32_DIGITS, "Duration of the current depressive episode (months)", null),
                integer("I.ENROL.FAILED_TRIALS", "FAILTRL", INT32_DIGITS, "Failed adequate antidepressant trials in this episode", null)));
        form(F_DOSE, "Esketamine dosing session", false, List.of(
                text("I.DOSE.ID", "DOSEID", UUID, "Dose id"),
                text("I.DOSE.STATUS", "EXSTAT", TextLengths.longest(List.of(DOSE_ADMINISTERED, DOSE_WITHHELD)),
                        "ADMINISTERED or WITHHELD"),
                integer("I.DOSE.SESSION", "SESSION", INT32_DIGITS, "Dosing session number", null),
                date("I.DOSE.DTC", "EXDTC", "datetime", "First device used (administered) / decision taken (withheld)"),
                integer("I.DOSE.MG", "EXDOSE", doseDigits, "Total dose", MU_MG),
                integer("I.DOSE.DEVICES", "DEVICES", deviceDigits, "Nasal spray devices used (28 mg each)", null),
                integer("I.DOSE.SYSBP_PRE", "SYSBPPRE", systolic, "Systolic blood pressure before the dose", MU_MMHG),
                integer("I.DOSE.DIABP_PRE", "DIABPPRE", diastolic, "Diastolic blood pressure before the dose", MU_MMHG),
                integer("I.DOSE.SYSBP_POST", "SYSBPPST", systolic, "Systolic blood pressure about 40 minutes after the dose", MU_MMHG),
                integer("I.DOSE.DIABP_POST", "DIABPPST", diastolic, "Diastolic blood pressure about 40 minutes after the dose", MU_MMHG),
                integer("I.DOSE.MONITORING", "MONMIN", INT32_DIGITS, "Post-dose monitoring", MU_MIN),
                text("I.DOSE.OVERRIDE_REASON", "OVRREAS", FREE_TEXT, "Why the dose was given despite pre-dose BP above the threshold"),
                text("I.DOSE.FLAG_PRE_DOSE_BP", "FLPREBP", FLAG, "Pre-dose BP above the protocol threshold (Y/N)"),
                text("I.DOSE.FLAG_NOTABLE_RISE", "FLBPRISE", FLAG, "Notable post-dose BP rise (Y/N)"),
                text("I.DOSE.FLAG_MONITORING_SHORT", "FLMONSHT", FLAG, "Monitoring shorter than the protocol minimum (Y/N)"),
                text("I.DOSE.WITHHELD_REASON", "EXREASND", FREE_TEXT, "Why the session did not take place")));
        List<ItemSpec> common = List.of(
                text(I_ASMT_ID, "ASMTID", UUID, "Assessment id"),
                date(I_ASMT_DTC, "QSDTC", "datetime", "Administered at"),
                text(I_ASMT_RATER, "QSEVAL", FREE_TEXT, "Rater (staff id)"),
                integer(I_ASMT_STUDY_DAY, "QSDY", INT32_DIGITS, "Study day of administration", null),
                text(I_ASMT_OUT_OF_WINDOW, "OUTWIN", FLAG, "Visit outside its protocol window (Y/N)"));
        for (Instrument instrument : catalogue.instruments()) {
            List<ItemSpec> formItems = new ArrayList<>(common);
            for (Item i : instrument.items()) {
                formItems.add(integer(itemOid(instrument.code(), instrument.version(), i.code()), i.code(),
                        TextLengths.integerDigits(BigDecimal.valueOf(i.min()), BigDecimal.valueOf(i.max())), i.label(), null));
            }
            for (ScoreRule s : instrument.scores()) {
                formItems.add(score(itemOid(instrument.code(), instrument.version(), s.code()), s));
            }
            form(formOid(instrument.code(), instrument.version()), instrument.name() + " (" + instrument.code() + "/"
                    + instrument.version() + ")", true, formItems);
        }
        form(F_AE, "Adverse event", true, List.of(
                text("I.AE.ID", "AEID", UUID, "Adverse event id"),
                text("I.AE.TERM", "AETERM", FREE_TEXT, "Reported term (verbatim)"),
                date("I.AE.ONSET", "AESTDTC", "date", "Onset date"),
                text("I.AE.SEVERITY", "AESEV", TextLengths.longestName(AdverseEventSeverity.values()),
                        "Severity (MILD, MODERATE, SEVERE)"),
                text("I.AE.SERIOUS", "AESER", FLAG, "Serious (Y/N)"),
                text("I.AE.RELATEDNESS", "AEREL", TextLengths.longestName(Relatedness.values()), "Relatedness to esketamine")));
        form(F_END, "End of study", false, List.of(
                text("I.END.STATUS", "DSDECOD", TextLengths.longest(List.of(END_COMPLETED, END_DISCONTINUED)),
                        "COMPLETED or DISCONTINUED"),
                date("I.END.DATE", "DSSTDTC", "date", "Completion or discontinuation date"),
                text("I.END.REASON", "DSTERM", FREE_TEXT, "Reason for discontinuation"),
                text("I.END.CONSENT_WITHDRAWN", "CONSWD", FLAG, "Consent withdrawn (Y/N)")));

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

    Optional<ItemSpec> item(String oid) {
        return Optional.ofNullable(items.get(oid));
    }

    private ItemSpec text(String oid, String name, int length, String label) {
        return item(new ItemSpec(oid, name, "text", length, null, label, null));
    }

    private ItemSpec integer(String oid, String name, int digits, String label, String unitOid) {
        return item(new ItemSpec(oid, name, "integer", digits, null, label, unitOid));
    }

    /** A date or datetime item: no Length (ODM 1.3.2 gives one only to text, integer and float items). */
    private ItemSpec date(String oid, String name, String dataType, String label) {
        return item(new ItemSpec(oid, name, dataType, null, null, label, null));
    }

    /**
     * A score: a whole-number score is an integer of the digits of its range; a mean a float of the digits of its
     * range plus its scale, the scale being its significant digits; a category a text as long as its longest value
     * (a band's label, or Y/N).
     */
    private ItemSpec score(String oid, ScoreRule rule) {
        if (rule instanceof ScoreRule.Mean mean) {
            int digits = TextLengths.integerDigits(mean.min(), mean.max());
            return item(new ItemSpec(oid, rule.code(), "float", digits + mean.scale(), mean.scale(), rule.label(), null));
        }
        if (rule instanceof ScoreRule.NumericRule numeric) {
            return integer(oid, rule.code(), TextLengths.integerDigits(numeric.min(), numeric.max()), rule.label(), null);
        }
        int length = rule instanceof ScoreRule.Bands bands
                ? TextLengths.longest(bands.bands().stream().map(ScoreRule.Band::label).toList())
                : FLAG;
        return text(oid, rule.code(), length, rule.label());
    }

    private ItemSpec item(ItemSpec spec) {
        items.putIfAbsent(spec.oid(), spec);
        return spec;
    }

    /** The digits of a non-negative whole number (at least 1). */
    private static int digits(int value) {
        return Integer.toString(Math.abs(value)).length();
    }

    private void form(String oid, String name, boolean repeating, List<ItemSpec> formItems) {
        forms.put(oid, new FormSpec(oid, name, repeating, groupOid(oid), List.copyOf(formItems)));
    }
}
