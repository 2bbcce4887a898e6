package org.studyledger.hub.export;

import java.io.IOException;
import java.io.UncheckedIOException;

import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.studyledger.hub.api.NotFound;
import org.studyledger.hub.api.QueryParameters;
import org.studyledger.hub.api.TableResponses;
import org.studyledger.hub.dataset.DatasetSelection;
import org.studyledger.hub.dataset.Datasets;
import org.studyledger.hub.dataset.Parameter;
import org.studyledger.hub.export.cache.ExportCache;
import org.studyledger.hub.export.datasetjson.DatasetJsonExport;
import org.studyledger.hub.asof.AsOf;
import org.studyledger.hub.asof.ContentHash;
import org.studyledger.hub.asof.AsOfReads;
import org.studyledger.kernel.protocol.Protocol;
import org.studyledger.kernel.protocol.StudyClock;
import org.studyledger.kernel.protocol.Visit;

/**
 * {@code GET /api/v1/datasets/{adsl|adqs|adex}}: the analysis dataset as JSON (an array of rows, every
 * variable present, in the documented order), CSV ({@code ?format=csv} or {@code Accept: text/csv}) or CDISC
 * Dataset-JSON 1.1, as JSON ({@code ?format=dataset-json}) or NDJSON ({@code ?format=dataset-ndjson})
 * ({@link DatasetJsonExport}), optionally filtered by
 * {@code center}, {@code subject} and (ADQS) {@code paramcd} and {@code avisit}. Every answer carries
 * {@code X-Ledger-Position}, the ledger position the rows reflect (read in the same transaction as the rows), and
 * {@code X-Content-SHA256}, the SHA-256 of the body (every format is written once, from a cursor, into the export
 * cache's file while it is hashed, then sent from the file; the same request at the same dataset state is sent from
 * that file without reading the rows again, {@link ExportCache}); a subject-filtered answer also {@code X-Subject-Ledger-Position}, that subject's own last position.
 * A refusal names every problem of the request at once (an unknown dataset is 404 and lists the others too).
 * With {@code position} or {@code asOf} the answer is the dataset as it was at that ledger position, from an as-of
 * snapshot ({@link AsOfReads}) through the same query and rendering code; it then also carries
 * {@value #AS_OF_HEADER}, the ledger position the answer is as of (docs/as-of.md).
 */
@RestController
public class DatasetController {
    /** The {@code format} value asking for CDISC Dataset-JSON 1.1. */
    public static final String DATASET_JSON = "dataset-json";
    /** The {@code format} value asking for the NDJSON form of CDISC Dataset-JSON 1.1. */
    public static final String DATASET_NDJSON = "dataset-ndjson";
    /** The header of an as-of answer naming the ledger position the answer is as of. */
    public static final String AS_OF_HEADER = AsOf.HEADER;

    private final AsOfReads snapshots;
    private final DatasetReads reads;
    private final List<String> analysisVisits;

    DatasetController(AsOfReads snapshots, DatasetReads reads, Protocol protocol) {
        this.snapshots = snapshots;
        this.reads = reads;
        List<String> visits = new ArrayList<>(protocol.visits().stream().map(Visit::code).toList());
        visits.add(StudyClock.UNSCHEDULED);
        this.analysisVisits = List.copyOf(visits);
    }

    @GetMapping("/api/v1/datasets/{name}")
    public ResponseEntity<byte[]> dataset(@PathVariable("name") String name,
                                          @RequestParam(name = "center", required = false) String center,
                                          @RequestParam(name = "subject", required = false) String subject,
                                          @RequestParam(name = "paramcd", required = false) String paramcd,
                                          @RequestParam(name = "avisit", required = false) String avisit,
                                          @RequestParam(name = "format", required = false) String format,
                                          @RequestParam(name = AsOf.AS_OF, required = false) String asOf,
                                          @RequestParam(name = AsOf.POSITION, required = false) String position,
                                          @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
                                          HttpServletResponse response) {
        // Every parameter is checked before anything is refused, so one answer names every problem.
        Datasets dataset = Datasets.byName(name).orElse(null);
        QueryParameters p = new QueryParameters();
        String siteid = p.center("center", center);
        String usubjid = p.subject("subject", subject);
        String param = null;
        if (dataset != null && present(paramcd)) {
            if (dataset != Datasets.ADQS) {
                p.problem("paramcd", "applies to adqs only");
            } else {
                param = p.oneOf("paramcd", paramcd, Arrays.stream(Parameter.values()).map(Parameter::paramcd).toList());
            }
        }
        String visit = null;
        if (dataset != null && present(avisit)) {
            if (dataset != Datasets.ADQS) {
                p.problem("avisit", "applies to adqs only");
            } else {
                visit = p.oneOf("avisit", avisit, analysisVisits);
            }
        }
        DatasetJsonExport.Form cdisc = format == null ? null : switch (format.trim().toLowerCase(java.util.Locale.ROOT)) {
            case DATASET_JSON -> DatasetJsonExport.Form.JSON;
            case DATASET_NDJSON -> DatasetJsonExport.Form.NDJSON;
            default -> null;
        };
        TableResponses.Format f = cdisc != null ? null : negotiate(format, accept, p);
        AsOf point = snapshots.parse(p, asOf, position);
        if (dataset == null) {
            throw new NotFound("dataset", "there is no dataset '" + name + "'; the datasets are adsl, adqs and adex",
                    p.problems());
        }
        p.check();
        DatasetSelection selection = new DatasetSelection(dataset, siteid, usubjid, param, visit);
        ExportCache.Served served = reads.serve(snapshots.source(point), selection, cdisc, f, usubjid);
        try (served) {
            response.setStatus(HttpServletResponse.SC_OK);
            served.headers().forEach((header, value) -> {
                if (header.equalsIgnoreCase(HttpHeaders.CONTENT_TYPE)) {
                    response.setContentType(value);
                } else {
                    response.setHeader(header, value);
                }
            });
            response.setHeader(ContentHash.HEADER, served.sha256());
            response.setContentLengthLong(served.size());
            served.sendTo(response.getOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return null; // the response is written
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    private static TableResponses.Format negotiate(String format, String accept, QueryParameters p) {
        if (format != null && !format.isBlank()) {
            String f = p.oneOf("format", format, List.of("json", "csv", DATASET_JSON, DATASET_NDJSON));
            return f == null || f.startsWith("dataset-") ? TableResponses.Format.JSON
                    : TableResponses.Format.valueOf(f.toUpperCase(java.util.Locale.ROOT));
        }
        return TableResponses.negotiate(null, accept, p);
    }
}
