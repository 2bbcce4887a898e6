package org.studyledger.center.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.studyledger.infrastructure.testing.RealInfrastructure;
import org.studyledger.infrastructure.testing.TestDatabase;

/**
 * Keys recorded before keys were scoped keep replaying after the upgrade: the migration reads each key's endpoint
 * and subject back from the response it stored.
 */
@RealInfrastructure
class IntakeRequestMigrationTest {

    private static Flyway flyway(TestDatabase db, String target) {
        return Flyway.configure().dataSource(db.jdbcUrl(), db.user(), db.password())
                .locations("classpath:db/axon", "classpath:db/center").target(target).load();
    }

    @Test
    void keysRecordedBeforeScopingGetTheirEndpointAndSubject(TestDatabase db) throws Exception {
        flyway(db, "2").migrate();
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO intake_request (request_id, request_sha256, status, response) VALUES"
                    + " ('k-dose', '" + "a".repeat(64) + "', 201,"
                    + " '{\"event_type\":\"DoseAdministered\",\"subject_id\":\"PAV-001\",\"sequence\":1}'),"
                    + " ('k-enrol', '" + "b".repeat(64) + "', 201,"
                    + " '{\"event_type\":\"SubjectEnrolled\",\"subject_id\":\"PAV-002\",\"sequence\":0}')");
        }
        flyway(db, "latest").migrate();
        List<String> rows = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT request_id, endpoint, subject_id FROM intake_request ORDER BY request_id")) {
            while (rs.next()) {
                rows.add(rs.getString(1) + " | " + rs.getString(2) + " | " + rs.getString(3));
            }
        }
        assertThat(rows).containsExactly(
                "k-dose | POST /subjects/{subjectId}/doses | PAV-001",
                "k-enrol | POST /subjects | PAV-002");
    }
}
