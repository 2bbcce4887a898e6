package org.studyledger.kernel.subject.event;

import static org.studyledger.kernel.subject.Facts.require;
import static org.studyledger.kernel.subject.Facts.requireText;

import java.time.Instant;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;
import org.axonframework.serialization.Revision;
import org.studyledger.kernel.instrument.InstrumentRef;
import org.studyledger.kernel.instrument.ScoreSet;
import org.studyledger.kernel.subject.AssessmentId;

/**
 * An instrument was administered and every item response recorded. The derived scores travel with
 * the items so a reader sees what was computed; anyone can recompute them from the items with the
 * named instrument version, and the hub does.
 *
 * @param assessmentId   id of this assessment; corrections and retractions name it
 * @param instrument     instrument code and catalogue version, e.g. {@code MADRS/1}
 * @param visit          protocol visit code (T0, W1, M1, M2, M3, M6); absent for per-session instruments
 * @param doseSession    dosing session number for per-session instruments (CADSS); absent otherwise
 * @param administeredAt when the form was administered
 * @param rater          who administered and rated it (staff id)
 * @param items          every item response by item code
 * @param scores         derived scores and categories
 * @param studyDay       study day of administration (day 1 = first dose, no day 0); absent before the first dose
 * @param outOfWindow    the visit fell outside its protocol window; recorded, not refused
 */
@Revision("1")
public record AssessmentRecorded(
        AssessmentId assessmentId,
        InstrumentRef instrument,
        String visit,
        Integer doseSession,
        Instant administeredAt,
        String rater,
        SortedMap<String, Integer> items,
        ScoreSet scores,
        Integer studyDay,
        boolean outOfWindow) implements StudyEvent, AssessmentEvent {

    public AssessmentRecorded {
        require(assessmentId != null, "assessment_id is required");
        require(instrument != null, "instrument is required");
        require((visit == null) != (doseSession == null), "exactly one of visit and dose_session is required");
        require(doseSession == null || doseSession >= 1, "dose_session starts at 1");
        require(administeredAt != null, "administered_at is required");
        requireText(rater, "rater");
        require(items != null && !items.isEmpty(), "items are required");
        require(scores != null, "scores are required");
        require(studyDay == null || studyDay != 0, "study_day is never 0");
        items = Collections.unmodifiableSortedMap(new TreeMap<>(items));
    }

    @Override
    public <R> R accept(StudyEventVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
