package org.studyledger.local.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.studyledger.infrastructure.testing.TestDatabase;
import org.studyledger.infrastructure.testing.TestInfrastructure;

class CopyYardstickTest {

    @Test
    void copiesEveryLedgerRowWithoutDrawingOnTheLedgersSequence() throws Exception {
        TestDatabase database = TestInfrastructure.newDatabase("CopyYardstickTest");
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            // The shape of Axon's event table as the hub's migrations create it: positions from a sequence.
            statement.execute("""
                    CREATE TABLE domain_event_entry (global_index BIGSERIAL PRIMARY KEY,
                      event_identifier VARCHAR(255) NOT NULL UNIQUE, meta_data BYTEA, payload BYTEA NOT NULL,
                      payload_revision VARCHAR(255), payload_type VARCHAR(255) NOT NULL, time_stamp VARCHAR(255) NOT NULL,
                      aggregate_identifier VARCHAR(255) NOT NULL, sequence_number BIGINT NOT NULL, type VARCHAR(255),
                      UNIQUE (aggregate_identifier, sequence_number))""");
            statement.execute("""
                    INSERT INTO domain_event_entry (event_identifier, meta_data, payload, payload_type, time_stamp,
                      aggregate_identifier, sequence_number, type)
                    SELECT 'e' || i, '\\x7b7d', '\\x7b7d', 'SubjectEnrolled', '2026-12-07T10:00:00Z', 'PAV-' || (i / 7),
                      i % 7, 'Subject' FROM generate_series(1, 500) AS i""");

            CopyYardstick.Result result = CopyYardstick.copyEventRows(connection);

            assertThat(result.rows()).isEqualTo(500);
            assertThat(result.seconds()).isPositive();
            statement.execute("""
                    INSERT INTO domain_event_entry (event_identifier, payload, payload_type, time_stamp,
                      aggregate_identifier, sequence_number) VALUES ('next', '\\x7b7d', 'SubjectEnrolled',
                      '2026-12-07T10:00:01Z', 'PAV-999', 0)""");
            try (ResultSet next = statement.executeQuery(
                    "SELECT global_index FROM domain_event_entry WHERE event_identifier = 'next'")) {
                next.next();
                assertThat(next.getLong(1)).as("the ledger's next position follows its last").isEqualTo(501);
            }
            try (ResultSet left = statement.executeQuery("SELECT to_regclass('copy_yardstick')")) {
                left.next();
                assertThat(left.getString(1)).as("the copy's table is dropped").isNull();
            }
        }
    }
}
