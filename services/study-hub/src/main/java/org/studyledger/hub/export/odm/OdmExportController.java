package org.studyledger.hub.export.odm;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
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
import org.studyledger.kernel.subject.SubjectId;

/**
 * {@code GET /api/v1/exports/odm?center=&subject=} streams the ledger (or one center's or one subject's part of it)
 * as a transactional CDISC ODM 1.3.2 file; {@code X-Ledger-Position} names the last ledger event it includes. With
 * {@code hash=true} the answer is instead {@code {position, file_oid, sha256}}: the SHA-256 of exactly the file the
 * same request without {@code hash} returns while the ledger has not grown in that scope (docs/odm-export.md).
 */
@RestController
public class OdmExportController {
    public static final String POSITION_HEADER = "X-Ledger-Position";

    private final OdmExport export;

    OdmExportController(OdmExport export) {
        this.export = export;
    }

    @GetMapping("/api/v1/exports/odm")
    public ResponseEntity<StreamingResponseBody> odm(@RequestParam(name = "center", required = false) String center,
                                 @RequestParam(name = "subject", required = false) String subject,
                                 @RequestParam(name = "hash", required = false) String hash) {
        QueryParameters p = new QueryParameters();
        String centerId = p.center("center", center);
        String subjectId = p.subject("subject", subject);
        String digest = p.oneOf("hash", hash, List.of("true", "false"));
        if (centerId != null && subjectId != null && !new SubjectId(subjectId).center().value().equals(centerId)) {
            p.problem("subject", "subject " + subjectId + " is not a subject of center " + centerId);
        }
        p.check();
        if (subjectId != null && !export.knowsSubject(subjectId)) {
            throw new NotFound("subject", "subject " + subjectId + " is not in the ledger");
        }
        OdmLedger.Cut cut = export.cut(centerId, subjectId);
        String position = Long.toString(cut.position());
        if ("true".equals(digest)) {
            MessageDigest sha256 = sha256();
            try (OutputStream sink = new DigestOutputStream(OutputStream.nullOutputStream(), sha256)) {
                export.write(centerId, subjectId, cut, sink);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            // a small JSON object of fixed members: written by hand, so the answer is one StreamingResponseBody type
            byte[] json = ("{\"position\":" + cut.position() + ",\"file_oid\":\"" + OdmExport.fileOid(centerId, subjectId, cut)
                    + "\",\"sha256\":\"" + HexFormat.of().formatHex(sha256.digest()) + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            return ResponseEntity.ok().header(POSITION_HEADER, position).contentType(MediaType.APPLICATION_JSON)
                    .body(out -> out.write(json));
        }
        StreamingResponseBody body = out -> export.write(centerId, subjectId, cut, out);
        String name = "odm-ESK-TRD" + (subjectId != null ? "-" + subjectId : centerId != null ? "-" + centerId : "")
                + "-P" + position + ".xml";
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_XML)
                .header(POSITION_HEADER, position)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"")
                .body(body);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
