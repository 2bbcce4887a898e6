package org.studyledger.hub.auditcheck;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.studyledger.hub.api.NotFound;
import org.studyledger.hub.api.QueryParameters;
import org.studyledger.hub.signing.KeyRegistry;
import org.studyledger.kernel.envelope.EnvelopeCodec;
import org.studyledger.kernel.signing.KeyRing;
import org.studyledger.kernel.subject.SubjectId;

/**
 * The auditor's endpoints (docs/audit.md):
 * <ul>
 *   <li>{@code GET /api/v1/audit/verify?center=&subject=} verifies the ledger as stored, subject by subject, each
 *   event's signature against the centers' keys registered now, and reports every failure with subject, sequence
 *   and reason;</li>
 *   <li>{@code GET /api/v1/ledger/export?center=&subject=} streams the ledger as NDJSON, one envelope per line in
 *   its canonical wire form, signature included, by subject and sequence: the file an auditor verifies offline.</li>
 * </ul>
 */
@RestController
public class LedgerAuditController {
    /** Newline-delimited JSON. */
    public static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");
    private static final Logger log = LoggerFactory.getLogger(LedgerAuditController.class);

    private final StoredLedger ledger;
    private final LedgerVerifier verifier;
    private final StoredEnvelopeReader reader;
    private final KeyRegistry keys;

    LedgerAuditController(StoredLedger ledger, LedgerVerifier verifier, StoredEnvelopeReader reader,
                                KeyRegistry keys) {
        this.ledger = ledger;
        this.verifier = verifier;
        this.reader = reader;
        this.keys = keys;
    }

    @GetMapping("/api/v1/audit/verify")
    public VerificationReport verify(@RequestParam(name = "center", required = false) String center,
                                     @RequestParam(name = "subject", required = false) String subject) {
        LedgerScope scope = scope(center, subject);
        // The keys as registered now, read once: every event of the report is checked against the same ones.
        KeyRing registered = keys.reload();
        List<Failure> failures = new ArrayList<>();
        long[] counts = new long[2];
        ledger.forEachSubject(scope, history -> {
            LedgerVerifier.SubjectResult result = verifier.verify(history, registered);
            counts[0]++;
            counts[1] += result.events();
            failures.addAll(result.failures());
        });
        if (!failures.isEmpty()) {
            log.error("ledger verification ({}) found {} failures, the first: {}", scope, failures.size(), failures.get(0));
        }
        return new VerificationReport(scope, counts[0], counts[1], failures.isEmpty(), failures);
    }

    @GetMapping("/api/v1/ledger/export")
    public ResponseEntity<StreamingResponseBody> export(@RequestParam(name = "center", required = false) String center,
                                                        @RequestParam(name = "subject", required = false) String subject) {
        LedgerScope scope = scope(center, subject);
        StreamingResponseBody body = out -> ledger.forEachSubject(scope, history -> write(history, out));
        String name = "ledger" + (scope.subjectId() != null ? "-" + scope.subjectId()
                : scope.centerId() != null ? "-" + scope.centerId() : "") + ".ndjson";
        return ResponseEntity.ok().contentType(NDJSON)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"")
                .body(body);
    }

    /** Each stored event of the subject as its envelope's wire form; an unreadable one cannot be, and is left out. */
    private void write(SubjectHistory history, OutputStream out) {
        try {
            for (StoredEvent row : history.events()) {
                try {
                    out.write(EnvelopeCodec.encode(reader.read(row).envelope()));
                    out.write('\n');
                } catch (StoredEnvelopeReader.Unreadable e) {
                    log.error("ledger export: {} #{} (event {}) is left out: {}", row.aggregateIdentifier(),
                            row.sequenceNumber(), row.eventIdentifier(), e.getMessage());
                }
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private LedgerScope scope(String center, String subject) {
        QueryParameters p = new QueryParameters();
        String centerId = p.center("center", center);
        String subjectId = p.subject("subject", subject);
        if (centerId != null && subjectId != null && !new SubjectId(subjectId).center().value().equals(centerId)) {
            p.problem("subject", "subject " + subjectId + " is not a subject of center " + centerId);
        }
        p.check();
        LedgerScope scope = LedgerScope.of(centerId, subjectId);
        if (!ledger.knows(scope)) {
            throw new NotFound("subject", "subject " + subjectId + " is not in the ledger");
        }
        return scope;
    }
}
