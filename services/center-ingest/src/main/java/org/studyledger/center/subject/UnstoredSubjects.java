package org.studyledger.center.subject;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * The subjects the current transaction found to have no stored event, so that the event storage answers for them
 * without asking the database again ({@link SubjectStorage}): a file of enrolments loads each of its new subjects, and
 * one look-up of all of a file's subjects ({@link SubjectPreload}) replaces one per subject. A subject is unstored only
 * in the transaction that looked, and only until an event of it is appended there. Another writer storing the
 * subject's first event meanwhile is caught as it would be without this: appending the same sequence number fails on
 * the store's unique key, and the transaction rolls back.
 */
final class UnstoredSubjects {
    private final TransactionBound<Set<String>> perTransaction = new TransactionBound<>(HashSet::new);

    /** Records that the current transaction found no stored event of these subjects (outside a transaction: nothing). */
    void none(Collection<String> subjectIds) {
        Set<String> unstored = perTransaction.current();
        if (unstored != null) {
            unstored.addAll(subjectIds);
        }
    }

    /** Whether the current transaction found no stored event of the subject, and has appended none since. */
    boolean isUnstored(String subjectId) {
        Set<String> unstored = perTransaction.existing();
        return unstored != null && unstored.contains(subjectId);
    }

    /** An event of the subject is being appended in the current transaction: it is stored from now on. */
    void stored(String subjectId) {
        Set<String> unstored = perTransaction.existing();
        if (unstored != null) {
            unstored.remove(subjectId);
        }
    }
}
