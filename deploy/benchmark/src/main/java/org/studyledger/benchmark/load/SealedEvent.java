package org.studyledger.benchmark.load;

import org.studyledger.kernel.envelope.EventEnvelope;
import org.studyledger.kernel.subject.event.StudyEvent;

/**
 * One event as a center seals and publishes it, with its payload as the hub reads it from the envelope.
 *
 * @param envelope  the sealed envelope (header, payload, hash chain)
 * @param event     the typed payload, decoded from the envelope as the hub's intake decodes it
 * @param planOrder where the request that recorded it falls in its center's plan (request index, then CSV line):
 *                  the order in which the center recorded, and the hub received, the center's events
 */
public record SealedEvent(EventEnvelope envelope, StudyEvent event, long planOrder) {
}
