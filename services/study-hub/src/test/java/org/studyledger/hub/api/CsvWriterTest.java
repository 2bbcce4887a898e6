package org.studyledger.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.junit.jupiter.api.Test;
import org.studyledger.kernel.envelope.KernelJson;

/**
 * The exports' CSV ({@link CsvWriter} through {@link TableResponses}) is byte for byte what Apache Commons CSV's
 * {@code CSVFormat.RFC4180} printer (which the exports used before) writes for the same rows: random tables whose
 * values mix quotes, commas, line breaks, leading and trailing blanks and characters up to {@code #}, non-ASCII
 * letters and characters outside the Basic Multilingual Plane, nulls, numbers, dates and instants, crossing the
 * writer's buffer. And {@link InstantText} is {@link KernelJson#INSTANT_FORMAT}'s text.
 */
class CsvWriterTest {
    private static final String[] PIECES = {"a", "Z", "0", " ", ",", "\"", "\r", "\n", "\r\n", "\t", "#", "!", "$",
            "-", "\u00e9", "\u4e2d", "\ud83d\ude00", "MADRSTOT", "-50.00", "PAV-001"};

    @Test
    void writesWhatCommonsCsvWrites() throws Exception {
        for (int seed = 0; seed < 200; seed++) {
            Random random = new Random(seed);
            int columns = 1 + random.nextInt(6);
            List<String> names = new ArrayList<>();
            for (int c = 0; c < columns; c++) {
                names.add(c == 0 && random.nextBoolean() ? "#ID" : "COL" + c);
            }
            List<Object[]> rows = new ArrayList<>();
            int n = random.nextInt(seed % 20 == 0 ? 3_000 : 30);
            for (int r = 0; r < n; r++) {
                Object[] row = new Object[columns];
                for (int c = 0; c < columns; c++) {
                    row[c] = value(random);
                }
                rows.add(row);
            }
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            try (CSVPrinter printer = new CSVPrinter(new OutputStreamWriter(expected, StandardCharsets.UTF_8),
                    CSVFormat.RFC4180)) {
                printer.printRecord(names);
                for (Object[] row : rows) {
                    for (Object value : row) {
                        printer.print(value == null ? "" : value instanceof BigDecimal d ? d.toPlainString()
                                : value instanceof Instant i ? KernelJson.INSTANT_FORMAT.format(i) : value.toString());
                    }
                    printer.println();
                }
            }
            byte[] actual = TableResponses.csv(new Table(names, rows));
            assertThat(new String(actual, StandardCharsets.UTF_8)).as("seed %d", seed)
                    .isEqualTo(expected.toString(StandardCharsets.UTF_8));
            assertThat(actual).as("seed %d", seed).isEqualTo(expected.toByteArray());
        }
    }

    @Test
    void instantsAreTheKernelsInstantText() {
        Random random = new Random(42);
        List<Instant> instants = new ArrayList<>(List.of(Instant.EPOCH, Instant.parse("2026-01-12T09:00:00.000Z"),
                Instant.parse("2026-12-31T23:59:59.999999999Z"), Instant.parse("0999-12-31T23:59:59.999Z"),
                Instant.parse("1000-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59.999Z"),
                Instant.parse("+10000-01-01T00:00:00Z"), Instant.parse("-0001-06-01T12:00:00Z")));
        for (int i = 0; i < 10_000; i++) {
            instants.add(Instant.ofEpochSecond(random.nextLong(-40_000_000_000L, 300_000_000_000L),
                    random.nextInt(1_000_000_000)));
        }
        for (Instant instant : instants) {
            assertThat(InstantText.of(instant)).as("%s", instant).isEqualTo(KernelJson.INSTANT_FORMAT.format(instant));
        }
    }

    private static Object value(Random random) {
        return switch (random.nextInt(8)) {
            case 0 -> null;
            case 1 -> random.nextInt(1000) - 500;
            case 2 -> new BigDecimal(random.nextInt(100_000) - 50_000).movePointLeft(random.nextInt(4));
            case 3 -> LocalDate.ofEpochDay(random.nextInt(30_000));
            case 4 -> Instant.ofEpochMilli(random.nextLong(0, 4_000_000_000_000L));
            case 5 -> "";
            default -> {
                StringBuilder s = new StringBuilder();
                int n = random.nextInt(random.nextInt(100) == 0 ? 30_000 : 6);
                for (int i = 0; i < n; i++) {
                    s.append(PIECES[random.nextInt(PIECES.length)]);
                }
                yield s.toString();
            }
        };
    }
}
