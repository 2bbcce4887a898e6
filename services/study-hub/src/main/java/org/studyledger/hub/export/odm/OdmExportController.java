package org.studyledger.hub.export.odm;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.studyledger.hub.api.NotFound;
import org.studyledger.hub.api.QueryParameters;
import org.studyledger.hub.security.HubAccess;
import org.studyledger.hub.snapshot.AsOf;
import org.studyledger.hub.snapshot.ContentHash;
import org.studyledger.hub.snapshot.Snapshots;
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
    private final Snapshots snapshots;

    OdmExportController(OdmExport export, Snapshots snapshots) {
        this.export = export;
        this.snapshots = snapshots;
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
        String fileHash = sha256(centerId, subjectId, cut, audited);
        if ("true".equals(digest)) {
            // a small JSON object of fixed members: written by hand, so the answer is one StreamingResponseBody type
            byte[] json = ("{\"position\":" + cut.position() + ",\"file_oid\":\"" + OdmExport.fileOid(centerId, subjectId, cut, audited)
                    + "\",\"sha256\":\"" + fileHash + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            return ResponseEntity.ok().header(POSITION_HEADER, ledgerPosition)
                    .header(ContentHash.HEADER, ContentHash.of(json))
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(out -> out.write(json));
        }
        StreamingResponseBody body = out -> export.write(centerId, subjectId, cut, audited, out);
        String name = "odm-ESK-TRD" + (subjectId != null ? "-" + subjectId : centerId != null ? "-" + centerId : "")
                + "-P" + ledgerPosition + (audited ? "" : "-clinical") + ".xml";
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_XML)
                .header(POSITION_HEADER, ledgerPosition)
                .header(ContentHash.HEADER, fileHash)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"")
                .body(body);
    }

    /** The SHA-256 of the file up to {@code cut}: written once into a digest (the bytes are discarded). */
    private String sha256(String centerId, String subjectId, OdmLedger.Cut cut, boolean auditRecords) {
        MessageDigest sha256 = ContentHash.sha256();
        try (OutputStream sink = new DigestOutputStream(OutputStream.nullOutputStream(), sha256)) {
            export.write(centerId, subjectId, cut, auditRecords, sink);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ContentHash.hex(sha256);
    }
}
