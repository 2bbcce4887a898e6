package org.studyledger.hub.console;

import java.util.Optional;
import org.springframework.context.annotation.Conditional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The raw bytes of a quarantined message, as the hub received them, for the quarantine page. */
@Repository
@Conditional(ConsoleConfigured.class)
public class QuarantineBytes {
    private final JdbcTemplate jdbc;

    QuarantineBytes(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<byte[]> raw(long id) {
        return jdbc.query("SELECT raw FROM quarantine WHERE id = ?", (rs, n) -> rs.getBytes(1), id).stream().findFirst();
    }
}
