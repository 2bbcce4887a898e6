package org.studyledger.hub.api;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.List;

/** Reads query results into {@link Table} values. */
public final class Tables {
    private Tables() {
    }

    /** The row's values, in order, converted to the types a {@link Table} holds. */
    public static Object[] values(ResultSet rs, int columns) throws SQLException {
        Object[] row = new Object[columns];
        for (int i = 0; i < columns; i++) {
            row[i] = value(rs.getObject(i + 1));
        }
        return row;
    }

    static Object value(Object v) {
        if (v instanceof Timestamp t) {
            return t.toInstant();
        }
        if (v instanceof OffsetDateTime t) {
            return t.toInstant();
        }
        if (v instanceof Date d) {
            return d.toLocalDate();
        }
        if (v instanceof Short s) {
            return s.intValue();
        }
        return v;
    }

    /** Column names as SQL: the lower-case of each (ADaM) variable name, comma-separated. */
    public static String sqlColumns(List<String> names) {
        return String.join(", ", names.stream().map(n -> n.toLowerCase(java.util.Locale.ROOT)).toList());
    }
}
