package org.studyledger.hub.cohortsummary;

import java.util.List;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.studyledger.hub.api.QueryParameters;
import org.studyledger.hub.api.Table;
import org.studyledger.hub.api.TableResponses;
import org.studyledger.hub.export.DatasetController;
import org.studyledger.hub.dataset.DatasetPosition;
import org.studyledger.hub.asof.AsOf;
import org.studyledger.hub.asof.ContentHash;
import org.studyledger.hub.asof.LedgerSource;
import org.studyledger.hub.asof.AsOfReads;
import org.studyledger.kernel.protocol.Protocol;

/**
 * {@code GET /api/v1/cohort/summary}: MADRS total per analysis visit (T0 … M6), overall (group ALL) and by
 * baseline mentalization group (HIGH RFQ_U, LOW RFQ_U), over the ADQS analysis records (PARAMCD = MADRSTOT,
 * ANL01FL = Y) joined to ADSL.MENTGRP. JSON (an array of {@link CohortSummary#COLUMNS} objects) or CSV
 * ({@code ?format=csv} or {@code Accept: text/csv}). Like every dataset read it answers {@code X-Ledger-Position} and
 * {@code X-Content-SHA256}, and with {@code position} or {@code asOf} it is the summary as it was then, from an as-of
 * snapshot of the analysis dataset through the same code (docs/as-of.md).
 */
@RestController
public class CohortSummaryController {
    private final AsOfReads snapshots;
    private final Protocol protocol;

    CohortSummaryController(AsOfReads snapshots, Protocol protocol) {
        this.snapshots = snapshots;
        this.protocol = protocol;
    }

    @GetMapping("/api/v1/cohort/summary")
    public ResponseEntity<byte[]> summary(@RequestParam(name = "format", required = false) String format,
                                          @RequestParam(name = AsOf.AS_OF, required = false) String asOf,
                                          @RequestParam(name = AsOf.POSITION, required = false) String position,
                                          @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        QueryParameters p = new QueryParameters();
        TableResponses.Format f = TableResponses.negotiate(format, accept, p);
        AsOf point = snapshots.parse(p, asOf, position);
        p.check();
        LedgerSource source = snapshots.source(point);
        List<CohortSummary.VisitRef> visits = protocol.visits().stream()
                .map(v -> new CohortSummary.VisitRef(v.code(), v.targetDay())).toList();
        // The records and the position they reflect come from one snapshot (one REPEATABLE READ transaction).
        CohortRecords.Answer answer = CohortRecords.summary(source, visits);
        Table table = new Table(CohortSummary.COLUMNS, CohortSummary.rows(answer.lines()));
        byte[] body = f == TableResponses.Format.CSV ? TableResponses.csv(table) : TableResponses.json(table);
        ResponseEntity.BodyBuilder response = ResponseEntity.ok()
                .header(DatasetPosition.HEADER, Long.toString(answer.position()))
                .header(ContentHash.HEADER, ContentHash.of(body));
        if (!source.live()) {
            response.header(DatasetController.AS_OF_HEADER, Long.toString(source.snapshotPosition()));
        }
        if (f == TableResponses.Format.CSV) {
            response.contentType(TableResponses.TEXT_CSV).header(HttpHeaders.CONTENT_DISPOSITION,
                    ContentDisposition.inline().filename("cohort-summary.csv").build().toString());
        } else {
            response.contentType(MediaType.APPLICATION_JSON);
        }
        return response.body(body);
    }
}
