package org.studyledger.hub.dataset;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.List;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.studyledger.hub.api.NotFound;
import org.studyledger.hub.api.QueryParameters;
import org.studyledger.hub.api.Table;
import org.studyledger.hub.api.TableResponses;
import org.studyledger.hub.api.Tables;
import org.studyledger.hub.export.datasetjson.DatasetJsonExport;

/**
 * {@code GET /api/v1/datasets/{adsl|adqs|adex}}: the analysis dataset as JSON (an array of rows, every
 * variable present, in the documented order), CSV ({@code ?format=csv} or {@code Accept: text/csv}) or CDISC
 * Dataset-JSON 1.1 ({@code ?format=dataset-json}, {@link DatasetJsonExport}), optionally filtered by
 * {@code center}, {@code subject} and (ADQS) {@code paramcd}. Every answer carries {@code X-Ledger-Position},
 * the ledger position the rows reflect (read in the same REPEATABLE READ snapshot as the rows); Dataset-JSON
 * also {@code X-Content-SHA256}, the SHA-256 of the body.
 */
@RestController
public class DatasetController {
    /** The {@code format} value asking for CDISC Dataset-JSON 1.1. */
    public static final String DATASET_JSON = "dataset-json";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate snapshot;
    private final DatasetJsonExport datasetJson;

    DatasetController(JdbcTemplate jdbc, PlatformTransactionManager transactions, DatasetJsonExport datasetJson) {
        this.jdbc = jdbc;
        this.snapshot = new TransactionTemplate(transactions);
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.snapshot.setReadOnly(true);
        this.datasetJson = datasetJson;
    }

    @GetMapping("/api/v1/datasets/{name}")
    public ResponseEntity<byte[]> dataset(@PathVariable("name") String name,
                                          @RequestParam(name = "center", required = false) String center,
                                          @RequestParam(name = "subject", required = false) String subject,
                                          @RequestParam(name = "paramcd", required = false) String paramcd,
                                          @RequestParam(name = "format", required = false) String format,
                                          @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
                                          HttpServletResponse response) {
        Datasets dataset = Datasets.byName(name).orElseThrow(() -> new NotFound("dataset",
                "there is no dataset '" + name + "'; the datasets are adsl, adqs and adex"));
        QueryParameters p = new QueryParameters();
        String siteid = p.center("center", center);
        String usubjid = p.subject("subject", subject);
        String param = null;
        if (paramcd != null && !paramcd.isBlank()) {
            if (dataset != Datasets.ADQS) {
                p.problem("paramcd", "applies to adqs only");
            } else {
                param = p.oneOf("paramcd", paramcd, Arrays.stream(Parameter.values()).map(Parameter::paramcd).toList());
            }
        }
        boolean cdisc = format != null && format.trim().equalsIgnoreCase(DATASET_JSON);
        TableResponses.Format f = cdisc ? null : negotiate(format, accept, p);
        p.check();
        DatasetSelection selection = new DatasetSelection(dataset, siteid, usubjid, param);
        if (cdisc) {
            datasetJson.export(selection, stamp -> {
                response.setStatus(HttpServletResponse.SC_OK);
                response.setContentType(MediaType.APPLICATION_JSON_VALUE);
                response.setHeader(DatasetPosition.HEADER, Long.toString(stamp.position()));
                response.setHeader(DatasetJsonExport.HASH_HEADER, stamp.sha256());
                response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.inline().filename(DatasetJsonExport.fileName(selection)).build().toString());
                return response.getOutputStream();
            });
            return null; // the response is written
        }
        Snapshot rows = snapshot.execute(status -> new Snapshot(DatasetPosition.current(jdbc), query(selection)));
        ResponseEntity<byte[]> rendered = TableResponses.render(rows.table(), f, dataset.table());
        return ResponseEntity.status(rendered.getStatusCode()).headers(rendered.getHeaders())
                .header(DatasetPosition.HEADER, Long.toString(rows.position().position())).body(rendered.getBody());
    }

    private record Snapshot(DatasetPosition position, Table table) {
    }

    private static TableResponses.Format negotiate(String format, String accept, QueryParameters p) {
        if (format != null && !format.isBlank()) {
            String f = p.oneOf("format", format, List.of("json", "csv", DATASET_JSON));
            return f == null || f.equals(DATASET_JSON) ? TableResponses.Format.JSON
                    : TableResponses.Format.valueOf(f.toUpperCase(java.util.Locale.ROOT));
        }
        return TableResponses.negotiate(null, accept, p);
    }

    Table query(Datasets dataset, String siteid, String usubjid, String paramcd) {
        return query(new DatasetSelection(dataset, siteid, usubjid, paramcd));
    }

    Table query(DatasetSelection selection) {
        DatasetSelection.Query q = selection.rows();
        int n = selection.dataset().variables().size();
        List<Object[]> rows = jdbc.query(q.sql(), (rs, i) -> Tables.values(rs, n), q.args());
        return new Table(selection.dataset().variables(), rows);
    }
}
