package org.studyledger.center.intake.csv;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.studyledger.center.intake.FieldReader;
import org.studyledger.center.intake.IntakeCommands;
import org.studyledger.center.intake.IntakeProperties;
import org.studyledger.center.intake.IntakeRoutes;
import org.studyledger.center.intake.WireNames;
import org.studyledger.center.subject.AppendedTogether;
import org.studyledger.center.subject.CenterContext;
import org.studyledger.center.subject.CommandRefused;
import org.studyledger.center.subject.RecordedEvent;
import org.studyledger.center.subject.SubjectPreload;
import org.studyledger.kernel.envelope.Actor;
import org.studyledger.kernel.envelope.EventHashes;
import org.studyledger.kernel.subject.command.Provenance;
import org.studyledger.kernel.subject.command.SubjectCommand;
import org.studyledger.kernel.validation.Problem;
import org.studyledger.kernel.validation.Text;
import org.studyledger.kernel.validation.ValidationException;

/**
 * Imports a CSV file all or nothing. Every row is turned into a command and run through the Subject
 * aggregate inside one database transaction, so later rows see what earlier rows recorded (an enrolment
 * then its assessments). If any row has a problem, or it is a dry run, the transaction is rolled back:
 * nothing is applied, and every row's problems come back with their line numbers. The rows' events are appended
 * together when the file is applied ({@link AppendedTogether}), and the file's subjects are looked up together before
 * its rows run ({@link SubjectPreload}): a file costs a few statements, not a few per row. A file already
 * imported (same bytes) is recognised by its SHA-256 and records nothing again.
 */
@Service
public class CsvImports {
    private static final Pattern NUMERIC = Pattern.compile("[+-]?[0-9.]+([eE][+-]?[0-9]+)?");

    private final CommandGateway commands;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final ObjectMapper json;
    private final CenterContext center;
    private final IntakeProperties limits;
    private final SubjectPreload subjects;

    CsvImports(CommandGateway commands, JdbcTemplate jdbc, TransactionTemplate transactions, ObjectMapper json,
               CenterContext center, IntakeProperties limits, SubjectPreload subjects) {
        this.commands = commands;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.json = json;
        this.center = center;
        this.limits = limits;
        this.subjects = subjects;
    }

    public CsvImportResult importFile(CsvLayout layout, byte[] content, String fileName, Actor actor, boolean dryRun) {
        String sha = EventHashes.sha256Hex(content);
        Optional<CsvImportResult> earlier = previousImport(sha);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        List<CsvProblem> problems = new ArrayList<>();
        List<CsvProblem> unreadableRows = new ArrayList<>();
        List<ParsedRow> rows = parse(layout, content, problems, unreadableRows);
        int rowCount = rows.size() + unreadableRows.size();
        if (!problems.isEmpty()) {
            return new CsvImportResult(sha, layout.kind(), rowCount, dryRun, false, false, List.of(), problems);
        }
        // A row that cannot be read is reported with the others' problems: the readable rows are still checked.
        problems.addAll(unreadableRows);
        try {
            return transactions.execute(tx -> {
                List<CsvImportResult.Row> recorded = new ArrayList<>();
                // The file's events are appended together when it is applied (one JDBC batch), not row by row.
                boolean apply = AppendedTogether.run(() -> {
                    // The file's subjects are looked up together, not each as its first row loads it.
                    subjects.of(rows.stream().map(row -> row.cells().get("subject_id")).toList());
                    for (ParsedRow row : rows) {
                        Provenance provenance = Provenance.csv(actor, sha, row.line());
                        try {
                            SubjectCommand command = toCommand(layout, row, provenance, center);
                            RecordedEvent event = WireNames.send(commands, command);
                            recorded.add(new CsvImportResult.Row(row.line(), event));
                        } catch (ValidationException e) {
                            e.problems().forEach(p -> problems.add(new CsvProblem(row.line(), column(p), p.message())));
                        } catch (CommandRefused e) {
                            IntakeRoutes.explained(e)
                                    .forEach(p -> problems.add(new CsvProblem(row.line(), column(p), p.message())));
                        } catch (AggregateNotFoundException e) {
                            problems.add(new CsvProblem(row.line(), "subject_id", "subject "
                                    + String.valueOf(e.getAggregateIdentifier()) + " is not enrolled at this center"));
                        }
                    }
                    return problems.isEmpty() && !dryRun;
                }, Boolean::booleanValue);
                problems.sort(Comparator.comparingInt(CsvProblem::line));
                CsvImportResult result = new CsvImportResult(sha, layout.kind(), rowCount, dryRun, apply, false,
                        recorded, List.copyOf(problems));
                if (apply) {
                    jdbc.update("INSERT INTO csv_import (file_sha256, kind, file_name, rows, events, actor_id, result)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?)", sha, layout.kind(), fileName, rowCount, recorded.size(),
                            actor.id(), serialize(result));
                } else {
                    tx.setRollbackOnly();
                }
                return result;
            });
        } catch (DuplicateKeyException sameFileConcurrently) {
            return previousImport(sha).orElseThrow(() -> sameFileConcurrently);
        }
    }

    /**
     * A record of the file: its cells by column (an empty or unrecordable cell is absent) and the problems of the
     * cells that could not be taken (located by field path, items as {@code items.<column>}).
     */
    private record ParsedRow(int line, Map<String, String> cells, List<Problem> cellProblems) {
    }

    /**
     * Reads the file's rows. Problems with the file as a whole (encoding, header, CSV syntax) go to
     * {@code problems} and stop the import there; a row with the wrong number of cells goes to
     * {@code unreadableRows} and the other rows are still checked.
     */
    private List<ParsedRow> parse(CsvLayout layout, byte[] content, List<CsvProblem> problems,
                                  List<CsvProblem> unreadableRows) {
        String text = utf8(content, problems);
        if (!problems.isEmpty()) {
            return List.of();
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1); // spreadsheet programs write a byte-order mark
        }
        CSVFormat format = CSVFormat.RFC4180.builder().setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).get();
        List<ParsedRow> rows = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            List<String> header = null;
            for (CSVRecord record : parser) {
                // The parser is at the line the record ends on; a quoted cell may have spanned several lines.
                int line = (int) record.getParser().getCurrentLineNumber() - lineBreaks(record);
                if (header == null) {
                    header = record.toList();
                    checkHeader(layout, header, problems);
                    continue;
                }
                if (record.size() != header.size()) {
                    unreadableRows.add(new CsvProblem(line, "", "has " + record.size() + " cells; the header has " + header.size()));
                    continue;
                }
                Map<String, String> cells = new LinkedHashMap<>();
                List<Problem> cellProblems = new ArrayList<>();
                for (int i = 0; i < header.size(); i++) {
                    String column = header.get(i);
                    String cell = record.get(i);
                    Optional<String> bad = cell == null || cell.isBlank() ? Optional.empty() : cellProblem(cell);
                    if (bad.isPresent()) {
                        boolean item = layout.hasItemColumns() && !layout.columns().contains(column);
                        cellProblems.add(new Problem(item ? "items." + column : column, bad.get()));
                        cell = null;
                    }
                    cells.put(column, cell == null || cell.isBlank() ? null : cell);
                }
                rows.add(new ParsedRow(line, cells, cellProblems));
            }
            if (header == null) {
                problems.add(new CsvProblem(1, "", "the file is empty; the first line must name the columns "
                        + layout.columns()));
            } else if (rows.isEmpty() && problems.isEmpty() && unreadableRows.isEmpty()) {
                problems.add(new CsvProblem(2, "", "the file has a header but no rows"));
            }
        } catch (IOException | RuntimeException e) {
            problems.add(new CsvProblem(0, "", "the file is not valid CSV: " + e.getMessage()));
        }
        return rows;
    }

    /**
     * What keeps a cell from being recorded: text the platform does not record, more characters than a cell may
     * have, or a number longer than a number may be.
     */
    private Optional<String> cellProblem(String cell) {
        if (cell.length() > limits.maxStringLength()) {
            return Optional.of("is a text longer than " + limits.maxStringLength() + " characters");
        }
        String trimmed = cell.trim();
        if (trimmed.length() > limits.maxNumberLength() && NUMERIC.matcher(trimmed).matches()) {
            return Optional.of("is a number longer than " + limits.maxNumberLength() + " characters");
        }
        return Text.problem(cell);
    }

    /**
     * The file as text, or its problems: every sequence of bytes that is not UTF-8, with the line and the column
     * it is in (a file is refused whole when it is not UTF-8, since which cell a byte belongs to is then a guess).
     */
    private static String utf8(byte[] content, List<CsvProblem> problems) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(content);
        CharBuffer out = CharBuffer.allocate(content.length + 1);
        List<int[]> malformed = new ArrayList<>(); // byte offset, char offset
        while (true) {
            CoderResult result = decoder.decode(in, out, true);
            if (result.isError()) {
                malformed.add(new int[] {in.position(), out.position()});
                out.put('\uFFFD');
                in.position(in.position() + result.length());
            } else {
                decoder.flush(out);
                break;
            }
        }
        out.flip();
        String text = out.toString();
        if (malformed.isEmpty()) {
            return text;
        }
        List<String> header = List.of();
        int headerEnd = text.indexOf('\n');
        try (CSVParser parser = CSVParser.parse(new StringReader(headerEnd < 0 ? text : text.substring(0, headerEnd)),
                CSVFormat.RFC4180)) {
            header = parser.getRecords().stream().findFirst().map(CSVRecord::toList).orElse(List.of());
        } catch (IOException | RuntimeException unreadableHeader) {
            // the columns cannot be named; the problems then name the cell by its position
        }
        java.util.Set<String> reported = new java.util.HashSet<>();
        for (int[] at : malformed) {
            int[] position = lineAndCell(text, at[1]);
            String column = position[1] < header.size() ? header.get(position[1]).trim().replace("\uFEFF", "")
                    : "cell " + (position[1] + 1);
            if (reported.add(position[0] + ":" + column)) {
                problems.add(new CsvProblem(position[0], column, "is not UTF-8 text: byte 0x%02X at offset %d cannot be"
                        .formatted(content[at[0]] & 0xFF, at[0]) + " decoded; export the file as CSV UTF-8"));
            }
        }
        return text;
    }

    /** The physical line (1-based) and the cell (0-based) of the record that {@code offset} of {@code text} is in. */
    private static int[] lineAndCell(String text, int offset) {
        int line = 1;
        int recordLine = 1;
        int cell = 0;
        boolean quoted = false;
        for (int i = 0; i < offset; i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                cell++;
            } else if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
                line++;
                if (!quoted) {
                    recordLine = line;
                    cell = 0;
                }
            }
        }
        return new int[] {recordLine, cell};
    }

    /** Line breaks inside the record's (quoted) cells: CR LF, CR or LF each count once, as the parser counts lines. */
    private static int lineBreaks(CSVRecord record) {
        int breaks = 0;
        for (String cell : record) {
            for (int i = 0; i < cell.length(); i++) {
                char c = cell.charAt(i);
                if (c == '\r' || (c == '\n' && (i == 0 || cell.charAt(i - 1) != '\r'))) {
                    breaks++;
                }
            }
        }
        return breaks;
    }

    private void checkHeader(CsvLayout layout, List<String> header, List<CsvProblem> problems) {
        Set<String> seen = new HashSet<>();
        for (String column : header) {
            if (!seen.add(column)) {
                problems.add(new CsvProblem(1, column, "column appears more than once"));
            } else if (!layout.columns().contains(column) && !layout.hasItemColumns()) {
                problems.add(new CsvProblem(1, column, "unknown column for " + layout.kind() + "; expected " + layout.columns()));
            }
        }
        if (!header.contains("subject_id")) {
            problems.add(new CsvProblem(1, "subject_id", "column is required"));
        }
    }

    private static SubjectCommand toCommand(CsvLayout layout, ParsedRow row, Provenance provenance, CenterContext center) {
        Map<String, Object> fields = new LinkedHashMap<>();
        Map<String, Object> items = new LinkedHashMap<>();
        row.cells().forEach((column, value) -> {
            if (layout.hasItemColumns() && !layout.columns().contains(column)) {
                if (value != null) {
                    items.put(column, itemValue(value));
                }
            } else {
                fields.put(column, value);
            }
        });
        FieldReader r = new FieldReader(new FieldReader.Source() {
            @Override
            public Object get(String field) {
                return fields.get(field);
            }

            @Override
            public Set<String> fields() {
                return fields.keySet();
            }
        }, "", row.cellProblems());
        boolean itemProblems = row.cellProblems().stream().anyMatch(p -> p.path().startsWith("items."));
        return switch (layout) {
            case ENROLMENTS -> IntakeCommands.enrol(r, provenance, center);
            case ASSESSMENTS -> IntakeCommands.assessment(r, null, items.isEmpty() && !itemProblems ? null : items,
                    provenance, center);
            case DOSES -> IntakeCommands.dose(r, null, provenance, center);
            case WITHHELD_DOSES -> IntakeCommands.withheldDose(r, null, provenance, center);
            case ADVERSE_EVENTS -> IntakeCommands.adverseEvent(r, null, provenance, center);
            case DISCONTINUATIONS -> IntakeCommands.discontinuation(r, null, provenance, center);
            case FOLLOW_UP_COMPLETIONS -> IntakeCommands.followUp(r, null, provenance, center);
        };
    }

    /**
     * A CSV cell is always text, but the scoring engine (rightly) refuses text answers: a cell that reads as
     * a number is handed over as that number, so {@code 3} is the answer 3 and {@code 2.5} or {@code 7} get
     * the engine's range message. Anything else stays text and is reported as such.
     */
    private static Object itemValue(String cell) {
        try {
            return new BigDecimal(cell.trim());
        } catch (NumberFormatException notANumber) {
            return cell;
        }
    }

    /** Item problems come as {@code items.MADRS_03}; in a CSV file the column is {@code MADRS_03}. */
    private static String column(Problem p) {
        return p.path().startsWith("items.") ? p.path().substring("items.".length()) : p.path();
    }

    private Optional<CsvImportResult> previousImport(String sha) {
        List<String> stored = jdbc.queryForList("SELECT result FROM csv_import WHERE file_sha256 = ?", String.class, sha);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        try {
            CsvImportResult first = json.readValue(stored.get(0), CsvImportResult.class);
            return Optional.of(new CsvImportResult(first.fileSha256(), first.kind(), first.rows(), false, false, true,
                    first.events(), List.of()));
        } catch (IOException e) {
            throw new IllegalStateException("stored import result of " + sha + " does not parse", e);
        }
    }

    private String serialize(CsvImportResult result) {
        try {
            return json.writeValueAsString(result);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
