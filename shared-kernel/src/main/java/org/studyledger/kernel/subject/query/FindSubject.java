package org.studyledger.kernel.subject.query;

import org.studyledger.kernel.subject.SubjectId;

/** Find one subject's current state and history. */
public record FindSubject(SubjectId subjectId) {
}
