package org.studyledger.hub.console.view;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.studyledger.hub.timeline.TimelineController;
import org.studyledger.kernel.protocol.Protocol;
import org.studyledger.kernel.protocol.Visit;

/**
 * One subject's page, from its timeline (the projection the API's timeline answers): the schedule against the
 * protocol's visit windows, the dosing sessions with blood pressure and CADSS, each instrument's scores over time with
 * corrections applied, the adverse events, and every event of the timeline with corrections as old → new and
 * retracted forms marked.
 */
public record SubjectView(String subjectId, List<ScheduledVisit> schedule, List<DoseSession> doses,
                          Map<String, List<Score>> instruments, List<AdverseEvent> adverseEvents, List<Row> timeline,
                          long lastPosition) {

    /** A protocol visit: its window in study days and, when done, the form that placed it there. */
    public record ScheduledVisit(String code, String label, int targetDay, String window, Integer studyDay,
                                 boolean done, boolean outOfWindow) {
    }

    /** A dosing session, given or withheld. */
    public record DoseSession(int session, String date, String dose, String bpBefore, String bpAfter, String cadss,
                              String note) {
    }

    /** One administration of an instrument: where, when, its total (corrections applied); struck when retracted. */
    public record Score(String where, Integer studyDay, String total, boolean corrected, boolean retracted) {
    }

    public record AdverseEvent(String term, String onset, String severity, boolean serious, String relatedness) {
    }

    /** A changed value of a correction. */
    public record Change(String field, String old, String now) {
    }

    /** One timeline event. */
    public record Row(long position, long sequence, String type, String occurredAt, String actorRole, String summary,
                      List<Change> changes, String reason, boolean retracted) {
    }

    public static SubjectView of(String subjectId, List<TimelineController.Entry> entries, Protocol protocol) {
        Map<String, JsonNode> recorded = new LinkedHashMap<>();
        Map<String, JsonNode> currentScores = new HashMap<>();
        Set<String> corrected = new HashSet<>();
        Set<String> retracted = new HashSet<>();
        Map<String, Integer> studyDays = new HashMap<>();
        Map<String, Boolean> outOfWindow = new HashMap<>();
        for (TimelineController.Entry e : entries) {
            JsonNode payload = e.details().path("payload");
            String assessment = payload.path("assessment_id").asText(null);
            switch (e.eventType()) {
                case "AssessmentRecorded" -> {
                    recorded.put(assessment, payload);
                    currentScores.put(assessment, payload.path("scores"));
                    JsonNode timing = e.details().path("timing");
                    if (timing.hasNonNull("study_day")) {
                        studyDays.put(assessment, timing.get("study_day").asInt());
                    }
                    outOfWindow.put(assessment, timing.path("out_of_window").asBoolean(false));
                }
                case "AssessmentCorrected" -> {
                    currentScores.put(assessment, payload.path("scores"));
                    corrected.add(assessment);
                }
                case "AssessmentRetracted" -> retracted.add(assessment);
                default -> {
                }
            }
        }

        List<ScheduledVisit> schedule = new ArrayList<>();
        for (Visit visit : protocol.visits()) {
            String placed = null;
            for (Map.Entry<String, JsonNode> r : recorded.entrySet()) {
                if (visit.code().equals(r.getValue().path("visit").asText(null)) && !retracted.contains(r.getKey())) {
                    placed = r.getKey();
                    break;
                }
            }
            schedule.add(new ScheduledVisit(visit.code(), visit.label(), visit.targetDay(), visit.window().toString(),
                    placed == null ? null : studyDays.get(placed), placed != null,
                    placed != null && outOfWindow.getOrDefault(placed, false)));
        }

        Map<Integer, String> cadss = new HashMap<>();
        Map<String, List<Score>> instruments = new LinkedHashMap<>();
        recorded.forEach((id, payload) -> {
            String instrument = instrument(payload.path("instrument"));
            boolean struck = retracted.contains(id);
            String total = total(currentScores.get(id));
            String where = payload.hasNonNull("visit") ? payload.get("visit").asText()
                    : "session " + payload.path("dose_session").asText();
            instruments.computeIfAbsent(instrument, i -> new ArrayList<>())
                    .add(new Score(where, studyDays.get(id), total, corrected.contains(id), struck));
            if ("CADSS".equals(instrument) && payload.hasNonNull("dose_session") && !struck) {
                cadss.put(payload.get("dose_session").asInt(), total);
            }
        });

        List<DoseSession> doses = new ArrayList<>();
        List<AdverseEvent> adverse = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        long last = -1;
        for (TimelineController.Entry e : entries) {
            JsonNode payload = e.details().path("payload");
            last = Math.max(last, e.position());
            switch (e.eventType()) {
                case "DoseAdministered" -> {
                    int session = payload.path("session_number").asInt();
                    doses.add(new DoseSession(session, date(payload.path("administered_at").asText("")),
                            payload.path("dose_mg").asText() + " mg", bp(payload.path("bp_before")),
                            bp(payload.path("bp_after")), cadss.getOrDefault(session, "–"),
                            text(payload.path("override_reason"))));
                }
                case "DoseWithheld" -> {
                    int session = payload.path("session_number").asInt();
                    doses.add(new DoseSession(session, date(e.occurredAt()), "withheld", bp(payload.path("bp_before")),
                            "–", cadss.getOrDefault(session, "–"), text(payload.path("reason"))));
                }
                case "AdverseEventReported" -> adverse.add(new AdverseEvent(payload.path("term").asText(),
                        payload.path("onset_date").asText(), payload.path("severity").asText(),
                        payload.path("serious").asBoolean(), payload.path("relatedness").asText()));
                default -> {
                }
            }
            List<Change> changes = new ArrayList<>();
            e.details().path("changes").forEach(c -> changes.add(new Change(c.path("field").asText(),
                    value(c.path("old")), value(c.path("new")))));
            String assessment = payload.path("assessment_id").asText(null);
            boolean struck = "AssessmentRecorded".equals(e.eventType()) && retracted.contains(assessment);
            String reason = e.eventType().equals("AssessmentCorrected") || e.eventType().equals("AssessmentRetracted")
                    ? text(payload.path("reason")) : null;
            rows.add(new Row(e.position(), e.sequence(), e.eventType(), e.occurredAt(), e.actorRole(), e.summary(),
                    changes, reason, struck));
        }
        return new SubjectView(subjectId, schedule, doses, instruments, adverse, rows, last);
    }

    /** MADRS over time, for the subject's chart: study day and total of each retained visit form. */
    public List<Score> madrs() {
        return instruments.getOrDefault("MADRS", List.of()).stream().filter(s -> !s.retracted()).toList();
    }

    private static String instrument(JsonNode ref) {
        if (ref.isTextual()) {
            String text = ref.asText();
            int slash = text.indexOf('/');
            return slash < 0 ? text : text.substring(0, slash);
        }
        return ref.path("code").asText("?");
    }

    /** The instrument's total: the first score whose code ends in _TOTAL, else the first score. */
    private static String total(JsonNode scoreSet) {
        if (scoreSet == null) {
            return "–";
        }
        JsonNode scores = scoreSet.path("scores");
        String first = null;
        for (var it = scores.fields(); it.hasNext(); ) {
            var field = it.next();
            if (field.getKey().endsWith("_TOTAL")) {
                return plain(field.getValue());
            }
            if (first == null) {
                first = plain(field.getValue());
            }
        }
        return first == null ? "–" : first;
    }

    private static String plain(JsonNode number) {
        return number.isNumber() ? new BigDecimal(number.asText()).stripTrailingZeros().toPlainString() : number.asText();
    }

    private static String bp(JsonNode bp) {
        return bp.isMissingNode() || bp.isNull() ? "–" : bp.path("systolic").asText() + "/" + bp.path("diastolic").asText();
    }

    private static String date(String instant) {
        return instant.length() >= 10 ? instant.substring(0, 10) : instant;
    }

    private static String text(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? null : node.asText();
    }

    private static String value(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? "(none)" : node.isNumber() ? plain(node) : node.asText();
    }
}
