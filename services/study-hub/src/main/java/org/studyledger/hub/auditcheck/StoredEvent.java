package org.studyledger.hub.auditcheck;

/**
 * One row of the ledger's event table ({@code domain_event_entry}) exactly as stored, with the hash the hub
 * recorded for its event id when it accepted it ({@code ledger_event_hash}, null when there is none).
 */
record StoredEvent(
        long globalIndex,
        String eventIdentifier,
        String aggregateIdentifier,
        long sequenceNumber,
        String payloadType,
        String payloadRevision,
        byte[] payload,
        byte[] metaData,
        String recordedHash) {
}
