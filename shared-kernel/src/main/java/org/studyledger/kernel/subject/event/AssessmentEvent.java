package org.studyledger.kernel.subject.event;

import org.studyledger.kernel.subject.AssessmentId;

/**
 * An event about one assessment: its recording ({@link AssessmentRecorded}), a correction ({@link AssessmentCorrected})
 * or a retraction ({@link AssessmentRetracted}). Whoever must know in advance which assessments a set of events
 * concerns (the hub, to read them from its ledger in one query) asks this instead of telling the three apart.
 */
public interface AssessmentEvent {
    /** The assessment the event records, corrects or retracts. */
    AssessmentId assessmentId();
}
