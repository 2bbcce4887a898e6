package org.studyledger.hub.export.datasetjson;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.studyledger.hub.HubProperties;
import org.studyledger.hub.api.InstantText;
import org.studyledger.hub.api.Tables;
import org.studyledger.hub.dataset.DatasetPosition;
import org.studyledger.hub.dataset.DatasetSelection;
import org.studyledger.hub.dataset.dictionary.DataDictionary;
import org.studyledger.hub.dataset.dictionary.DatasetDefinition;
import org.studyledger.hub.dataset.dictionary.TextLengths;
import org.studyledger.hub.dataset.dictionary.Variable;
import org.studyledger.hub.asof.LedgerSource;
import org.studyledger.hub.asof.AsOfReads;
import org.studyledger.kernel.envelope.KernelJson;

/**
 * Writes one dataset as CDISC Dataset-JSON 1.1, in its JSON or its NDJSON form ({@link Form}). In the caller's one
 * read-only REPEATABLE READ transaction it reads the ledger position the dataset reflects and the row count and writes
 * the export once; the caller writes it into the export cache ({@code org.studyledger.hub.export.cache}), which hashes
 * it on the way, and sends the file with its hash. Rows
 * are streamed from the database (the source's fetch size, 500) into the generator; nothing holds the
 * dataset in memory. The rows come from a {@link LedgerSource}: the live tables or an as-of snapshot
 * ({@code org.studyledger.hub.asof}), through the same code.
 *
 * <p>Values by data type: {@code string} as JSON strings; {@code integer} as JSON integers; {@code decimal} as
 * JSON strings in plain notation ({@code "-50.00"}, {@code "1.1667"}) as Dataset-JSON 1.1 represents decimals,
 * so no precision is lost; {@code date} as {@code yyyy-MM-dd}; {@code datetime} as
 * {@code 2026-01-12T09:00:00.000Z}; missing values as {@code null}. Each column states its {@code targetDataType},
 * {@code length} and {@code displayFormat} from the data dictionary; a string longer than its column's length is
 * written in full and logged (the length is the defined one, docs/data-dictionary.md).
 */
@Service
public class DatasetJsonExport {
    public static final String VERSION = "1.1.0";
    public static final String ORIGINATOR = "StudyLedger";
    public static final String SOURCE_SYSTEM = "StudyLedger study hub";
    public static final String HASH_HEADER = org.studyledger.hub.asof.ContentHash.HEADER;
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();
    /** Creation time of an export of an empty dataset (no ledger event reflected): fixed, so still deterministic. */
    private static final Instant NO_EVENT = Instant.EPOCH;
    private static final Logger log = LoggerFactory.getLogger(DatasetJsonExport.class);

    /**
     * The two forms of Dataset-JSON 1.1: one JSON document, or NDJSON (newline-delimited JSON: the metadata object
     * on the first line, then one row array per line, every line ended by a line feed) for reading a row at a time.
     */
    public enum Form {
        JSON("application/json", ".json"),
        NDJSON("application/x-ndjson", ".ndjson");

        private final String mediaType;
        private final String extension;

        Form(String mediaType, String extension) {
            this.mediaType = mediaType;
            this.extension = extension;
        }

        /** The response's media type. */
        public String mediaType() {
            return mediaType;
        }

        /** The export's file name: the dataset in lower case with this form's extension. */
        public String fileName(DatasetSelection s) {
            return s.dataset().name().toLowerCase(Locale.ROOT) + extension;
        }
    }

    private final AsOfReads snapshots;
    private final HubProperties hub;
    private final String sourceVersion;

    DatasetJsonExport(AsOfReads snapshots, HubProperties hub) {
        this.snapshots = snapshots;
        this.hub = hub;
        String v = DatasetJsonExport.class.getPackage().getImplementationVersion();
        this.sourceVersion = v == null ? "development" : v;
    }

    /**
     * What an export reflects: the ledger position, the acceptance time of that event (the creation time) and the
     * number of records.
     */
    public record Stamp(long position, Instant createdAt, long records) {
    }

    /**
     * Writes the selection in {@code form}, once, as {@code jdbc}'s transaction has it (the live tables or an as-of
     * snapshot: the same code, so the same bytes for the same ledger state) to {@code out}, and returns what it
     * reflects. Reads the position, the count and the rows in that one transaction, so they agree.
     */
    public Stamp write(JdbcTemplate jdbc, DatasetSelection selection, Form form, OutputStream out) throws IOException {
        DatasetPosition position = DatasetPosition.current(jdbc);
        DatasetSelection.Query count = selection.count();
        Long records = jdbc.queryForObject(count.sql(), Long.class, count.args());
        Instant createdAt = position.acceptedAt() == null ? NO_EVENT : position.acceptedAt();
        Header header = new Header(selection, position.position(), createdAt, records == null ? 0 : records);
        Overflow overflow = new Overflow();
        write(jdbc, header, form, out, overflow);
        out.flush();
        overflow.log(selection);
        return new Stamp(position.position(), createdAt, header.records());
    }

    /** Exports the selection into a byte array (tests, small selections). */
    public byte[] bytes(DatasetSelection selection) {
        return bytes(snapshots.live(), selection);
    }

    /** Exports the selection as {@code source} has it into a byte array (tests, small selections). */
    public byte[] bytes(LedgerSource source, DatasetSelection selection) {
        return bytes(source, selection, Form.JSON);
    }

    /** Exports the selection in {@code form} as {@code source} has it into a byte array (tests, small selections). */
    public byte[] bytes(LedgerSource source, DatasetSelection selection, Form form) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        source.read(jdbc -> {
            try {
                return write(jdbc, selection, form, out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return out.toByteArray();
    }

    private record Header(DatasetSelection selection, long position, Instant createdAt, long records) {
    }

    /**
     * Writes the export. In the NDJSON form the metadata object is the first line (the members of the JSON form but
     * {@code rows}, in the same order) and each row is a line of its own. {@code overflow}, when given, counts the
     * strings longer than their column's length.
     */
    private void write(JdbcTemplate jdbc, Header h, Form form, OutputStream out, Overflow overflow) throws IOException {
        DatasetSelection s = h.selection();
        DatasetDefinition definition = DataDictionary.of(s.dataset());
        List<Variable> variables = definition.variables();
        String created = KernelJson.INSTANT_FORMAT.format(h.createdAt());
        boolean ndjson = form == Form.NDJSON;
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.setRootValueSeparator(null);
            g.writeStartObject();
            g.writeStringField("datasetJSONCreationDateTime", created);
            g.writeStringField("datasetJSONVersion", VERSION);
            g.writeStringField("fileOID", fileOid(s, h.position()));
            g.writeStringField("dbLastModifiedDateTime", created);
            g.writeStringField("originator", ORIGINATOR);
            g.writeObjectFieldStart("sourceSystem");
            g.writeStringField("name", SOURCE_SYSTEM);
            g.writeStringField("version", sourceVersion);
            g.writeEndObject();
            g.writeStringField("studyOID", hub.studyId());
            g.writeStringField("metaDataVersionOID", metaDataVersionOid());
            g.writeStringField("itemGroupOID", "IG." + definition.name());
            g.writeNumberField("records", h.records());
            g.writeStringField("name", definition.name());
            g.writeStringField("label", definition.label());
            g.writeArrayFieldStart("columns");
            for (Variable v : variables) {
                g.writeStartObject();
                g.writeStringField("itemOID", itemOid(definition, v));
                g.writeStringField("name", v.name());
                g.writeStringField("label", v.label());
                g.writeStringField("dataType", v.dataType().json());
                if (v.targetDataType() != null) {
                    g.writeStringField("targetDataType", v.targetDataType().json());
                }
                if (v.length() != null) {
                    g.writeNumberField("length", v.length());
                }
                if (v.displayFormat() != null) {
                    g.writeStringField("displayFormat", v.displayFormat());
                }
                if (v.keySequence() != null) {
                    g.writeNumberField("keySequence", v.keySequence());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            if (ndjson) {
                g.writeEndObject();
                g.writeRaw('\n');
            } else {
                g.writeArrayFieldStart("rows");
            }
            DatasetSelection.Query rows = s.rows();
            int n = variables.size();
            jdbc.query(rows.sql(), (org.springframework.jdbc.core.RowCallbackHandler) (ResultSet rs) -> {
                try {
                    Object[] row = Tables.values(rs, n);
                    if (overflow != null) {
                        overflow.check(variables, row);
                    }
                    writeRow(g, variables, row);
                    if (ndjson) {
                        g.writeRaw('\n');
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, rows.args());
            if (!ndjson) {
                g.writeEndArray();
                g.writeEndObject();
            }
        }
    }

    /**
     * Strings longer than their column's defined length, by variable: written in full (nothing is cut), but the
     * column's metadata then understates them, which the operators must hear of.
     */
    private static final class Overflow {
        private final Map<String, int[]> byVariable = new TreeMap<>();

        void check(List<Variable> variables, Object[] row) {
            for (int i = 0; i < row.length; i++) {
                Variable v = variables.get(i);
                if (row[i] instanceof String text && v.tooLong(text)) {
                    int[] seen = byVariable.computeIfAbsent(v.name(), k -> new int[2]);
                    seen[0]++;
                    seen[1] = Math.max(seen[1], TextLengths.of(text));
                }
            }
        }

        void log(DatasetSelection selection) {
            DatasetDefinition definition = DataDictionary.of(selection.dataset());
            byVariable.forEach((name, seen) -> log.warn("{}.{}: {} value(s) longer than the defined length {} (the"
                    + " longest {} characters), exported in full", definition.name(), name, seen[0],
                    definition.variable(name).orElseThrow().length(), seen[1]));
        }
    }

    private static void writeRow(JsonGenerator g, List<Variable> variables, Object[] row) throws IOException, SQLException {
        g.writeStartArray();
        for (int i = 0; i < row.length; i++) {
            Object value = row[i];
            if (value == null) {
                g.writeNull();
                continue;
            }
            switch (variables.get(i).dataType()) {
                case INTEGER -> {
                    if (value instanceof BigDecimal d) {
                        g.writeNumber(d.longValueExact());
                    } else {
                        g.writeNumber(((Number) value).longValue());
                    }
                }
                case DECIMAL -> g.writeString(value instanceof BigDecimal d ? d.toPlainString() : value.toString());
                case DATE -> g.writeString(value instanceof LocalDate d ? d.toString() : value.toString());
                case DATETIME -> g.writeString(value instanceof Instant t ? InstantText.of(t) : value.toString());
                default -> g.writeString(value.toString());
            }
        }
        g.writeEndArray();
    }

    /** {@code IT.<dataset>.<variable>}, e.g. {@code IT.ADQS.AVAL}. */
    public static String itemOid(DatasetDefinition definition, Variable v) {
        return "IT." + definition.name() + "." + v.name();
    }

    public String metaDataVersionOid() {
        return "MDV." + hub.studyId() + ".ADaM";
    }

    /** Names the file by study, dataset, the selection's filters and the ledger position it reflects. */
    String fileOid(DatasetSelection s, long position) {
        StringBuilder oid = new StringBuilder("StudyLedger.").append(hub.studyId()).append('.')
                .append(s.dataset().name());
        if (s.siteid() != null) {
            oid.append(".SITEID-").append(s.siteid());
        }
        if (s.usubjid() != null) {
            oid.append(".USUBJID-").append(s.usubjid());
        }
        if (s.paramcd() != null) {
            oid.append(".PARAMCD-").append(s.paramcd());
        }
        if (s.avisit() != null) {
            oid.append(".AVISIT-").append(s.avisit());
        }
        return oid.append(".P").append(position).toString();
    }

    /** The JSON form's file name: the dataset in lower case, {@code .json}. */
    public static String fileName(DatasetSelection s) {
        return Form.JSON.fileName(s);
    }
}
