package org.studyledger.center.subject;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.studyledger.kernel.subject.SubjectId;

/**
 * Prepares the subjects a transaction is about to write (the rows of a CSV file) with one query instead of one or two
 * per subject: their last stored sequence numbers are read together; a subject kept from the transaction that last
 * committed it is given to this one if it is still at that version ({@link TransactionScopedCache}), and a subject with
 * no stored event is known to have none ({@link UnstoredSubjects}). The rest is read as usual when first loaded. It is
 * only a shortcut: leaving it out (or a subject out of it) changes no outcome, only how many queries load them.
 */
@Component
public class SubjectPreload {
    private final SubjectVersions versions;
    private final TransactionScopedCache cache;
    private final UnstoredSubjects unstored;

    SubjectPreload(SubjectVersions versions, TransactionScopedCache cache, UnstoredSubjects unstored) {
        this.versions = versions;
        this.cache = cache;
        this.unstored = unstored;
    }

    /** In the current transaction, before its commands load them; ids that are not a subject's are ignored. */
    public void of(Iterable<String> subjectIds) {
        Set<String> ids = new HashSet<>();
        subjectIds.forEach(id -> {
            if (id != null && SubjectId.isValid(id)) {
                ids.add(id);
            }
        });
        Map<String, Long> stored = versions.last(ids);
        cache.takeAll(ids, stored);
        Set<String> none = new HashSet<>(ids);
        none.removeAll(stored.keySet());
        unstored.none(none);
    }
}
