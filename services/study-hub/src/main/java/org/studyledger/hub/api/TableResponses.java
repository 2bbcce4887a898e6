package org.studyledger.hub.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Answers a {@link Table} as JSON or CSV. The format is {@code ?format=json|csv} when given, otherwise
 * the first of {@code text/csv} and JSON in the {@code Accept} header by preference; JSON by default.
 * Instants are written as {@code 2026-01-12T08:15:00.000Z}, dates as {@code yyyy-MM-dd}, decimals in
 * plain notation; CSV follows RFC 4180 (CRLF line ends, quotes only where needed, empty for null), written by
 * {@link CsvWriter}.
 */
public final class TableResponses {
    public static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);
    private static final JsonFactory JSON = JsonFactory.builder().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();

    /** The formats a table can be rendered in. */
    public enum Format { JSON, CSV }

    private TableResponses() {
    }

    /** Picks the format from {@code ?format=} or else the Accept header; a wrong {@code format} is a problem. */
    public static Format negotiate(String format, String accept, QueryParameters parameters) {
        if (format != null && !format.isBlank()) {
            String f = parameters.oneOf("format", format, List.of("json", "csv"));
            return f == null ? Format.JSON : Format.valueOf(f.toUpperCase(Locale.ROOT));
        }
        if (accept == null || accept.isBlank()) {
            return Format.JSON;
        }
        try {
            List<MediaType> types = new ArrayList<>(MediaType.parseMediaTypes(accept));
            types.sort(Comparator.comparingDouble(MediaType::getQualityValue).reversed()); // stable: ties keep their order
            for (MediaType type : types) {
                if (type.getQualityValue() == 0) {
                    continue;
                }
                if (type.isCompatibleWith(TEXT_CSV) && !type.isWildcardType()) {
                    return Format.CSV;
                }
                if (type.isCompatibleWith(MediaType.APPLICATION_JSON)) {
                    return Format.JSON;
                }
            }
        } catch (InvalidMediaTypeException e) {
            parameters.problem("Accept", "is not a valid media type list: " + e.getMessage());
        }
        return Format.JSON;
    }

    public static ResponseEntity<byte[]> render(Table table, Format format, String name) {
        return switch (format) {
            case JSON -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(json(table));
            case CSV -> ResponseEntity.ok().contentType(TEXT_CSV)
                    .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline().filename(name + ".csv").build().toString())
                    .body(csv(table));
        };
    }

    public static byte[] json(Table table) {
        return bytes(table, Format.JSON);
    }

    public static byte[] csv(Table table) {
        return bytes(table, Format.CSV);
    }

    private static byte[] bytes(Table table, Format format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RowWriter writer = open(format, table.columns(), out)) {
            for (Object[] row : table.rows()) {
                writer.row(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * Writes rows one at a time, so a caller reading a cursor never holds the table: the same bytes as
     * {@link #json(Table)} and {@link #csv(Table)}. Closing ends the document and flushes, but leaves {@code out} open.
     */
    public interface RowWriter extends java.io.Closeable {
        void row(Object[] values) throws IOException;
    }

    public static RowWriter open(Format format, List<String> columns, java.io.OutputStream out) throws IOException {
        java.io.OutputStream target = new java.io.FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush(); // the response (or digest) stream stays the caller's to close
            }
        };
        return switch (format) {
            case JSON -> {
                JsonGenerator g = JSON.createGenerator(target);
                g.writeStartArray();
                yield new RowWriter() {
                    @Override
                    public void row(Object[] values) throws IOException {
                        g.writeStartObject();
                        for (int i = 0; i < values.length; i++) {
                            g.writeFieldName(columns.get(i));
                            write(g, values[i]);
                        }
                        g.writeEndObject();
                    }

                    @Override
                    public void close() throws IOException {
                        g.writeEndArray();
                        g.close();
                    }
                };
            }
            case CSV -> {
                CsvWriter csv = new CsvWriter(target);
                csv.record(columns.toArray());
                yield new RowWriter() {
                    @Override
                    public void row(Object[] values) throws IOException {
                        csv.record(values);
                    }

                    @Override
                    public void close() throws IOException {
                        csv.flush();
                        target.close();
                    }
                };
            }
        };
    }

    private static void write(JsonGenerator g, Object value) throws IOException {
        if (value == null) {
            g.writeNull();
        } else if (value instanceof BigDecimal d) {
            g.writeNumber(d);
        } else if (value instanceof Integer n) {
            g.writeNumber(n);
        } else if (value instanceof Long n) {
            g.writeNumber(n);
        } else if (value instanceof Boolean b) {
            g.writeBoolean(b);
        } else {
            g.writeString(text(value));
        }
    }

    /** A value's text: the same in CSV and in JSON strings. */
    static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof Instant i) {
            return InstantText.of(i);
        }
        return value.toString();
    }
}
