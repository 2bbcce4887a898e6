package org.studyledger.cohort.plan;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A deterministic cohort: every request to every center's intake, in chronological order of {@link
 * PlannedRequest#at()}. Within a center the order is the order in which the requests must be sent (a subject's
 * enrolment before its data, doses in time order, a form before its correction); centers are independent.
 */
public final class CohortPlan {
    /** Orders requests by plan time, then center, subject and step (a total order for any plan). */
    public static final Comparator<PlannedRequest> CHRONOLOGICAL = Comparator.comparing(PlannedRequest::at)
            .thenComparing(PlannedRequest::center)
            .thenComparing(r -> r.subjectId() == null ? "" : r.subjectId())
            .thenComparing(PlannedRequest::step);

    private final long seed;
    private final String generator;
    private final List<String> centers;
    private final List<SubjectProfile> subjects;
    private final List<PlannedRequest> requests;

    /**
     * @param seed      the seed it was generated from
     * @param generator generator name and version (part of every idempotency key)
     * @param centers   center codes in their order
     * @param subjects  every subject's latent profile, in id order per center
     * @param requests  every request, already in send order (chronological)
     */
    public CohortPlan(long seed, String generator, List<String> centers, List<SubjectProfile> subjects,
                      List<PlannedRequest> requests) {
        this.seed = seed;
        this.generator = Objects.requireNonNull(generator, "generator");
        this.centers = List.copyOf(centers);
        this.subjects = List.copyOf(subjects);
        this.requests = List.copyOf(requests);
        for (PlannedRequest r : this.requests) {
            if (!this.centers.contains(r.center())) {
                throw new IllegalArgumentException("request for unknown center " + r.center() + ": " + r);
            }
        }
    }

    public long seed() {
        return seed;
    }

    public String generator() {
        return generator;
    }

    public List<String> centers() {
        return centers;
    }

    public List<SubjectProfile> subjects() {
        return subjects;
    }

    /** All requests in chronological order (centers interleaved). */
    public List<PlannedRequest> requests() {
        return requests;
    }

    /** One center's requests in send order. */
    public List<PlannedRequest> requestsFor(String center) {
        return requests.stream().filter(r -> r.center().equals(center)).toList();
    }

    /** Each center's requests in send order, centers in plan order. */
    public Map<String, List<PlannedRequest>> byCenter() {
        Map<String, List<PlannedRequest>> map = new LinkedHashMap<>();
        centers.forEach(c -> map.put(c, new ArrayList<>()));
        requests.forEach(r -> map.get(r.center()).add(r));
        map.replaceAll((c, list) -> List.copyOf(list));
        return map;
    }

    /**
     * The part of the plan for some of its centers (e.g. only the centers a local platform runs); the requests are
     * the same, so a later load of the whole plan replays them.
     */
    public CohortPlan forCenters(java.util.Collection<String> selected) {
        List<String> unknown = selected.stream().filter(c -> !centers.contains(c)).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("the plan has no center(s) " + unknown + "; it has " + centers);
        }
        return new CohortPlan(seed, generator, centers.stream().filter(selected::contains).toList(),
                subjects.stream().filter(s -> selected.contains(s.center())).toList(),
                requests.stream().filter(r -> selected.contains(r.center())).toList());
    }

    /** Events the center records when the whole plan is loaded into an empty center. */
    public int expectedEvents(String center) {
        return requests.stream().filter(r -> r.center().equals(center)).mapToInt(PlannedRequest::expectedEvents).sum();
    }

    public int expectedEvents() {
        return requests.stream().mapToInt(PlannedRequest::expectedEvents).sum();
    }

    /** The plan as JSON (UTF-8); the same plan always gives the same bytes. */
    public byte[] toJsonBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeJson(out);
        return out.toByteArray();
    }

    /** Writes the plan as JSON: seed, generator, centers, subjects (latent profiles) and requests. */
    public void writeJson(OutputStream out) {
        try (JsonGenerator g = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.writeStartObject();
            g.writeNumberField("seed", seed);
            g.writeStringField("generator", generator);
            g.writeArrayFieldStart("centers");
            for (String c : centers) {
                g.writeString(c);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("subjects");
            for (SubjectProfile s : subjects) {
                g.writeStartObject();
                g.writeStringField("subject_id", s.subjectId());
                g.writeStringField("center", s.center());
                g.writeStringField("enrolment_date", s.enrolmentDate().toString());
                g.writeNumberField("age_at_enrolment", s.ageAtEnrolment());
                g.writeStringField("latent_rfq_u", fixed(s.latentRfqU()));
                g.writeStringField("latent_rfq_c", fixed(s.latentRfqC()));
                g.writeNumberField("baseline_madrs", s.baselineMadrs());
                g.writeBooleanField("responder_type", s.responderType());
                g.writeStringField("max_improvement", fixed(s.maxImprovement()));
                g.writeStringField("tau_days", fixed(s.tauDays()));
                g.writeStringField("first_dose_date", s.firstDoseDate().toString());
                g.writeStringField("disposition", s.disposition().name());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("requests");
            for (PlannedRequest r : requests) {
                g.writeStartObject();
                g.writeStringField("center", r.center());
                if (r.subjectId() != null) {
                    g.writeStringField("subject_id", r.subjectId());
                }
                g.writeStringField("step", r.step());
                g.writeStringField("at", r.at().toString());
                g.writeStringField("kind", r.kind().name());
                g.writeStringField("method", r.method());
                g.writeStringField("path", r.path());
                g.writeStringField("content_type", r.contentType());
                g.writeObjectFieldStart("headers");
                for (Map.Entry<String, String> h : r.headers().entrySet()) {
                    g.writeStringField(h.getKey(), h.getValue());
                }
                g.writeEndObject();
                g.writeStringField("body", r.body());
                g.writeNumberField("expected_events", r.expectedEvents());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Latent values are doubles; written with a fixed number of decimals so the bytes never depend on formatting. */
    private static String fixed(double value) {
        return String.format(java.util.Locale.ROOT, "%.6f", value);
    }

    @Override
    public String toString() {
        return "CohortPlan[seed=" + seed + ", centers=" + centers + ", subjects=" + subjects.size() + ", requests="
                + requests.size() + ", events=" + expectedEvents() + "]";
    }
}
