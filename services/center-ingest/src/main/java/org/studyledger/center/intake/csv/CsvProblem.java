package org.studyledger.center.intake.csv;

/** One problem in an imported file: the 1-based line (1 is the header), the column, and what is wrong. */
public record CsvProblem(int line, String field, String message) {
}
