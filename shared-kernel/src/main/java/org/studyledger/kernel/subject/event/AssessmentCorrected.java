package org.studyledger.kernel.subject.event;

import static org.studyledger.kernel.subject.Facts.require;
import static org.studyledger.kernel.subject.Facts.requireText;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;
import org.axonframework.serialization.Revision;
import org.studyledger.kernel.instrument.ScoreSet;
import org.studyledger.kernel.subject.AssessmentId;

/**
 * An earlier assessment's item responses were corrected. The event carries the complete corrected
 * form (not a diff) and its recomputed scores, so the current state never depends on applying
 * partial changes in the right order; the previous values remain in the earlier events.
 *
 * @param assessmentId the assessment being corrected
 * @param items        the complete corrected item responses
 * @param scores       scores recomputed from the corrected items
 * @param reason       why the values changed (mandatory: an audit trail without reasons is not one)
 */
@Revision("1")
public record AssessmentCorrected(
        AssessmentId assessmentId,
        SortedMap<String, Integer> items,
        ScoreSet scores,
        String reason) implements StudyEvent, AssessmentEvent {

    public AssessmentCorrected {
        require(assessmentId != null, "assessment_id is required");
        require(items != null && !items.isEmpty(), "items are required");
        require(scores != null, "scores are required");
        requireText(reason, "reason");
        items = Collections.unmodifiableSortedMap(new TreeMap<>(items));
    }

    @Override
    public <R> R accept(StudyEventVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
