package org.studyledger.cohort.load;

/**
 * How far loading one center has come.
 *
 * @param center           center code
 * @param requestsTotal    requests the plan has for the center
 * @param requestsSent     requests answered successfully so far
 * @param eventsCreated    events the center recorded for them (a CSV file counts its rows)
 * @param requestsReplayed requests the center had already seen ({@code Idempotent-Replayed: true} or a CSV file
 *                         {@code already_imported})
 * @param eventsReplayed   events those replayed requests had recorded the first time
 * @param retries          attempts repeated after a transient failure
 */
public record LoadProgress(String center, int requestsTotal, int requestsSent, int eventsCreated, int requestsReplayed,
                           int eventsReplayed, int retries) {

    public boolean done() {
        return requestsSent == requestsTotal;
    }

    @Override
    public String toString() {
        return "%s: %d/%d requests, %d events created, %d requests replayed (%d events), %d retries".formatted(center,
                requestsSent, requestsTotal, eventsCreated, requestsReplayed, eventsReplayed, retries);
    }
}
