package org.studyledger.hub.export.odm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.studyledger.hub.api.NotFound;
import org.studyledger.hub.api.QueryParameters;
import org.studyledger.hub.export.cache.ExportCache;
import org.studyledger.hub.export.cache.ExportKey;
import org.studyledger.hub.security.HubAccess;
import org.studyledger.hub.asof.AsOf;
import org.studyledger.hub.asof.ContentHash;
import org.studyledger.hub.asof.AsOfReads;
import org.studyledger.kernel.subject.SubjectId;

/**
 * {@code GET /api/v1/exports/odm?center=&subject=} streams the ledger (or one center's or one subject's part of it)
 * as a transactional CDISC ODM 1.3.2 file; {@code X-Ledger-Position} names the last ledger event it includes and
 * {@code X-Content-SHA256} is the SHA-256 of the file (the file is written into a digest first, then streamed: the
 * same bytes, since the export reads the ledger only up to that fixed position). With {@code position} or
 * {@code asOf} (docs/as-of.md) the export stops at the last event in scope at or before that ledger position, so it is
 * the file the same request returned when the ledger stood there. With {@code hash=true} the answer is instead
 * {@code {position, file_oid, sha256}}: the SHA-256 of exactly the file the same request without {@code hash}
 * returns while the ledger has not grown in that scope (docs/odm-export.md). With {@code audit_records=false} the
 * file carries the clinical data without audit records and without staff ids: the analysts' file; with audit records
 * it is the auditors' (docs/security.md).
 */
@RestController
public class OdmExportController {
    public static final String POSITION_HEADER = "X-Ledger-Position";

    private final OdmExport export;
    private final AsOfReads snapshots;
    private final ExportCache cache;

    OdmExportController(OdmExport export, AsOfReads snapshots, ExportCache cache) {
        this.export = export;
        this.snapshots = snapshots;
        this.cache = cache;
    }

    @GetMapping("/api/v1/exports/odm")
    public ResponseEntity<StreamingResponseBody> odm(@RequestParam(name = "center", required = false) String center,
                                 @RequestParam(name = "subject", required = false) String subject,
                                 @RequestParam(name = "hash", required = false) String hash,
                                 @RequestParam(name = HubAccess.AUDIT_RECORDS, required = false) String auditRecords,
                                 @RequestParam(name = AsOf.AS_OF, required = false) String asOf,
                                 @RequestParam(name = AsOf.POSITION, required = false) String position) {
        QueryParameters p = new QueryParameters();
        String centerId = p.center("center", center);
        String subjectId = p.subject("subject", subject);
        String digest = p.oneOf("hash", hash, List.of("true", "false"));
        boolean audited = auditRecords == null || auditRecords.equals("true");
        if (auditRecords != null && !audited && !auditRecords.equals("false")) {
            p.problem(HubAccess.AUDIT_RECORDS, "must be true or false, got '" + auditRecords + "'");
        }
        if (centerId != null && subjectId != null && !new SubjectId(subjectId).center().value().equals(centerId)) {
            p.problem("subject", "subject " + subjectId + " is not a subject of center " + centerId);
        }
        AsOf point = snapshots.parse(p, asOf, position);
        p.check();
        Long upTo = point == null ? null : snapshots.resolve(point);
        if (subjectId != null && !export.knowsSubject(subjectId)) {
            throw new NotFound("subject", "subject " + subjectId + " is not in the ledger");
        }
        OdmLedger.Cut cut = upTo == null ? export.cut(centerId, subjectId) : export.cut(centerId, subjectId, upTo);
        String ledgerPosition = Long.toString(cut.position());
        // The file is a function of its scope, its cut and the caller's view; the event count guards the cut against
        // an append below it that committed after it (concurrent intakes).
        ExportKey key = new ExportKey("odm", "center=" + centerId + " subject=" + subjectId, "odm-1.3.2", "ledger",
                cut.position(), export.count(centerId, subjectId, cut), audited ? "audit" : "clinical");
        ExportCache.Served served = cache.get(key, out -> {
            export.write(centerId, subjectId, cut, audited, out);
            return Map.of();
        });
        if ("true".equals(digest)) {
            closeQuietly(served);
            // a small JSON object of fixed members: written by hand, so the answer is one StreamingResponseBody type
            byte[] json = ("{\"position\":" + cut.position() + ",\"file_oid\":\"" + OdmExport.fileOid(centerId, subjectId, cut, audited)
                    + "\",\"sha256\":\"" + served.sha256() + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            return ResponseEntity.ok().header(POSITION_HEADER, ledgerPosition)
                    .header(ContentHash.HEADER, ContentHash.of(json))
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(out -> out.write(json));
        }
        String name = "odm-ESK-TRD" + (subjectId != null ? "-" + subjectId : centerId != null ? "-" + centerId : "")
                + "-P" + ledgerPosition + (audited ? "" : "-clinical") + ".xml";
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_XML)
                .header(POSITION_HEADER, ledgerPosition)
                .header(ContentHash.HEADER, served.sha256())
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"")
                .contentLength(served.size())
                .body(served::sendTo);
    }

    private static void closeQuietly(ExportCache.Served served) {
        try {
            served.close();
        } catch (IOException e) {
            // only a file handle of the cache's: nothing was sent from it
        }
    }
}
