package org.studyledger.hub.dataset.dictionary;

import static org.studyledger.hub.dataset.dictionary.DataType.DATE;
import static org.studyledger.hub.dataset.dictionary.DataType.DATETIME;
import static org.studyledger.hub.dataset.dictionary.DataType.DECIMAL;
import static org.studyledger.hub.dataset.dictionary.DataType.INTEGER;
import static org.studyledger.hub.dataset.dictionary.DataType.STRING;
import static org.studyledger.hub.dataset.dictionary.TextLengths.CENTER_ID;
import static org.studyledger.hub.dataset.dictionary.TextLengths.FLAG;
import static org.studyledger.hub.dataset.dictionary.TextLengths.FREE_TEXT;
import static org.studyledger.hub.dataset.dictionary.TextLengths.PROTOCOL_VERSION;
import static org.studyledger.hub.dataset.dictionary.TextLengths.STUDY_ID;
import static org.studyledger.hub.dataset.dictionary.TextLengths.SUBJECT_ID;
import static org.studyledger.hub.dataset.dictionary.TextLengths.UUID;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.studyledger.hub.dataset.AnalysisDerivation;
import org.studyledger.hub.dataset.AnalysisVisits;
import org.studyledger.hub.dataset.Datasets;
import org.studyledger.hub.dataset.MentalizationGroup;
import org.studyledger.hub.dataset.Parameter;
import org.studyledger.kernel.instrument.Instrument;
import org.studyledger.kernel.instrument.InstrumentCatalogue;
import org.studyledger.kernel.protocol.Protocol;
import org.studyledger.kernel.protocol.Visit;
import org.studyledger.kernel.subject.DoseFlag;

/**
 * The data dictionary: every variable of ADSL, ADQS and ADEX, in output order, with its data type, the type a
 * receiving system converts it to and its display format ({@link DataType}), and for strings the defined length
 * ({@link TextLengths}, or the longest value of the vocabulary the hub derives it from). A test asserts that each
 * definition lists exactly {@link Datasets#variables()} in the same order, and that
 * {@code docs/data-dictionary.md} is {@link #markdown()}.
 */
public final class DataDictionary {
    private static final String STUDYID = "The study of the enrolment event's envelope (ESK-TRD).";
    private static final String USUBJID = "The subject id of the ledger events (<CENTER>-<NNN>).";
    private static final String SITEID = "The center that enrolled the subject (the envelope's center id).";
    private static final String STUDY_DAY = "StudyDays.of(TRTSDT, ADT): day 1 is the first dose date, the day before"
            + " is -1, there is no day 0; null while the subject has had no administered dose. TRTSDT is the current"
            + " first dose: a dose entered late that was given earlier moves every ADY.";

    // Lengths of the values the hub derives, from the vocabularies that define them (TextLengths for the rest).
    private static final List<String> VISITS = Protocol.eskTrd().visits().stream().map(Visit::code).toList();
    private static final int VISIT = TextLengths.longest(VISITS);
    private static final int AVISIT = TextLengths.longest(
            Stream.concat(VISITS.stream(), Stream.of(AnalysisVisits.UNSCHEDULED)).toList());
    private static final int PARAMCD = TextLengths.longest(
            Arrays.stream(Parameter.values()).map(Parameter::paramcd).toList());
    private static final int PARAM = TextLengths.longest(
            Arrays.stream(Parameter.values()).map(Parameter::label).toList());
    private static final int QSINST = TextLengths.longest(InstrumentCatalogue.standard().instruments().stream()
            .map(Instrument::ref).map(Object::toString).toList());
    private static final int CRIT1 = TextLengths.of(AnalysisDerivation.CRIT1);
    private static final int CRIT2 = TextLengths.of(AnalysisDerivation.CRIT2);
    private static final int MENTGRP = TextLengths.longest(List.of(MentalizationGroup.HIGH, MentalizationGroup.LOW));
    /** Every dose flag, comma-separated. */
    private static final int EXFLAGS = TextLengths.of(String.join(",",
            Arrays.stream(DoseFlag.values()).map(DoseFlag::name).toList()));
    /** EOSSTT: COMPLETED, DISCONTINUED or ONGOING ({@link AnalysisDerivation#endOfStudyStatus}). */
    private static final int EOSSTT = TextLengths.longest(List.of("COMPLETED", "DISCONTINUED", "ONGOING"));
    /** AGEU: always YEARS. */
    private static final int AGEU = TextLengths.of("YEARS");
    /** EXDOSU: mg. */
    private static final int EXDOSU = TextLengths.of("mg");

    private static final DatasetDefinition ADSL = new DatasetDefinition("ADSL", "Subject-Level Analysis Dataset",
            "one row per subject", List.of(
            v("STUDYID", "Study Identifier", STRING, STUDY_ID, 1, STUDYID),
            v("USUBJID", "Unique Subject Identifier", STRING, SUBJECT_ID, 2, USUBJID),
            v("SITEID", "Study Site Identifier", STRING, CENTER_ID, null, SITEID),
            v("SEX", "Sex", STRING, TextLengths.SEX, null, "SubjectEnrolled.sex (CDISC SEX: F, M, U)."),
            v("BRTHYR", "Year of Birth", INTEGER, null, null, "SubjectEnrolled.birth_year (only the year is kept)."),
            v("AGE", "Age", INTEGER, null, null, "Year of ENRLDT - BRTHYR: the age reached in the enrolment year"
                    + " (possibly one more than the age in completed years)."),
            v("AGEU", "Age Units", STRING, AGEU, null, "Always YEARS."),
            v("ENRLDT", "Date of Enrolment", DATE, null, null, "SubjectEnrolled.enrolment_date."),
            v("CONSDT", "Date of Informed Consent", DATE, null, null, "SubjectEnrolled.consent_date."),
            v("PROTVER", "Protocol Version", STRING, PROTOCOL_VERSION, null, "SubjectEnrolled.protocol_version."),
            v("EPIDURM", "Duration of Current Episode (Months)", INTEGER, null, null,
                    "SubjectEnrolled.episode_duration_months."),
            v("NFAILTRT", "Number of Failed Antidepressant Trials", INTEGER, null, null,
                    "SubjectEnrolled.failed_antidepressant_trials."),
            v("BMADRS", "Baseline MADRS Total Score", DECIMAL, null, null,
                    "AVAL of the subject's ADQS row with PARAMCD = MADRSTOT and ABLFL = Y; null without a baseline."),
            v("BRFQC", "Baseline RFQ-8 Certainty (RFQ_c)", DECIMAL, null, null,
                    "AVAL of the subject's ADQS row with PARAMCD = RFQC and ABLFL = Y; null without a baseline."),
            v("BRFQU", "Baseline RFQ-8 Uncertainty (RFQ_u)", DECIMAL, null, null,
                    "AVAL of the subject's ADQS row with PARAMCD = RFQU and ABLFL = Y; null without a baseline."),
            v("TRTSDTM", "Datetime of First Exposure to Treatment", DATETIME, null, null,
                    "The earliest DoseAdministered.administered_at (whenever the dose was entered), UTC; null before"
                    + " any dose. Values taken at or before it (ADQS.ADTM <= TRTSDTM) are pre-dose: baseline candidates."),
            v("TRTSDT", "Date of First Exposure to Treatment", DATE, null, null,
                    "Local date (study zone) of TRTSDTM; null before any dose."),
            v("TRTEDT", "Date of Last Exposure to Treatment", DATE, null, null,
                    "Local date (study zone) of the latest DoseAdministered.administered_at; null before any dose."),
            v("NSESADM", "Number of Sessions Administered", INTEGER, null, null, "Count of DoseAdministered events."),
            v("NSESWH", "Number of Sessions Withheld", INTEGER, null, null, "Count of DoseWithheld events."),
            v("CUMDOSE", "Cumulative Dose (mg)", INTEGER, null, null, "Sum of DoseAdministered.dose_mg."),
            v("EOSSTT", "End of Study Status", STRING, EOSSTT, null,
                    "COMPLETED after FollowUpCompleted, DISCONTINUED after SubjectDiscontinued, else ONGOING."),
            v("DCSDT", "Date of Discontinuation", DATE, null, null, "SubjectDiscontinued.discontinuation_date."),
            v("DCSREAS", "Reason for Discontinuation", STRING, FREE_TEXT, null, "SubjectDiscontinued.reason."),
            v("CONWDFL", "Consent Withdrawn Flag", STRING, FLAG, null, "Y when SubjectDiscontinued.consent_withdrawn,"
                    + " N when discontinued without withdrawal, null when not discontinued."),
            v("COMPLDT", "Date of Follow-up Completion", DATE, null, null, "FollowUpCompleted.completion_date."),
            v("TRTDURW", "Duration of Treatment (Weeks)", DECIMAL, null, null,
                    "(TRTEDT - TRTSDT + 1 days) / 7, rounded to 1 decimal half up; null without an administered dose."),
            v("CADSSPK", "Peak CADSS Total Over All Sessions", DECIMAL, null, null,
                    "The highest CADSS_TOTAL of the subject's dosing-session CADSS forms (max of ADEX.CADSSTOT);"
                    + " null without one."),
            v("MENTGRP", "Baseline Mentalization Group", STRING, MENTGRP, null, "Cohort-dependent: 'HIGH RFQ_U' when BRFQU"
                    + " is above the median of BRFQU over all subjects with a BRFQU (even count: the mean of the two"
                    + " middle values), 'LOW RFQ_U' when at or below it (a tie with the median is LOW); null without"
                    + " BRFQU. Recomputed for every subject whenever any BRFQU changes.")));

    private static final DatasetDefinition ADQS = new DatasetDefinition("ADQS", "Questionnaire Analysis Dataset",
            "one row per subject, parameter and visit assessment", List.of(
            v("STUDYID", "Study Identifier", STRING, STUDY_ID, 1, STUDYID),
            v("USUBJID", "Unique Subject Identifier", STRING, SUBJECT_ID, 2, USUBJID),
            v("SITEID", "Study Site Identifier", STRING, CENTER_ID, null, SITEID),
            v("PARAMCD", "Parameter Code", STRING, PARAMCD, 3, "The parameter of the score: MADRSTOT (MADRS_TOTAL),"
                    + " RFQC (RFQ_C), RFQU (RFQ_U), PSYCHTOT (PSYCHACHE_TOTAL), CSSRSSEV (CSSRS_IDEATION_SEVERITY),"
                    + " RMETTOT (RMET_TOTAL), AAQTOT (AAQ2_TOTAL)."),
            v("PARAM", "Parameter", STRING, PARAM, null, "The parameter's description, e.g. MADRS Total Score."),
            v("PARAMN", "Parameter (N)", INTEGER, null, null, "The parameter's order (1 MADRSTOT ... 7 AAQTOT)."),
            v("AVISIT", "Analysis Visit", STRING, AVISIT, null, "The analysis visit by the subject's study clock (kernel"
                    + " StudyClock): T0 for a value taken at or before the first dose's instant (ADTM <= TRTSDTM; every"
                    + " value of a subject never dosed); after the dose, the visit whose window contains ADY: W1"
                    + " (8 +/- 3), M1 (29 +/- 7), M2 (57 +/- 7), M3 (92 +/- 14), M6 (183 +/- 21); UNSCHEDULED outside"
                    + " every window, including day 1 after the dose. The form is in its window when AVISIT = VISIT."),
            v("AVISITN", "Analysis Visit (N)", INTEGER, null, null,
                    "The analysis visit's target study day: T0 1, W1 8, M1 29, M2 57, M3 92, M6 183; null when UNSCHEDULED."),
            v("VISIT", "Visit Name (as Recorded)", STRING, VISIT, null,
                    "AssessmentRecorded.visit: the visit the form was recorded for, kept beside AVISIT."),
            v("ADTM", "Analysis Datetime", DATETIME, null, null,
                    "AssessmentRecorded.administered_at, UTC: compared with ADSL.TRTSDTM for pre-dose and baseline."),
            v("ADT", "Analysis Date", DATE, null, null, "Local date (study zone) of ADTM."),
            v("ADY", "Analysis Relative Day", INTEGER, null, null, STUDY_DAY),
            v("AWTARGET", "Analysis Window Target", INTEGER, null, null,
                    "The target study day of AVISIT (= AVISITN); null when UNSCHEDULED."),
            v("AWTDIFF", "Analysis Window Diff from Target", INTEGER, null, null,
                    "|ADY - AWTARGET|; null when UNSCHEDULED or ADY is null (never dosed)."),
            v("AVAL", "Analysis Value", DECIMAL, null, null,
                    "The assessment's score for the parameter, as last corrected (AssessmentCorrected replaces it)."),
            v("BASE", "Baseline Value", DECIMAL, null, null, "AVAL of the subject's baseline row for the parameter"
                    + " (ABLFL = Y), on every row of the subject and parameter; null without a baseline."),
            v("CHG", "Change from Baseline", DECIMAL, null, null,
                    "Post-baseline rows (taken after the first dose's instant, ADTM > TRTSDTM; none for a subject"
                    + " never dosed) with a baseline: AVAL - BASE, exact."),
            v("PCHG", "Percent Change from Baseline", DECIMAL, null, null, "Post-baseline rows: 100 * CHG / BASE,"
                    + " rounded once to 2 decimals half up; null when BASE is missing or 0 (no percent change from 0)."),
            v("ABLFL", "Baseline Record Flag", STRING, FLAG, null, "Y on the baseline row: the last non-missing value"
                    + " taken at or before the first dose's instant (ADTM <= TRTSDTM), whatever visit it was recorded"
                    + " for, latest ADTM then QSSEQ; for a subject never dosed, the last value recorded for T0 (VISIT ="
                    + " T0; a later visit is never the baseline); null on other rows, and on every row without one."),
            v("ANL01FL", "Analysis Record Flag 01", STRING, FLAG, null, "Y on one row per USUBJID x PARAMCD x AVISIT:"
                    + " at T0 the baseline row (ABLFL = Y); at other visits the row with the smallest AWTDIFF, ties"
                    + " to the earlier ADT, then the lower QSSEQ; null on every other row and on UNSCHEDULED rows."),
            v("CRIT1", "Analysis Criterion 1", STRING, CRIT1, null,
                    "MADRSTOT post-baseline rows with a baseline: 'MADRS reduction >= 50% from baseline'."),
            v("CRIT1FL", "Criterion 1 Evaluation Result Flag", STRING, FLAG, null,
                    "Where CRIT1 is set: Y when (BASE - AVAL) * 100 >= 50 * BASE (response), else N. A BASE of 0"
                    + " is never a response (N; PCHG is null, and the cohort summary does not count the row as"
                    + " response-evaluable)."),
            v("CRIT2", "Analysis Criterion 2", STRING, CRIT2, null,
                    "MADRSTOT post-baseline rows: 'MADRS total <= T', T the protocol's"
                    + " remission threshold (efficacy.remission_max_score; 10 in ESK-TRD 1)."),
            v("CRIT2FL", "Criterion 2 Evaluation Result Flag", STRING, FLAG, null,
                    "Where CRIT2 is set: Y when AVAL <= T (remission), else N."),
            v("QSREFID", "Questionnaire Reference ID", STRING, UUID, 4,
                    "AssessmentRecorded.assessment_id (traceability to the ledger event)."),
            v("QSSEQ", "Sequence Number", INTEGER, null, null,
                    "The subject sequence of the ledger event that recorded the assessment."),
            v("QSINST", "Instrument and Version", STRING, QSINST, null, "AssessmentRecorded.instrument, e.g. MADRS/1.")));

    private static final DatasetDefinition ADEX = new DatasetDefinition("ADEX", "Exposure Analysis Dataset",
            "one row per dosing session (administered or withheld)", List.of(
            v("STUDYID", "Study Identifier", STRING, STUDY_ID, 1, STUDYID),
            v("USUBJID", "Unique Subject Identifier", STRING, SUBJECT_ID, 2, USUBJID),
            v("SITEID", "Study Site Identifier", STRING, CENTER_ID, null, SITEID),
            v("SESSNUM", "Dosing Session Number", INTEGER, null, null,
                    "DoseAdministered.session_number / DoseWithheld.session_number."),
            v("EXREFID", "Exposure Reference ID", STRING, UUID, 3, "DoseAdministered.dose_id / DoseWithheld.dose_id."),
            v("EXOCCUR", "Exposure Occurrence", STRING, FLAG, null, "Y for DoseAdministered, N for DoseWithheld."),
            v("ADTM", "Analysis Datetime", DATETIME, null, null,
                    "DoseAdministered.administered_at (withheld: DoseWithheld.decided_at), UTC."),
            v("ADT", "Analysis Date", DATE, null, null, "Local date (study zone) of ADTM."),
            v("ADY", "Analysis Relative Day", INTEGER, null, null, STUDY_DAY),
            v("EXDOSE", "Dose (mg)", INTEGER, null, null, "DoseAdministered.dose_mg; null when withheld."),
            v("EXDOSU", "Dose Units", STRING, EXDOSU, null, "mg; null when withheld."),
            v("NDEVICE", "Number of Devices", INTEGER, null, null, "DoseAdministered.devices; null when withheld."),
            v("SYSBPPRE", "Systolic BP Before Dose (mmHg)", INTEGER, null, null,
                    "bp_before.systolic (also for a withheld session, when measured)."),
            v("DIABPPRE", "Diastolic BP Before Dose (mmHg)", INTEGER, null, null,
                    "bp_before.diastolic (also for a withheld session, when measured)."),
            v("SYSBPPST", "Systolic BP After Dose (mmHg)", INTEGER, null, null,
                    "DoseAdministered.bp_after.systolic (about 40 minutes after); null when withheld."),
            v("DIABPPST", "Diastolic BP After Dose (mmHg)", INTEGER, null, null,
                    "DoseAdministered.bp_after.diastolic (about 40 minutes after); null when withheld."),
            v("MONMIN", "Monitoring Duration (Minutes)", INTEGER, null, null,
                    "DoseAdministered.monitoring_minutes; null when withheld."),
            v("BPHIGHFL", "Pre-dose BP Above Threshold Flag", STRING, FLAG, null,
                    "Y when the dose's flags include PRE_DOSE_BP_ABOVE_THRESHOLD, else N; null when withheld."),
            v("BPRISEFL", "Notable BP Rise Flag", STRING, FLAG, null,
                    "Y when the dose's flags include NOTABLE_BP_RISE, else N; null when withheld."),
            v("MONSHTFL", "Monitoring Short Flag", STRING, FLAG, null,
                    "Y when the dose's flags include MONITORING_SHORT, else N; null when withheld."),
            v("EXFLAGS", "Dose Flags", STRING, EXFLAGS, null,
                    "DoseAdministered.flags, comma-separated in declaration order; null when there are none."),
            v("OVRREAS", "Reason for Override", STRING, FREE_TEXT, null,
                    "DoseAdministered.override_reason (dose given despite high pre-dose BP)."),
            v("WHREAS", "Reason Session Withheld", STRING, FREE_TEXT, null, "DoseWithheld.reason."),
            v("CADSSTOT", "CADSS Total Score of the Session", DECIMAL, null, null,
                    "CADSS_TOTAL of the session's CADSS form (dose_session = SESSNUM; several forms: the highest)."),
            v("CADSS4FL", "CADSS Total Above 4 Flag", STRING, FLAG, null,
                    "Y when CADSSTOT > 4, N when not; null without a CADSS form."),
            v("SBPCHG", "Systolic BP Change Post - Pre (mmHg)", INTEGER, null, null,
                    "SYSBPPST - SYSBPPRE; null when either is missing (withheld). BPRISEFL is Y when >= 40."),
            v("DBPCHG", "Diastolic BP Change Post - Pre (mmHg)", INTEGER, null, null,
                    "DIABPPST - DIABPPRE; null when either is missing (withheld). BPRISEFL is Y when >= 25."),
            v("CADSSPK", "Peak CADSS Total Over All Sessions", DECIMAL, null, null,
                    "The subject's highest CADSSTOT over all its sessions, on every row; null without a CADSS form.")));

    private static final List<DatasetDefinition> ALL = List.of(ADSL, ADQS, ADEX);

    /**
     * The rules a row of a dataset follows beyond single variables, stated under its table in the document. Why here:
     * an analyst reads the dictionary, not the code, to know which rows a subject has.
     */
    private static final Map<String, List<String>> RULES = Map.of("ADQS", List.of(
            "Pre-dose and post-baseline are judged by time, not by date: a value taken at or before the first dose's"
                    + " instant (ADTM <= TRTSDTM) is pre-dose and may be the baseline; a value taken after it, even on"
                    + " day 1 (esketamine acts within hours), is post-baseline, at AVISIT UNSCHEDULED on day 1.",
            "The first dose is the earliest administered dose, whenever it was entered: a dose entered late that was"
                    + " given before forms already recorded moves ADY, AVISIT, ABLFL and everything derived from them,"
                    + " while the form's recorded window flag stays in the ledger event (the timeline shows both).",
            "A subject never dosed (no DoseAdministered) keeps one row per form and parameter, all pre-treatment:"
                    + " AVISIT T0, ADY and AWTDIFF null, no CHG, PCHG, CRIT1/CRIT1FL or CRIT2/CRIT2FL. The baseline"
                    + " is the last value recorded for T0 (ABLFL = ANL01FL = Y); a form recorded for a later visit is"
                    + " neither baseline nor analysis record, and without a T0 form there is no baseline.",
            "Response (CRIT1FL) needs a baseline above 0: a BASE of 0 cannot fall by half, so it is N, PCHG is null and"
                    + " the cohort summary leaves the row out of n_response_evaluated."));

    private DataDictionary() {
    }

    /** The three definitions: ADSL, ADQS, ADEX. */
    public static List<DatasetDefinition> all() {
        return ALL;
    }

    public static DatasetDefinition of(Datasets dataset) {
        return switch (dataset) {
            case ADSL -> ADSL;
            case ADQS -> ADQS;
            case ADEX -> ADEX;
        };
    }

    public static Optional<DatasetDefinition> byName(String name) {
        return ALL.stream().filter(d -> d.name().equalsIgnoreCase(name)).findFirst();
    }

    /** The columns of the dictionary's CSV form. */
    public static final List<String> CSV_COLUMNS = List.of("dataset", "order", "name", "label", "data_type",
            "target_data_type", "length", "display_format", "key_sequence", "derivation");

    /** The dictionary as rows of {@link #CSV_COLUMNS}. */
    public static List<Object[]> rows(List<DatasetDefinition> definitions) {
        List<Object[]> rows = new ArrayList<>();
        for (DatasetDefinition d : definitions) {
            int order = 1;
            for (Variable v : d.variables()) {
                rows.add(new Object[] {d.name(), order++, v.name(), v.label(), v.dataType().json(),
                        v.targetDataType() == null ? null : v.targetDataType().json(), v.length(), v.displayFormat(),
                        v.keySequence(), v.derivation()});
            }
        }
        return rows;
    }

    /** {@code docs/data-dictionary.md}: generated from this class (a test keeps the file equal to it). */
    public static String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Data dictionary: ADSL, ADQS, ADEX\n\n");
        md.append("<!-- Generated from org.studyledger.hub.dataset.dictionary.DataDictionary; do not edit by hand.\n");
        md.append("     Regenerate: mvn -pl services/study-hub test -Dtest=DataDictionaryTest"
                + " -Dstudyledger.docs.write=true -->\n\n");
        md.append("Every variable of the analysis dataset ([hub.md](hub.md#projection-tables)), in the order the dataset"
                + " endpoints output them. Served by `GET /api/v1/datasets/dictionary` and"
                + " `GET /api/v1/datasets/{adsl|adqs|adex}/dictionary` (JSON, or CSV with `?format=csv`); the"
                + " Dataset-JSON and NDJSON exports ([dataset-json.md](dataset-json.md)) take their column metadata"
                + " from here, and the ODM export ([odm-export.md](odm-export.md)) the lengths of the values it shares"
                + " with these datasets.\n\n");
        md.append("- **type**: the CDISC Dataset-JSON 1.1 data type (`dataType`). Strings and integers are exchanged"
                + " as JSON strings and integers, decimals as strings in plain notation (`\"-50.00\"`) so that no"
                + " precision is lost, dates and datetimes as ISO 8601 strings.\n");
        md.append("- **target**: the type a receiving system converts the values to (`targetDataType`): `decimal` for"
                + " decimals; `integer` for dates and datetimes (`2026-01-12`, `2026-01-12T09:00:00.000Z`), which"
                + " become numeric dates and datetimes as ADaM has them.\n");
        md.append("- **length**: strings only, the most characters (Unicode code points) a value can have, from the"
                + " definition of its source, never measured from the data: the kernel's identifier formats (study "
                + TextLengths.STUDY_ID + ", center " + TextLengths.CENTER_ID + ", subject " + TextLengths.SUBJECT_ID
                + ", UUID " + TextLengths.UUID + "), the protocol's visits, the instrument catalogue, the parameters"
                + " and the derivations' own values (e.g. CRIT1, EXFLAGS with every flag), the protocol version as the"
                + " hub keeps it (" + TextLengths.PROTOCOL_VERSION + "). Free text (reasons), which the wire format"
                + " does not bound, is declared " + TextLengths.FREE_TEXT + " characters, the longest character value"
                + " of a SAS V5 transport file; a longer value is exported in full, never cut, and the export logs"
                + " it.\n");
        md.append("- **format**: the SAS display format (`displayFormat`) of dates (`" + DataType.DATE_FORMAT
                + "`) and datetimes (`" + DataType.DATETIME_FORMAT + "`).\n");
        md.append("- **key**: the variable's place in the dataset's key (`keySequence`).\n\n");
        for (DatasetDefinition d : ALL) {
            md.append("## ").append(d.name()).append(" — ").append(d.label()).append("\n\n");
            md.append("Structure: ").append(d.structure()).append(". Key: ").append(String.join(", ", d.keys()))
                    .append(".\n\n");
            md.append("| # | variable | label | type | target | length | format | key | derivation |\n");
            md.append("|---|---|---|---|---|---|---|---|---|\n");
            int order = 1;
            for (Variable v : d.variables()) {
                md.append("| ").append(order++).append(" | `").append(v.name()).append("` | ").append(cell(v.label()))
                        .append(" | ").append(v.dataType().json()).append(" | ")
                        .append(v.targetDataType() == null ? "" : v.targetDataType().json()).append(" | ")
                        .append(v.length() == null ? "" : v.length()).append(" | ")
                        .append(v.displayFormat() == null ? "" : v.displayFormat()).append(" | ")
                        .append(v.keySequence() == null ? "" : v.keySequence()).append(" | ")
                        .append(cell(v.derivation())).append(" |\n");
            }
            md.append('\n');
            List<String> rules = RULES.getOrDefault(d.name(), List.of());
            if (!rules.isEmpty()) {
                md.append("Rules:\n\n");
                rules.forEach(rule -> md.append("- ").append(cell(rule)).append('\n'));
                md.append('\n');
            }
        }
        return md.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static Variable v(String name, String label, DataType type, Integer length, Integer key, String derivation) {
        return new Variable(name, label, type, length, key, derivation);
    }
}
