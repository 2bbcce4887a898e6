package org.studyledger.infrastructure.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Deriving per-database URLs from the admin URL, without a server. */
class ExternalPostgresTest {

    @Test
    void swapsOnlyTheDatabaseAndKeepsHostsAndParameters() {
        ExternalPostgres server = new ExternalPostgres(
                "jdbc:postgresql://db1:5432,db2:5433/postgres?sslmode=require&user=ledger&password=secret", null, null);

        assertThat(server.jdbcUrl("t_visits_1"))
                .isEqualTo("jdbc:postgresql://db1:5432,db2:5433/t_visits_1?sslmode=require&user=ledger&password=secret");
        assertThat(server.adminDatabase()).isEqualTo("postgres");
        assertThat(server.user()).isEqualTo("ledger");
        assertThat(server.password()).isEqualTo("secret");
        assertThat(server.toString()).doesNotContain("secret");
    }

    @Test
    void explicitCredentialsWinAndAMissingDatabaseMeansPostgres() {
        ExternalPostgres server = new ExternalPostgres("jdbc:postgresql://localhost:5432", "admin", "pw");

        assertThat(server.adminDatabase()).isEqualTo("postgres");
        assertThat(server.jdbcUrl("other")).isEqualTo("jdbc:postgresql://localhost:5432/other");
        assertThat(server.user()).isEqualTo("admin");
        assertThat(server.password()).isEqualTo("pw");
    }

    @Test
    void defaultsToThePostgresUserWithoutPassword() {
        ExternalPostgres server = new ExternalPostgres("jdbc:postgresql://localhost/admin_db", null, null);

        assertThat(server.adminDatabase()).isEqualTo("admin_db");
        assertThat(server.user()).isEqualTo("postgres");
        assertThat(server.password()).isEmpty();
    }

    @Test
    void rejectsWhatIsNotAPostgresUrlAndNamesThatWouldNeedQuoting() {
        assertThatThrownBy(() -> new ExternalPostgres("jdbc:mysql://localhost/x", null, null))
                .isInstanceOf(IllegalArgumentException.class);
        ExternalPostgres server = new ExternalPostgres("jdbc:postgresql://localhost:1/postgres", null, null);
        // Rejected before any connection is attempted (nothing listens on port 1).
        assertThatThrownBy(() -> server.createDatabase("Robert\"; DROP TABLE x; --"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> server.createDatabase("a".repeat(64)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
