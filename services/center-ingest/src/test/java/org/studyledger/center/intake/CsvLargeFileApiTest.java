package org.studyledger.center.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.studyledger.center.intake.CsvImportApiTest.ENROLMENT_HEADER;
import static org.studyledger.center.intake.CsvImportApiTest.MADRS_HEADER;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.studyledger.center.CenterIngestTest;

/**
 * A center imports a file of many rows at once: 500 enrolments, then 1 000 assessments of the same subjects in one
 * file, each applied whole, every row an event in file order (a subject's second form follows its first), and a later
 * write of each subject continuing its history. The import's rate is printed, for the record (docs/benchmarks.md).
 */
@CenterIngestTest
class CsvLargeFileApiTest {
    private static final int SUBJECTS = 500;
    private static final int FIRST = 400;

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;
    private Api api;

    @BeforeEach
    void setUp() {
        api = new Api(http);
    }

    private static String subject(int i) {
        return "PAV-%03d".formatted(FIRST + i);
    }

    @Test
    void aFileOfManyRowsIsImportedWholeInFileOrder() {
        StringBuilder enrolments = new StringBuilder(ENROLMENT_HEADER);
        for (int i = 0; i < SUBJECTS; i++) {
            enrolments.append(subject(i)).append(",2026-01-05,2026-01-05,2.1,1971,F,14,3\n");
        }
        StringBuilder assessments = new StringBuilder(MADRS_HEADER);
        for (int i = 0; i < SUBJECTS; i++) {
            assessments.append(subject(i)).append(",T0,MADRS,2026-01-05T09:30:00Z,rater-017,1,1,1,1,1,1,1,1,1,1\n");
        }
        for (int i = 0; i < SUBJECTS; i++) {
            assessments.append(subject(i)).append(",W1,MADRS,2026-01-12T09:30:00Z,rater-017,2,2,2,2,2,2,2,2,2,2\n");
        }

        long start = System.nanoTime();
        JsonNode enrolled = api.postCsv("?kind=enrolments", enrolments.toString()).status(201).body();
        double enrolSeconds = (System.nanoTime() - start) / 1e9;
        start = System.nanoTime();
        JsonNode assessed = api.postCsv("?kind=assessments", assessments.toString()).status(201).body();
        double assessSeconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("CSV import: %d enrolment rows in %.2f s (%.0f rows/s), %d assessment rows in %.2f s (%.0f rows/s)%n",
                SUBJECTS, enrolSeconds, SUBJECTS / enrolSeconds, 2 * SUBJECTS, assessSeconds, 2 * SUBJECTS / assessSeconds);

        assertThat(enrolled.path("applied").asBoolean()).isTrue();
        assertThat(enrolled.path("events")).hasSize(SUBJECTS);
        assertThat(assessed.path("applied").asBoolean()).isTrue();
        assertThat(assessed.path("rows").asInt()).isEqualTo(2 * SUBJECTS);
        JsonNode events = assessed.path("events");
        assertThat(events).hasSize(2 * SUBJECTS);
        for (int i = 0; i < SUBJECTS; i++) {
            JsonNode t0 = events.get(i);
            JsonNode w1 = events.get(SUBJECTS + i);
            assertThat(t0.path("line").asInt()).isEqualTo(2 + i);
            assertThat(t0.path("event").path("sequence").asLong()).isEqualTo(1);
            assertThat(w1.path("event").path("sequence").asLong()).isEqualTo(2);
            assertThat(w1.path("event").path("previous_hash").asText()).isEqualTo(t0.path("event").path("hash").asText());
        }
        Integer stored = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier"
                + " BETWEEN ? AND ?", Integer.class, subject(0), subject(SUBJECTS - 1));
        assertThat(stored).isEqualTo(3 * SUBJECTS);

        // the subjects the import left (kept between transactions) take the next write after their last event
        String last = subject(SUBJECTS - 1);
        api.post("/subjects/" + last + "/assessments", Api.with(Api.fields("visit", "M1", "instrument", "MADRS",
                "administered_at", "2026-02-02T09:30:00Z", "rater", "rater-017"), "items",
                Api.madrs(3, 3, 3, 3, 3, 3, 3, 3, 3, 3))).created("AssessmentRecorded", 3,
                events.get(2 * SUBJECTS - 1).path("event").path("hash").asText());
        assertThat(api.historySize(last)).isEqualTo(4);
    }
}
