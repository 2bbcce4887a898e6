package org.studyledger.cohort.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A plan read back into clinical facts, subject by subject in send order, from the request bodies and CSV files
 * themselves (not from the generator's intentions): what a center would record if it accepted everything.
 * Times keep the offset they were sent with, so {@code toLocalDate()} is the center's local date.
 */
public final class PlanContents {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A fact one request (or one CSV row) records. */
    public sealed interface Fact permits Enrolment, Assessment, Correction, Retraction, Dose, WithheldDose, AdverseEvent,
            Discontinuation, FollowUpCompletion {
    }

    public record Enrolment(LocalDate enrolmentDate, LocalDate consentDate, String consentVersion, int birthYear,
                            String sex, int episodeDurationMonths, int failedAntidepressantTrials) implements Fact {
    }

    public record Assessment(String assessmentId, String instrument, String instrumentVersion, String visit,
                             Integer doseSession, OffsetDateTime administeredAt, String rater,
                             SortedMap<String, Integer> items) implements Fact {
    }

    public record Correction(String assessmentId, SortedMap<String, Integer> items, String reason) implements Fact {
    }

    public record Retraction(String assessmentId, String reason) implements Fact {
    }

    public record BloodPressure(int systolic, int diastolic) {
        @Override
        public String toString() {
            return systolic + "/" + diastolic;
        }
    }

    public record Dose(String doseId, OffsetDateTime administeredAt, int doseMg, int devices, BloodPressure bpBefore,
                       BloodPressure bpAfter, int monitoringMinutes, String overrideReason) implements Fact {
    }

    public record WithheldDose(String doseId, OffsetDateTime decidedAt, String reason, BloodPressure bpBefore)
            implements Fact {
    }

    public record AdverseEvent(String adverseEventId, String term, LocalDate onsetDate, String severity, boolean serious,
                               String relatedness) implements Fact {
    }

    public record Discontinuation(LocalDate discontinuationDate, String reason, boolean consentWithdrawn) implements Fact {
    }

    public record FollowUpCompletion(LocalDate completionDate) implements Fact {
    }

    /** A fact, the subject it is about and the request that carries it ({@code line} &gt; 0 for a CSV row). */
    public record Entry(String subjectId, Fact fact, PlannedRequest request, int line) {
        public boolean viaCsv() {
            return line > 0;
        }
    }

    /** An assessment as its corrections and retraction left it. */
    public record FormState(Assessment original, SortedMap<String, Integer> items, int corrections, boolean retracted) {
    }

    private final Map<String, List<Entry>> bySubject = new LinkedHashMap<>();

    private PlanContents() {
    }

    public static PlanContents of(CohortPlan plan) {
        PlanContents contents = new PlanContents();
        for (PlannedRequest r : plan.requests()) {
            contents.read(r);
        }
        return contents;
    }

    /** Subject ids in the order of their first request. */
    public List<String> subjects() {
        return List.copyOf(bySubject.keySet());
    }

    /** One subject's facts in send order. */
    public List<Entry> entries(String subjectId) {
        return bySubject.getOrDefault(subjectId, List.of());
    }

    public <F extends Fact> List<F> facts(String subjectId, Class<F> type) {
        return entries(subjectId).stream().map(Entry::fact).filter(type::isInstance).map(type::cast).toList();
    }

    public <F extends Fact> List<F> allFacts(Class<F> type) {
        List<F> all = new ArrayList<>();
        bySubject.keySet().forEach(s -> all.addAll(facts(s, type)));
        return all;
    }

    public Optional<Enrolment> enrolment(String subjectId) {
        return facts(subjectId, Enrolment.class).stream().findFirst();
    }

    /** The date of the first administered dose (study day 1), if any. */
    public Optional<LocalDate> firstDoseDate(String subjectId) {
        return facts(subjectId, Dose.class).stream().findFirst().map(d -> d.administeredAt().toLocalDate());
    }

    /** Every assessment of the subject by id, with corrections and retractions applied, in recording order. */
    public Map<String, FormState> forms(String subjectId) {
        Map<String, FormState> forms = new LinkedHashMap<>();
        for (Entry e : entries(subjectId)) {
            if (e.fact() instanceof Assessment a) {
                forms.put(a.assessmentId(), new FormState(a, a.items(), 0, false));
            } else if (e.fact() instanceof Correction c) {
                forms.computeIfPresent(c.assessmentId(),
                        (id, f) -> new FormState(f.original(), c.items(), f.corrections() + 1, f.retracted()));
            } else if (e.fact() instanceof Retraction x) {
                forms.computeIfPresent(x.assessmentId(),
                        (id, f) -> new FormState(f.original(), f.items(), f.corrections(), true));
            }
        }
        return forms;
    }

    /** The current (corrected, not retracted) form of an instrument at a visit. */
    public Optional<FormState> visitForm(String subjectId, String visit, String instrument) {
        return forms(subjectId).values().stream()
                .filter(f -> !f.retracted() && visit.equals(f.original().visit())
                        && instrument.equals(f.original().instrument()))
                .findFirst();
    }

    // ------------------------------------------------------------------ reading

    private void read(PlannedRequest r) {
        if (r.isCsv()) {
            readCsv(r);
            return;
        }
        JsonNode body = parse(r.body());
        Fact fact = switch (r.kind()) {
            case ENROLMENT -> enrolment(body::get);
            case ASSESSMENT -> assessment(body::get, items(body.get("items")));
            case CORRECTION -> new Correction(pathSegment(r.path(), 6), items(body.get("items")), text(body.get("reason")));
            case RETRACTION -> new Retraction(pathSegment(r.path(), 6), text(body.get("reason")));
            case DOSE -> new Dose(text(body.get("dose_id")), instant(body.get("administered_at")),
                    body.get("dose_mg").intValue(), body.get("devices").intValue(), bp(body.get("bp_before")),
                    bp(body.get("bp_after")), body.get("monitoring_minutes").intValue(), text(body.get("override_reason")));
            case WITHHELD_DOSE -> new WithheldDose(text(body.get("dose_id")), instant(body.get("decided_at")),
                    text(body.get("reason")), bp(body.get("bp_before")));
            case ADVERSE_EVENT -> new AdverseEvent(text(body.get("adverse_event_id")), text(body.get("term")),
                    LocalDate.parse(text(body.get("onset_date"))), text(body.get("severity")), body.get("serious").booleanValue(),
                    text(body.get("relatedness")));
            case DISCONTINUATION -> new Discontinuation(LocalDate.parse(text(body.get("discontinuation_date"))),
                    text(body.get("reason")), body.get("consent_withdrawn").booleanValue());
            case FOLLOW_UP_COMPLETION -> new FollowUpCompletion(LocalDate.parse(text(body.get("completion_date"))));
            case CSV_IMPORT -> throw new IllegalStateException("unreachable");
        };
        String subject = r.subjectId() != null ? r.subjectId() : text(body.get("subject_id"));
        add(new Entry(subject, fact, r, 0));
    }

    private void readCsv(PlannedRequest r) {
        List<List<String>> rows = Csv.parse(r.body());
        List<String> header = rows.get(0);
        for (int i = 1; i < rows.size(); i++) {
            Map<String, String> cells = new LinkedHashMap<>();
            for (int c = 0; c < header.size(); c++) {
                String cell = rows.get(i).get(c);
                cells.put(header.get(c), cell.isBlank() ? null : cell);
            }
            Fact fact = switch (r.csvKind()) {
                case "enrolments" -> enrolment(f -> node(cells.get(f)));
                case "assessments" -> {
                    SortedMap<String, Integer> items = new TreeMap<>();
                    cells.forEach((column, value) -> {
                        if (column.matches("[A-Z][A-Z0-9]*_[0-9A-Z_]+") && value != null) {
                            items.put(column, Integer.valueOf(value));
                        }
                    });
                    yield assessment(f -> node(cells.get(f)), Collections.unmodifiableSortedMap(items));
                }
                default -> throw new IllegalArgumentException("cannot read CSV kind " + r.csvKind());
            };
            add(new Entry(cells.get("subject_id"), fact, r, i + 1));
        }
    }

    private interface Field {
        JsonNode get(String name);
    }

    private static Enrolment enrolment(Field f) {
        return new Enrolment(LocalDate.parse(text(f.get("enrolment_date"))), LocalDate.parse(text(f.get("consent_date"))),
                text(f.get("consent_version")), integer(f.get("birth_year")), text(f.get("sex")),
                integer(f.get("episode_duration_months")), integer(f.get("failed_antidepressant_trials")));
    }

    private static Assessment assessment(Field f, SortedMap<String, Integer> items) {
        JsonNode session = f.get("dose_session");
        return new Assessment(text(f.get("assessment_id")), text(f.get("instrument")), text(f.get("instrument_version")),
                text(f.get("visit")), session == null ? null : integer(session), instant(f.get("administered_at")),
                text(f.get("rater")), items);
    }

    private void add(Entry e) {
        bySubject.computeIfAbsent(e.subjectId(), s -> new ArrayList<>()).add(e);
    }

    private static JsonNode node(String cell) {
        return cell == null ? null : JSON.getNodeFactory().textNode(cell);
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("a planned JSON body does not parse: " + body, e);
        }
    }

    private static SortedMap<String, Integer> items(JsonNode node) {
        SortedMap<String, Integer> items = new TreeMap<>();
        node.fields().forEachRemaining(e -> items.put(e.getKey(), e.getValue().intValue()));
        return Collections.unmodifiableSortedMap(items);
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    private static int integer(JsonNode node) {
        return node.isNumber() ? node.intValue() : Integer.parseInt(node.asText().trim());
    }

    private static OffsetDateTime instant(JsonNode node) {
        return OffsetDateTime.parse(node.asText());
    }

    private static BloodPressure bp(JsonNode node) {
        return node == null || node.isNull() ? null
                : new BloodPressure(node.get("systolic").intValue(), node.get("diastolic").intValue());
    }

    /** {@code /api/v1/subjects/PAV-001/assessments/<id>/corrections} → segment 6 is the assessment id. */
    private static String pathSegment(String path, int index) {
        return path.split("/")[index];
    }
}
