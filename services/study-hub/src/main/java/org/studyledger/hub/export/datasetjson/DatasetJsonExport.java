package org.studyledger.hub.export.datasetjson;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.studyledger.hub.HubProperties;
import org.studyledger.hub.api.Tables;
import org.studyledger.hub.dataset.DatasetPosition;
import org.studyledger.hub.dataset.DatasetSelection;
import org.studyledger.hub.dataset.dictionary.DataDictionary;
import org.studyledger.hub.dataset.dictionary.DatasetDefinition;
import org.studyledger.hub.dataset.dictionary.Variable;
import org.studyledger.hub.snapshot.LedgerSource;
import org.studyledger.hub.snapshot.Snapshots;
import org.studyledger.kernel.envelope.KernelJson;

/**
 * Writes one dataset as CDISC Dataset-JSON 1.1. In one read-only REPEATABLE READ transaction it reads the
 * ledger position the dataset reflects and the row count, writes the whole export once into a SHA-256 digest
 * (discarding the bytes), hands the {@link Stamp} (position, count, hash) to the caller (who sets the
 * response headers) and then writes the export again, byte for byte the same, to the caller's stream. Rows
 * are streamed from the database (the source's fetch size, 500) into the generator; nothing holds the
 * dataset in memory. The rows come from a {@link LedgerSource}: the live tables or an as-of snapshot
 * ({@code org.studyledger.hub.snapshot}), through the same code.
 *
 * <p>Values by data type: {@code string} as JSON strings; {@code integer} as JSON integers; {@code decimal} as
 * JSON strings in plain notation ({@code "-50.00"}, {@code "1.1667"}) as Dataset-JSON 1.1 represents decimals,
 * so no precision is lost; {@code date} as {@code yyyy-MM-dd}; {@code datetime} as
 * {@code 2026-01-12T09:00:00.000Z}; missing values as {@code null}.
 */
@Service
public class DatasetJsonExport {
    public static final String VERSION = "1.1.0";
    public static final String ORIGINATOR = "StudyLedger";
    public static final String SOURCE_SYSTEM = "StudyLedger study hub";
    public static final String HASH_HEADER = org.studyledger.hub.snapshot.ContentHash.HEADER;
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();
    /** Creation time of an export of an empty dataset (no ledger event reflected): fixed, so still deterministic. */
    private static final Instant NO_EVENT = Instant.EPOCH;

    private final Snapshots snapshots;
    private final HubProperties hub;
    private final String sourceVersion;

    DatasetJsonExport(Snapshots snapshots, HubProperties hub) {
        this.snapshots = snapshots;
        this.hub = hub;
        String v = DatasetJsonExport.class.getPackage().getImplementationVersion();
        this.sourceVersion = v == null ? "development" : v;
    }

    /**
     * What an export reflects: the ledger position, the acceptance time of that event (the creation time),
     * the number of records, and the SHA-256 (hex) of the export's bytes.
     */
    public record Stamp(long position, Instant createdAt, long records, String sha256) {
    }

    /** Receives the stamp before the body is written (to set headers) and then supplies the body's stream. */
    public interface Sink {
        OutputStream open(Stamp stamp) throws IOException;
    }

    /** Exports the selection from the live tables: hashes it, calls {@code sink} with the stamp, writes it to the sink's stream. */
    public Stamp export(DatasetSelection selection, Sink sink) {
        return export(snapshots.live(), selection, sink);
    }

    /**
     * Exports the selection as {@code source} has it (the live tables, or an as-of snapshot: the same code, so the
     * same bytes for the same ledger position): hashes it, calls {@code sink} with the stamp, writes it to the sink's
     * stream, all in the source's one transaction.
     */
    public Stamp export(LedgerSource source, DatasetSelection selection, Sink sink) {
        return source.read(jdbc -> {
            try {
                DatasetPosition position = DatasetPosition.current(jdbc);
                DatasetSelection.Query count = selection.count();
                Long records = jdbc.queryForObject(count.sql(), Long.class, count.args());
                Instant createdAt = position.acceptedAt() == null ? NO_EVENT : position.acceptedAt();
                Header header = new Header(selection, position.position(), createdAt, records == null ? 0 : records);
                MessageDigest sha256 = sha256();
                try (DigestOutputStream digest = new DigestOutputStream(OutputStream.nullOutputStream(), sha256)) {
                    write(jdbc, header, digest);
                }
                Stamp stamp = new Stamp(position.position(), createdAt, header.records(),
                        HexFormat.of().formatHex(sha256.digest()));
                OutputStream out = sink.open(stamp);
                write(jdbc, header, out);
                out.flush();
                return stamp;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Exports the selection into a byte array (tests, small selections). */
    public byte[] bytes(DatasetSelection selection) {
        return bytes(snapshots.live(), selection);
    }

    /** Exports the selection as {@code source} has it into a byte array (tests, small selections). */
    public byte[] bytes(LedgerSource source, DatasetSelection selection) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        export(source, selection, stamp -> out);
        return out.toByteArray();
    }

    private record Header(DatasetSelection selection, long position, Instant createdAt, long records) {
    }

    private void write(JdbcTemplate jdbc, Header h, OutputStream out) throws IOException {
        DatasetSelection s = h.selection();
        DatasetDefinition definition = DataDictionary.of(s.dataset());
        List<Variable> variables = definition.variables();
        String created = KernelJson.INSTANT_FORMAT.format(h.createdAt());
        try (JsonGenerator g = JSON.createGenerator(out)) {
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
                if (v.length() != null) {
                    g.writeNumberField("length", v.length());
                }
                if (v.keySequence() != null) {
                    g.writeNumberField("keySequence", v.keySequence());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("rows");
            DatasetSelection.Query rows = s.rows();
            int n = variables.size();
            jdbc.query(rows.sql(), (org.springframework.jdbc.core.RowCallbackHandler) (ResultSet rs) -> {
                try {
                    writeRow(g, variables, Tables.values(rs, n));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, rows.args());
            g.writeEndArray();
            g.writeEndObject();
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
                case DATETIME -> g.writeString(value instanceof Instant t ? KernelJson.INSTANT_FORMAT.format(t) : value.toString());
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

    /** The export's file name: the dataset in lower case, {@code .json}. */
    public static String fileName(DatasetSelection s) {
        return s.dataset().name().toLowerCase(Locale.ROOT) + ".json";
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
