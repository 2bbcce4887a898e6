package org.studyledger.center.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.studyledger.center.intake.Api.GENESIS;
import static org.studyledger.center.intake.Api.enrolment;
import static org.studyledger.center.intake.Api.madrs;
import static org.studyledger.center.intake.Api.with;
import static org.studyledger.center.intake.CsvImportApiTest.MADRS_HEADER;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.studyledger.center.CenterIngestTest;
import org.studyledger.center.intake.csv.CsvImportResult;
import org.studyledger.center.intake.csv.CsvImports;
import org.studyledger.center.intake.csv.CsvLayout;
import org.studyledger.kernel.envelope.Actor;

/**
 * A subject is loaded once per transaction and kept for the transaction's later commands; nothing a transaction left
 * unfinished is ever served. A dry run (always rolled back) and a file refused for one bad row (rolled back whole)
 * leave the next write to start from what the database holds, not from the subject as the rolled-back commands left
 * it; and within one transaction, a command refused between two accepted ones leaves no trace in the subject the next
 * one is given: its event follows the first one's directly.
 */
@CenterIngestTest
class SubjectCacheTest {
    private static final Actor DATA_MANAGER = new Actor("dm-01", "data-manager");

    @Autowired
    TestRestTemplate http;
    @Autowired
    CsvImports imports;
    private Api api;

    @BeforeEach
    void setUp() {
        api = new Api(http);
    }

    private static String row(String subject, String visit, String at, String items) {
        return subject + "," + visit + ",MADRS," + at + ",rater-017," + items + "\n";
    }

    @Test
    void aRolledBackImportLeavesTheNextWriteToTheDatabasesState() {
        String enrolled = api.post("/subjects", enrolment("PAV-201")).created("SubjectEnrolled", 0, GENESIS);

        // A dry run records two forms in its transaction, then rolls back.
        String twoForms = MADRS_HEADER + row("PAV-201", "T0", "2026-01-05T09:30:00Z", "1,1,1,1,1,1,1,1,1,1")
                + row("PAV-201", "W1", "2026-01-12T09:30:00Z", "2,2,2,2,2,2,2,2,2,2");
        var dry = api.postCsv("?kind=assessments&dryRun=true", twoForms).ok();
        assertThat(dry.body().path("events").get(1).path("event").path("sequence").asLong()).isEqualTo(2);

        // The next write is the subject's #1, after the enrolment: the dry run's forms are not there.
        String m1 = api.post("/subjects/PAV-201/assessments", with(assessment("M1", "2026-02-02T09:30:00Z"), "items",
                madrs(3, 3, 3, 3, 3, 3, 3, 3, 3, 3))).created("AssessmentRecorded", 1, enrolled);

        // A file whose last row is refused is rolled back whole, the forms before it included.
        String refused = MADRS_HEADER + row("PAV-201", "T0", "2026-01-05T09:30:00Z", "1,1,1,1,1,1,1,1,1,1")
                + row("PAV-201", "W1", "2026-01-12T09:30:00Z", "2,2,2,2,2,2,2,2,2,9");
        api.postCsv("?kind=assessments", refused).problem(422, "MADRS_10");
        assertThat(api.historySize("PAV-201")).isEqualTo(2);
        api.post("/subjects/PAV-201/assessments", with(assessment("M2", "2026-03-02T09:30:00Z"), "items",
                madrs(4, 4, 4, 4, 4, 4, 4, 4, 4, 4))).created("AssessmentRecorded", 2, m1);

        // The same file without the bad row goes in after them.
        String good = MADRS_HEADER + row("PAV-201", "T0", "2026-01-05T09:30:00Z", "1,1,1,1,1,1,1,1,1,1");
        var imported = api.postCsv("?kind=assessments", good).status(201);
        assertThat(imported.body().path("events").get(0).path("event").path("sequence").asLong()).isEqualTo(3);
        assertThat(api.historySize("PAV-201")).isEqualTo(4);
    }

    @Test
    void aCommandRefusedWithinATransactionLeavesNoTraceForTheNextOne() {
        api.post("/subjects", enrolment("PAV-202")).created("SubjectEnrolled", 0, GENESIS);
        // T0 twice: the second is refused (already recorded); the W1 after it is the subject's #2, after the first T0.
        String file = MADRS_HEADER + row("PAV-202", "T0", "2026-01-05T09:30:00Z", "1,1,1,1,1,1,1,1,1,1")
                + row("PAV-202", "T0", "2026-01-05T10:30:00Z", "2,2,2,2,2,2,2,2,2,2")
                + row("PAV-202", "W1", "2026-01-12T09:30:00Z", "3,3,3,3,3,3,3,3,3,3");

        CsvImportResult result = imports.importFile(CsvLayout.ASSESSMENTS, file.getBytes(StandardCharsets.UTF_8),
                "cache.csv", DATA_MANAGER, true);

        assertThat(result.problems()).extracting(p -> p.line() + ":" + p.field()).containsExactly("3:visit");
        List<CsvImportResult.Row> events = result.events();
        assertThat(events).extracting(CsvImportResult.Row::line).containsExactly(2, 4);
        assertThat(events.get(0).event().sequence()).isEqualTo(1);
        assertThat(events.get(1).event().sequence()).isEqualTo(2);
        assertThat(events.get(1).event().previousHash()).isEqualTo(events.get(0).event().hash());
        assertThat(api.historySize("PAV-202")).as("nothing applied").isEqualTo(1);
    }

    private static java.util.Map<String, Object> assessment(String visit, String at) {
        return Api.fields("visit", visit, "instrument", "MADRS", "administered_at", at, "rater", "rater-017");
    }
}
