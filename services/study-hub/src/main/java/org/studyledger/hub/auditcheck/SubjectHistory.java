package org.studyledger.hub.auditcheck;

import java.util.List;

/**
 * Everything the ledger holds about one subject, read in one snapshot: its stored events in order of sequence
 * number (as stored: gaps, duplicates and all), and its chain head ({@code ledger_head}), if any.
 */
record SubjectHistory(String subjectId, List<StoredEvent> events, Head head) {

    /** The ledger's record of the subject's last event, moved forward with every append. */
    record Head(long lastSequence, String lastHash) {
    }
}
