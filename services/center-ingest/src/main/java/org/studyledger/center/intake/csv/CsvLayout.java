package org.studyledger.center.intake.csv;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.studyledger.center.intake.IntakeCommands;

/**
 * The record kinds a CSV file can hold, one kind per file, each with its documented columns
 * (docs/csv-import.md). Column names are the JSON field names of the REST intake.
 */
public enum CsvLayout {
    ENROLMENTS("enrolments", IntakeCommands.ENROLMENT_FIELDS, false),
    /** Assessments: the fixed columns, then one column per item code (e.g. MADRS_01 … MADRS_10). */
    ASSESSMENTS("assessments", without(IntakeCommands.ASSESSMENT_FIELDS, "items"), true),
    DOSES("doses", IntakeCommands.DOSE_FIELDS, false),
    WITHHELD_DOSES("withheld-doses", IntakeCommands.WITHHELD_DOSE_FIELDS, false),
    ADVERSE_EVENTS("adverse-events", IntakeCommands.ADVERSE_EVENT_FIELDS, false),
    DISCONTINUATIONS("discontinuations", IntakeCommands.DISCONTINUATION_FIELDS, false),
    FOLLOW_UP_COMPLETIONS("follow-up-completions", IntakeCommands.FOLLOW_UP_FIELDS, false);

    private final String kind;
    private final Set<String> columns;
    private final boolean itemColumns;

    CsvLayout(String kind, Set<String> columns, boolean itemColumns) {
        this.kind = kind;
        this.columns = columns;
        this.itemColumns = itemColumns;
    }

    public String kind() {
        return kind;
    }

    public Set<String> columns() {
        return columns;
    }

    /** Whether columns other than the fixed ones are item codes (assessments). */
    public boolean hasItemColumns() {
        return itemColumns;
    }

    public static Optional<CsvLayout> of(String kind) {
        return Arrays.stream(values()).filter(l -> l.kind.equals(kind)).findFirst();
    }

    public static String kinds() {
        return Arrays.stream(values()).map(CsvLayout::kind).toList().toString();
    }

    private static Set<String> without(Set<String> fields, String field) {
        Set<String> copy = new LinkedHashSet<>(fields);
        copy.remove(field);
        return Set.copyOf(copy);
    }
}
