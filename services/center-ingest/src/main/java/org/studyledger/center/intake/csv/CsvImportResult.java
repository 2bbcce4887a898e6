package org.studyledger.center.intake.csv;

import java.util.List;
import org.studyledger.center.subject.RecordedEvent;

/**
 * What an import did or would do. {@code applied} is false for a dry run, for a file with problems and
 * for a file already imported (then {@code alreadyImported} is true and {@code events} are the ones the
 * first import recorded).
 */
public record CsvImportResult(
        String fileSha256,
        String kind,
        int rows,
        boolean dryRun,
        boolean applied,
        boolean alreadyImported,
        List<Row> events,
        List<CsvProblem> problems) {

    /** The event a row recorded (or would record). */
    public record Row(int line, RecordedEvent event) {
    }
}
