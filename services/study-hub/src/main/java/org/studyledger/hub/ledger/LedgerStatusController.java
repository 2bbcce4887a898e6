package org.studyledger.hub.ledger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.time.Instant;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.studyledger.hub.HubProperties;
import org.studyledger.hub.api.QueryParameters;
import org.studyledger.hub.asof.AsOf;
import org.studyledger.hub.asof.AsOfReads;

/**
 * {@code GET /api/v1/ledger/status}: per center, events in the ledger, subjects, last ledger position,
 * consumer lag on its topic and open quarantine count; and whether the ledger consumer's thread is alive and when it
 * last polled. With {@code position} or {@code asOf} (docs/as-of.md): the events, subjects and last position per center
 * up to that ledger position and the quarantine as it stood when the ledger's last event up to it was accepted (or at
 * {@code asOf}); consumer lag and liveness have no past and are now's.
 */
@RestController
public class LedgerStatusController {
    private final LedgerStatusReads reads;
    private final HubProperties hub;
    /** Absent where the hub runs without a consumer (a read-only hub over a copied ledger, say): then not alive. */
    private final ObjectProvider<LedgerConsumer> consumer;
    private final AsOfReads snapshots;
    private final ConsumerLag consumerLag;

    LedgerStatusController(LedgerStatusReads reads, HubProperties hub, ObjectProvider<LedgerConsumer> consumer,
                           AsOfReads snapshots, ConsumerLag consumerLag) {
        this.consumerLag = consumerLag;
        this.reads = reads;
        this.hub = hub;
        this.consumer = consumer;
        this.snapshots = snapshots;
    }

    public record CenterStatus(String centerId, String topic, long events, long subjects, Long lastPosition,
                               Long consumerLag, long quarantined) {
    }

    public record LedgerStatus(String studyId, long events, Long lastPosition, long quarantined, String lagError,
                               List<CenterStatus> centers, LedgerConsumer.Liveness consumer) {
    }

    @GetMapping("/api/v1/ledger/status")
    public ResponseEntity<LedgerStatus> status(@RequestParam(name = AsOf.AS_OF, required = false) String asOf,
                                               @RequestParam(name = AsOf.POSITION, required = false) String position) {
        QueryParameters p = new QueryParameters();
        AsOf point = snapshots.parse(p, asOf, position);
        p.check();
        if (point == null) {
            return ResponseEntity.ok(status());
        }
        long at = snapshots.resolve(point);
        return ResponseEntity.ok().header(AsOf.HEADER, Long.toString(at)).body(status(at, point.instant()));
    }

    /** The ledger's status now. */
    public LedgerStatus status() {
        return assemble(reads.byCenter());
    }

    /**
     * The ledger's status as of ledger position {@code position}: per center (a subject id's prefix) its events,
     * subjects and last position up to it, and the messages that were in quarantine at {@code at} (null: when the
     * ledger's last event up to the position was accepted). Consumer lag and liveness are now's: they have no past.
     */
    public LedgerStatus status(long position, Instant at) {
        return assemble(reads.byCenter(position, at));
    }

    private LedgerStatus assemble(Map<String, long[]> byCenter) {
        Map<String, Long> lag = new HashMap<>();
        String lagError = null;
        try {
            lag.putAll(consumerLag.byCenter());
        } catch (Exception e) {
            lagError = "consumer lag unavailable: " + e.getMessage();
        }
        for (String center : lag.keySet()) {
            byCenter.computeIfAbsent(center, c -> new long[] {0, 0, -1, 0});
        }
        List<CenterStatus> centers = new ArrayList<>();
        long events = 0;
        long quarantined = 0;
        Long last = null;
        for (Map.Entry<String, long[]> e : byCenter.entrySet()) {
            long[] v = e.getValue();
            Long position = v[2] > 0 ? v[2] : null;
            centers.add(new CenterStatus(e.getKey(), "?".equals(e.getKey()) ? null : hub.topicOf(e.getKey()), v[0], v[1],
                    position, lag.get(e.getKey()), v[3]));
            events += v[0];
            quarantined += v[3];
            if (position != null && (last == null || position > last)) {
                last = position;
            }
        }
        return new LedgerStatus(hub.studyId(), events, last, quarantined, lagError, centers,
                consumer.stream().findFirst().map(LedgerConsumer::liveness).orElse(new LedgerConsumer.Liveness(false, null)));
    }
}
