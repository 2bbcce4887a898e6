package org.studyledger.hub.api;

import java.util.Arrays;
import java.util.List;

/**
 * Rows with a fixed column order, rendered as JSON (an array of objects whose members follow the column
 * order, nulls written as null) or CSV (a header line, then one line per row) by {@link TableResponses}.
 * Values are String, Integer, Long, BigDecimal, Boolean, LocalDate or Instant.
 */
public record Table(List<String> columns, List<Object[]> rows) {
    public Table {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
        for (Object[] row : rows) {
            if (row.length != columns.size()) {
                throw new IllegalArgumentException("row " + Arrays.toString(row) + " has " + row.length
                        + " values for " + columns.size() + " columns");
            }
        }
    }
}
