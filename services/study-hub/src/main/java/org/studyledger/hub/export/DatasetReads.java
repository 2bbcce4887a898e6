package org.studyledger.hub.export;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;
import org.studyledger.hub.api.TableResponses;
import org.studyledger.hub.api.Tables;
import org.studyledger.hub.asof.LedgerSource;
import org.studyledger.hub.dataset.DatasetPosition;
import org.studyledger.hub.dataset.DatasetSelection;
import org.studyledger.hub.export.cache.ExportCache;
import org.studyledger.hub.export.cache.ExportKey;
import org.studyledger.hub.export.datasetjson.DatasetJsonExport;

/**
 * The analysis datasets' read side for {@link DatasetController}: a selection's rows, read from a ledger source (live
 * or as of a position) in one transaction with the positions its headers name, rendered once into the export cache.
 */
@Component
public class DatasetReads {
    private static final String EXPORT = "dataset";
    private static final String LIVE = "live";
    private static final String AS_OF = "as-of";
    /** Only analysts read the datasets (docs/security.md), and every analyst sees the same pseudonymous rows. */
    private static final String VIEW = "analyst";

    private final DatasetJsonExport datasetJson;
    private final ExportCache cache;

    DatasetReads(DatasetJsonExport datasetJson, ExportCache cache) {
        this.datasetJson = datasetJson;
        this.cache = cache;
    }

    /**
     * The export of {@code selection} from {@code at} as CDISC Dataset-JSON ({@code cdisc}) or else as a table in
     * format {@code f}, from the export cache (rendered into it first if it is not there); {@code usubjid}, if not
     * null, the subject the selection is filtered to, whose own last position the headers then name.
     */
    public ExportCache.Served serve(LedgerSource at, DatasetSelection selection, DatasetJsonExport.Form cdisc,
                                    TableResponses.Format f, String usubjid) {
        // A subject's own position is read in the same transaction as its rows (see subjectPosition).
        long[] subjectPosition = {-1};
        LedgerSource source = subjectPosition(at, usubjid, subjectPosition);
        // (plain JSON and Dataset-JSON are both "JSON" by their enums' names: the key must tell them apart)
        String rendering = cdisc != null ? "dataset-json/" + cdisc.name() : "table/" + f.name();
        ExportCache.Served served;
        if (source.live()) {
            // The key is the dataset's state read in the transaction the rows are then read in, if they must be.
            served = source.read(jdbc -> {
                ExportKey key = new ExportKey(EXPORT, selection.toString(), rendering, LIVE,
                        DatasetPosition.current(jdbc).position(), DatasetPosition.appliedEvents(jdbc), VIEW);
                return cache.get(key, out -> render(jdbc, source, selection, cdisc, f, usubjid, subjectPosition, out));
            });
        } else {
            // An as-of answer is a function of its position: a kept one is sent without replaying the ledger.
            ExportKey key = new ExportKey(EXPORT, selection.toString(), rendering, AS_OF, source.snapshotPosition(), -1,
                    VIEW);
            served = cache.get(key, out -> source.read(jdbc -> {
                try {
                    return render(jdbc, source, selection, cdisc, f, usubjid, subjectPosition, out);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }));
        }
        return served;
    }

    /**
     * Writes the export once, in {@code jdbc}'s transaction, and returns its headers: the body goes into the export
     * cache, which hashes it on the way, so no rendering is repeated for the hash.
     */
    private Map<String, String> render(JdbcTemplate jdbc, LedgerSource source, DatasetSelection selection,
                                       DatasetJsonExport.Form cdisc, TableResponses.Format f, String usubjid,
                                       long[] subjectPosition, OutputStream out) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        long position;
        if (cdisc != null) {
            position = datasetJson.write(jdbc, selection, cdisc, out).position();
            headers.put(HttpHeaders.CONTENT_TYPE, cdisc.mediaType());
            headers.put(HttpHeaders.CONTENT_DISPOSITION,
                    ContentDisposition.inline().filename(cdisc.fileName(selection)).build().toString());
        } else {
            position = DatasetPosition.current(jdbc).position();
            writeRows(jdbc, selection, f, out);
            headers.put(HttpHeaders.CONTENT_TYPE, f == TableResponses.Format.CSV ? TableResponses.TEXT_CSV.toString()
                    : MediaType.APPLICATION_JSON_VALUE);
            if (f == TableResponses.Format.CSV) {
                headers.put(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.inline().filename(selection.dataset().table() + ".csv").build().toString());
            }
        }
        headers.put(DatasetPosition.HEADER, Long.toString(position));
        if (!source.live()) {
            headers.put(DatasetController.AS_OF_HEADER, Long.toString(source.snapshotPosition()));
        }
        if (usubjid != null) {
            headers.put(DatasetPosition.SUBJECT_HEADER, Long.toString(subjectPosition[0]));
        }
        return headers;
    }

    /**
     * {@code source}, reading first, in each transaction it runs, the ledger position of the subject's last event the
     * dataset reflects into {@code into[0]} (when a subject is asked for): the same snapshot as the rows, so the header
     * and the rows agree.
     */
    private static LedgerSource subjectPosition(LedgerSource source, String usubjid, long[] into) {
        if (usubjid == null) {
            return source;
        }
        return new LedgerSource() {
            @Override
            public <T> T read(java.util.function.Function<JdbcTemplate, T> work) {
                return source.read(jdbc -> {
                    into[0] = DatasetPosition.ofSubject(jdbc, usubjid);
                    return work.apply(jdbc);
                });
            }

            @Override
            public long snapshotPosition() {
                return source.snapshotPosition();
            }
        };
    }

    private static void writeRows(JdbcTemplate jdbc, DatasetSelection selection, TableResponses.Format format,
                                  OutputStream out) throws IOException {
        DatasetSelection.Query q = selection.rows();
        int n = selection.dataset().variables().size();
        try (TableResponses.RowWriter writer = TableResponses.open(format, selection.dataset().variables(), out)) {
            jdbc.query(q.sql(), (RowCallbackHandler) rs -> {
                try {
                    writer.row(Tables.values(rs, n));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, q.args());
        }
    }

}
