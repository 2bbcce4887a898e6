package org.studyledger.cohort.model;

import java.time.Instant;
import java.util.Map;
import java.util.SortedMap;
import org.studyledger.cohort.plan.RequestKind;

/**
 * One request of a subject before rendering. Assessment drafts keep their form apart from the body so a
 * transcription error can be put in and a CSV row can be written from them.
 */
final class Draft {
    final String subjectId;
    final String step;
    final RequestKind kind;
    final Staff actor;
    final String path;
    final Map<String, Object> body;
    Instant at;
    /** For assessments: instrument, visit (or null), dose session (or null), administered_at text, rater, items. */
    String instrument;
    String visit;
    Integer doseSession;
    String administeredAt;
    String rater;
    SortedMap<String, Integer> items;
    /** Whether the form may go in through a CSV assessments file instead of REST. */
    boolean csvCandidate;

    Draft(String subjectId, String step, RequestKind kind, Staff actor, String path, Map<String, Object> body, Instant at) {
        this.subjectId = subjectId;
        this.step = step;
        this.kind = kind;
        this.actor = actor;
        this.path = path;
        this.body = body;
        this.at = at;
    }

    @Override
    public String toString() {
        return subjectId + " " + step + " @ " + at;
    }
}
