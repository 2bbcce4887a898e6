package org.studyledger.local.benchmark;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.PGConnection;

/**
 * What PostgreSQL alone can take on this machine, now: the hub's ledger rows (its event store's
 * {@code domain_event_entry}) copied out, then timed as one {@code COPY} into a table of the same shape, which is
 * dropped again. The yardstick every stage of the ledger path is compared with. The rows go through a temporary file,
 * not memory: at 10 000 subjects they are gigabytes.
 *
 * <p>The rows keep their own ledger positions, and the copy's table has no default for them: a table made {@code LIKE}
 * the ledger's with its defaults draws its positions from the ledger's own sequence, so the ledger's next event would
 * come a whole ledger later, and every projection would carry that jump as thousands of gaps in its tracking token
 * (Axon's bound, 10 000) until the gaps time out, re-sorting them for every event it reads.
 */
public final class CopyYardstick {
    /** @param rows the rows copied; @param seconds the {@code COPY} in alone */
    public record Result(long rows, double seconds) {
        public double rowsPerSecond() {
            return rows / seconds;
        }
    }

    private CopyYardstick() {
    }

    /** On a connection to the hub's database that may create a table (its administrator's). */
    public static Result copyEventRows(Connection connection) throws SQLException, IOException {
        try (Statement statement = connection.createStatement()) {
            var copy = connection.unwrap(PGConnection.class).getCopyAPI();
            Path rows = Files.createTempFile("copy-yardstick", ".tsv");
            try {
                try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(rows), 1 << 20)) {
                    copy.copyOut("COPY (SELECT global_index, event_identifier, meta_data, payload, payload_revision, payload_type,"
                            + " time_stamp, aggregate_identifier, sequence_number, type FROM domain_event_entry) TO STDOUT", file);
                }
                statement.execute("DROP TABLE IF EXISTS copy_yardstick");
                statement.execute("CREATE TABLE copy_yardstick (LIKE domain_event_entry INCLUDING ALL EXCLUDING DEFAULTS"
                        + " EXCLUDING IDENTITY)");
                long t0 = System.nanoTime();
                long copied;
                try (InputStream file = new BufferedInputStream(Files.newInputStream(rows), 1 << 20)) {
                    copied = copy.copyIn("COPY copy_yardstick (global_index, event_identifier, meta_data, payload, payload_revision,"
                            + " payload_type, time_stamp, aggregate_identifier, sequence_number, type) FROM STDIN", file);
                }
                long nanos = System.nanoTime() - t0;
                statement.execute("DROP TABLE copy_yardstick");
                return new Result(copied, nanos / 1e9);
            } finally {
                Files.deleteIfExists(rows);
            }
        }
    }
}
