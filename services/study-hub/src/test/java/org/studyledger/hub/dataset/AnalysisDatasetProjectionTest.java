package org.studyledger.hub.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;
import org.studyledger.hub.projection.SubjectScript;
import org.studyledger.infrastructure.testing.TestDatabase;
import org.studyledger.infrastructure.testing.TestInfrastructure;
import org.studyledger.kernel.envelope.EnvelopeCodec;
import org.studyledger.kernel.envelope.EnvelopeHeader;
import org.studyledger.kernel.envelope.EventEnvelope;
import org.studyledger.kernel.protocol.Protocol;
import org.studyledger.kernel.subject.AdverseEventSeverity;
import org.studyledger.kernel.subject.AssessmentId;
import org.studyledger.kernel.subject.BloodPressure;
import org.studyledger.kernel.subject.Relatedness;
import org.studyledger.kernel.subject.Sex;

/**
 * The analysis-dataset projection handler by handler, against PostgreSQL (a database of its own, migrated like the
 * hub's): events are handed to the projection in batches as a processor does (a unit of work per batch, in a
 * transaction), each with a ledger position; the rows are read through the views, live and as of positions.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnalysisDatasetProjectionTest {
    private static final BloodPressure NORMAL = new BloodPressure(120, 80);
    private static final BloodPressure AFTER = new BloodPressure(130, 85);

    private JdbcTemplate jdbc;
    private TransactionTemplate transaction;
    private AnalysisDerivation derivation;
    private DatasetStore store;
    private long position;

    @BeforeAll
    void database() {
        TestDatabase db = TestInfrastructure.newDatabase("dataset-projection");
        Flyway.configure().dataSource(db.jdbcUrl(), db.user(), db.password())
                .locations("classpath:db/axon", "classpath:db/hub")
                .placeholders(Map.of("runtimeRolePassword", "")).load().migrate();
        DriverManagerDataSource dataSource = new DriverManagerDataSource(db.jdbcUrl(), db.user(),
                db.password() == null ? "" : db.password());
        jdbc = new JdbcTemplate(dataSource);
        transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        derivation = new AnalysisDerivation(Protocol.eskTrd(), new StudyDates(ZoneId.of("Europe/Rome")));
        store = new DatasetStore(jdbc);
    }

    @BeforeEach
    void empty() {
        store.truncate();
        position = 0;
    }

    // ------------------------------------------------------------------------------------------ harness

    /** Hands {@code envelopes} to a new projection in batches of {@code batchSize}, positions counting on. */
    private List<Long> apply(int batchSize, List<EventEnvelope> envelopes) {
        return apply(AnalysisDatasetProjection.writingTo(jdbc, derivation), batchSize, envelopes, -1);
    }

    private List<Long> apply(AnalysisDatasetProjection projection, int batchSize, List<EventEnvelope> envelopes,
                             long failAt) {
        AnnotationEventHandlerAdapter handler = new AnnotationEventHandlerAdapter(projection);
        List<TrackedEventMessage<?>> messages = new ArrayList<>();
        List<Long> positions = new ArrayList<>();
        for (EventEnvelope e : envelopes) {
            position++;
            positions.add(position);
            messages.add(new GenericTrackedEventMessage<>(new GlobalSequenceTrackingToken(position),
                    new GenericEventMessage<>(EnvelopeCodec.payloadOf(e), EnvelopeHeader.metadataOf(e))));
        }
        for (int from = 0; from < messages.size(); from += batchSize) {
            List<TrackedEventMessage<?>> batch = messages.subList(from, Math.min(messages.size(), from + batchSize));
            transaction.executeWithoutResult(tx -> {
                BatchingUnitOfWork<TrackedEventMessage<?>> unit = new BatchingUnitOfWork<>(batch);
                ResultMessage<Object> result = unit.executeWithResult(() -> {
                    TrackedEventMessage<?> m = unit.getMessage();
                    if (m.trackingToken().position().orElseThrow() == failAt) {
                        throw new IllegalStateException("the handler fails at position " + failAt);
                    }
                    handler.handle(m);
                    return null;
                }, RollbackConfigurationType.ANY_THROWABLE);
                if (result.isExceptional()) {
                    throw new IllegalStateException(result.exceptionResult());
                }
            });
        }
        return positions;
    }

    private List<EventEnvelope> last(SubjectScript script, int n) {
        List<EventEnvelope> all = script.envelopes();
        return all.subList(all.size() - n, all.size());
    }

    /** The rows of {@code sql} as of {@code at} (null: live), each row's columns as text. */
    private List<Map<String, Object>> rows(Long at, String sql, Object... args) {
        return transaction.execute(tx -> {
            if (at != null) {
                jdbc.queryForObject("SELECT set_config('studyledger.as_of', ?, true)", String.class, at.toString());
            }
            return jdbc.queryForList(sql, args);
        });
    }

    private Map<String, Object> adsl(Long at, String subject) {
        List<Map<String, Object>> rows = rows(at, "SELECT * FROM adsl WHERE usubjid = ?", subject);
        assertThat(rows).hasSizeLessThanOrEqualTo(1);
        return rows.isEmpty() ? null : rows.get(0);
    }

    private List<Map<String, Object>> adqs(Long at, String subject, String paramcd) {
        return rows(at, "SELECT * FROM adqs WHERE usubjid = ? AND paramcd = ? ORDER BY adtm", subject, paramcd);
    }

    private List<Map<String, Object>> adex(Long at, String subject) {
        return rows(at, "SELECT * FROM adex WHERE usubjid = ? ORDER BY sessnum", subject);
    }

    /** The highest position the dataset applied, as of {@code at} (null: live). */
    private long datasetPosition(Long at) {
        return transaction.execute(tx -> {
            if (at != null) {
                jdbc.queryForObject("SELECT set_config('studyledger.as_of', ?, true)", String.class, at.toString());
            }
            // DatasetPosition's query without its join to the event store (this database has no ledger)
            return jdbc.queryForObject("SELECT coalesce(max(position), -1) FROM dataset_applied WHERE position <= ledger_as_of()",
                    Long.class);
        });
    }

    private String checksum(String table) {
        return jdbc.queryForObject("SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text COLLATE \"C\")), '-')"
                + " FROM " + table + " t", String.class);
    }

    private Map<String, String> versionTables() {
        Map<String, String> sums = new TreeMap<>();
        for (String t : List.of("dataset_subject", "dataset_form", "dataset_dose", "dataset_applied", "adsl_version",
                "adqs_version", "adex_version")) {
            sums.put(t, checksum(t));
        }
        return sums;
    }

    private static SubjectScript enrolled(String id) {
        SubjectScript s = new SubjectScript(id);
        s.enrol("2026-01-05T08:00:00.000Z", LocalDate.of(2026, 1, 5), 1970, Sex.F, 14, 3);
        return s;
    }

    private static void baselineMadrs(SubjectScript s, int item) {
        s.assess("MADRS", "T0", "2026-01-12T07:30:00.000Z", 1, item, item, item, item, item, item, item, item, item, item);
    }

    // ------------------------------------------------------------------------------------------ per event type

    @Test
    void subjectEnrolledStartsTheSubjectsAdslRowAndNothingElse() {
        SubjectScript s = enrolled("PAV-101");
        long p = apply(10, s.envelopes()).get(0);
        Map<String, Object> adsl = adsl(null, "PAV-101");
        assertThat(adsl.get("eosstt")).isEqualTo("ONGOING");
        assertThat(adsl.get("nsesadm")).isEqualTo(0);
        assertThat(adsl.get("trtsdtm")).isNull();
        assertThat(adsl.get("mentgrp")).isNull();
        assertThat(adqs(null, "PAV-101", "MADRSTOT")).isEmpty();
        assertThat(adex(null, "PAV-101")).isEmpty();
        assertThat(datasetPosition(null)).isEqualTo(p);
        assertThat(adsl(p - 1, "PAV-101")).as("before the enrolment").isNull();
        assertThat(datasetPosition(p - 1)).isEqualTo(-1);
    }

    @Test
    void anEventOfASubjectNeverEnrolledChangesNothing() {
        SubjectScript s = enrolled("PAV-102");
        baselineMadrs(s, 3);
        apply(10, last(s, 1));
        assertThat(versionTables().values()).allMatch(sum -> sum.startsWith("0:"));
    }

    @Test
    void assessmentRecordedAddsItsParametersRowsWithTheBaseline() {
        SubjectScript s = enrolled("PAV-103");
        baselineMadrs(s, 3);
        List<Long> p = apply(10, s.envelopes());
        List<Map<String, Object>> madrs = adqs(null, "PAV-103", "MADRSTOT");
        assertThat(madrs).hasSize(1);
        assertThat((BigDecimal) madrs.get(0).get("aval")).isEqualByComparingTo("30");
        assertThat(madrs.get(0).get("ablfl")).isEqualTo("Y");
        assertThat((BigDecimal) adsl(null, "PAV-103").get("bmadrs")).isEqualByComparingTo("30");
        assertThat(adsl(p.get(0), "PAV-103").get("bmadrs")).as("as of the enrolment").isNull();
        assertThat(adqs(p.get(0), "PAV-103", "MADRSTOT")).isEmpty();
    }

    @Test
    void assessmentCorrectedReplacesTheValueFromItsPositionOn() {
        SubjectScript s = enrolled("PAV-104");
        s.dose(1, "2026-01-12T09:00:00.000Z", 56, NORMAL, AFTER, 120, null);
        AssessmentId w1 = s.assess("MADRS", "W1", "2026-01-19T09:00:00.000Z", 8, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2);
        List<Long> recorded = apply(10, s.envelopes());
        s.correct(w1, "2026-01-20T10:00:00.000Z", "transcription error", 1, 1, 1, 1, 1, 1, 1, 1, 1, 1);
        long corrected = apply(10, last(s, 1)).get(0);
        assertThat((BigDecimal) adqs(null, "PAV-104", "MADRSTOT").get(0).get("aval")).isEqualByComparingTo("10");
        assertThat((BigDecimal) adqs(corrected - 1, "PAV-104", "MADRSTOT").get(0).get("aval")).isEqualByComparingTo("20");
        assertThat((BigDecimal) adqs(recorded.get(2), "PAV-104", "MADRSTOT").get(0).get("aval")).isEqualByComparingTo("20");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM adqs_version WHERE usubjid = 'PAV-104' AND paramcd = 'MADRSTOT'"
                + " AND valid_to = ?", Integer.class, corrected)).as("the old version ends at the correction").isEqualTo(1);
    }

    @Test
    void assessmentRetractedRemovesTheRowsFromItsPositionOn() {
        SubjectScript s = enrolled("PAV-105");
        AssessmentId aaq = s.assess("AAQ2", "T0", "2026-01-12T07:50:00.000Z", 1, 4, 4, 4, 4, 4, 4, 4);
        s.retract(aaq, "2026-01-13T08:00:00.000Z", "form belonged to another subject");
        List<Long> p = apply(10, s.envelopes());
        assertThat(adqs(null, "PAV-105", "AAQTOT")).isEmpty();
        assertThat(adqs(p.get(1), "PAV-105", "AAQTOT")).hasSize(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM dataset_form WHERE subject_id = 'PAV-105'", Integer.class))
                .isZero();
    }

    @Test
    void doseAdministeredAddsAnAdexRowAndStartsTreatmentInAdsl() {
        SubjectScript s = enrolled("PAV-106");
        baselineMadrs(s, 3);
        s.dose(1, "2026-01-12T09:00:00.000Z", 56, NORMAL, AFTER, 120, null);
        List<Long> p = apply(1, s.envelopes());
        List<Map<String, Object>> adex = adex(null, "PAV-106");
        assertThat(adex).hasSize(1);
        assertThat(adex.get(0).get("exoccur")).isEqualTo("Y");
        assertThat(adex.get(0).get("exdose")).isEqualTo(56);
        assertThat(adex.get(0).get("sbpchg")).isEqualTo(10);
        Map<String, Object> adsl = adsl(null, "PAV-106");
        assertThat(adsl.get("nsesadm")).isEqualTo(1);
        assertThat(adsl.get("cumdose")).isEqualTo(56);
        assertThat(adsl.get("trtsdtm")).isNotNull();
        assertThat(adsl(p.get(1), "PAV-106").get("nsesadm")).isEqualTo(0);
        assertThat(adex(p.get(1), "PAV-106")).isEmpty();
    }

    @Test
    void doseWithheldAddsAnAdexRowNotOccurred() {
        SubjectScript s = enrolled("PAV-107");
        s.withhold(1, "2026-01-12T09:00:00.000Z", "pre-dose BP 170/105", new BloodPressure(170, 105));
        apply(10, s.envelopes());
        List<Map<String, Object>> adex = adex(null, "PAV-107");
        assertThat(adex).hasSize(1);
        assertThat(adex.get(0).get("exoccur")).isEqualTo("N");
        assertThat(adex.get(0).get("whreas")).isEqualTo("pre-dose BP 170/105");
        assertThat(adex.get(0).get("sysbppre")).isEqualTo(170);
        assertThat(adsl(null, "PAV-107").get("nseswh")).isEqualTo(1);
    }

    @Test
    void adverseEventReportedMovesTheDatasetsPositionOnlyRowsStay() {
        SubjectScript s = enrolled("PAV-108");
        long enrolled = apply(10, s.envelopes()).get(0);
        Map<String, String> before = versionTables();
        s.adverseEvent("2026-01-12T11:00:00.000Z", "dissociation", LocalDate.of(2026, 1, 12), AdverseEventSeverity.MILD,
                false, Relatedness.PROBABLE);
        long reported = apply(10, last(s, 1)).get(0);
        assertThat(datasetPosition(null)).isEqualTo(reported);
        assertThat(datasetPosition(reported - 1)).isEqualTo(enrolled);
        for (String t : List.of("adsl_version", "adqs_version", "adex_version", "dataset_form", "dataset_dose")) {
            assertThat(checksum(t)).as(t).isEqualTo(before.get(t));
        }
    }

    @Test
    void subjectDiscontinuedEndsTheStudyInAdsl() {
        SubjectScript s = enrolled("PAV-109");
        s.discontinue("2026-02-20T09:00:00.000Z", LocalDate.of(2026, 2, 20), "moved abroad", true);
        List<Long> p = apply(10, s.envelopes());
        Map<String, Object> adsl = adsl(null, "PAV-109");
        assertThat(adsl.get("eosstt")).isEqualTo("DISCONTINUED");
        assertThat(adsl.get("dcsreas")).isEqualTo("moved abroad");
        assertThat(adsl.get("conwdfl")).isEqualTo("Y");
        assertThat(adsl(p.get(0), "PAV-109").get("eosstt")).isEqualTo("ONGOING");
    }

    @Test
    void followUpCompletedCompletesTheSubjectInAdsl() {
        SubjectScript s = enrolled("PAV-110");
        s.complete("2026-07-08T09:00:00.000Z", LocalDate.of(2026, 7, 8));
        apply(10, s.envelopes());
        assertThat(adsl(null, "PAV-110").get("eosstt")).isEqualTo("COMPLETED");
        assertThat(adsl(null, "PAV-110").get("compldt").toString()).isEqualTo("2026-07-08");
    }

    // ------------------------------------------------------------------------------------------ batches

    private static List<SubjectScript> histories() {
        SubjectScript a = enrolled("PAV-201");
        baselineMadrs(a, 3);
        a.assess("RFQ8", "T0", "2026-01-12T07:45:00.000Z", 1, 1, 3, 2, 6, 3, 7, 1, 6);
        a.dose(1, "2026-01-12T09:00:00.000Z", 56, NORMAL, AFTER, 120, null);
        AssessmentId w1 = a.assess("MADRS", "W1", "2026-01-19T09:00:00.000Z", 8, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2);
        a.correct(w1, "2026-01-20T10:00:00.000Z", "transcription error", 1, 1, 1, 1, 1, 1, 1, 1, 1, 1);
        // a dose entered late, given before the first one known: every study day moves
        a.dose(2, "2026-01-11T09:00:00.000Z", 28, NORMAL, AFTER, 120, null);
        a.discontinue("2026-02-20T09:00:00.000Z", LocalDate.of(2026, 2, 20), "moved abroad", false);
        SubjectScript b = enrolled("MIL-201");
        b.assess("RFQ8", "T0", "2026-01-12T07:45:00.000Z", 1, 6, 6, 6, 6, 6, 6, 6, 6);
        AssessmentId t0 = b.assess("MADRS", "T0", "2026-01-12T07:30:00.000Z", 1, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4);
        b.retract(t0, "2026-01-13T08:00:00.000Z", "wrong subject");
        b.withhold(1, "2026-01-12T09:00:00.000Z", "pre-dose BP 170/105", new BloodPressure(170, 105));
        SubjectScript c = enrolled("PAV-202");
        c.assess("RFQ8", "T0", "2026-01-12T07:45:00.000Z", 1, 3, 3, 3, 3, 3, 3, 3, 3);
        return List.of(a, b, c);
    }

    /** The histories interleaved: one event of each subject in turn. */
    private static List<EventEnvelope> interleaved(List<SubjectScript> subjects) {
        List<EventEnvelope> all = new ArrayList<>();
        for (int i = 0; subjects.stream().anyMatch(s -> s.envelopes().size() > all.stream()
                .filter(e -> e.subjectId().value().equals(s.id())).count()); i++) {
            for (SubjectScript s : subjects) {
                if (i < s.envelopes().size()) {
                    all.add(s.envelopes().get(i));
                }
            }
        }
        return all;
    }

    @Test
    void theStoredVersionsAreTheSameHoweverTheLedgerIsCutIntoBatches() {
        List<EventEnvelope> ledger = interleaved(histories());
        apply(1, ledger);
        Map<String, String> oneByOne = versionTables();
        for (int size : List.of(2, 3, 7, ledger.size())) {
            empty();
            apply(size, ledger);
            assertThat(versionTables()).as("batches of %d", size).isEqualTo(oneByOne);
        }
    }

    @Test
    void eventsHandedAgainChangeNothing() {
        List<EventEnvelope> ledger = interleaved(histories());
        apply(5, ledger);
        Map<String, String> once = versionTables();
        // the same events again (an at-least-once redelivery), at their own positions
        position = 0;
        apply(4, ledger);
        assertThat(versionTables()).isEqualTo(once);
    }

    @Test
    void aBatchThatFailsHalfwayLeavesNothingAndItsRetryGivesTheRowsOfACleanRun() {
        List<EventEnvelope> ledger = interleaved(histories());
        apply(ledger.size(), ledger);
        Map<String, String> clean = versionTables();

        empty();
        List<EventEnvelope> first = ledger.subList(0, 6);
        apply(6, first);
        Map<String, String> afterFirst = versionTables();
        long failAt = position + 5;
        List<EventEnvelope> rest = ledger.subList(6, ledger.size());
        long before = position;
        try {
            apply(AnalysisDatasetProjection.writingTo(jdbc, derivation), rest.size(), rest, failAt);
            throw new AssertionError("the batch should have failed");
        } catch (IllegalStateException expected) {
            assertThat(expected).hasStackTraceContaining("fails at position " + failAt);
        }
        assertThat(versionTables()).as("the failed batch left nothing").isEqualTo(afterFirst);
        position = before;
        apply(rest.size(), rest);
        assertThat(versionTables()).isEqualTo(clean);
    }

    // ------------------------------------------------------------------------------------------ MENTGRP

    @Test
    void mentgrpIsTheCohortMedianRuleAtEveryPosition() {
        List<EventEnvelope> ledger = interleaved(histories());
        apply(3, ledger);
        for (long p = 0; p <= position; p++) {
            Map<String, BigDecimal> brfqu = new TreeMap<>();
            Map<String, String> mentgrp = new TreeMap<>();
            for (Map<String, Object> row : rows(p, "SELECT usubjid, brfqu, mentgrp FROM adsl")) {
                brfqu.put((String) row.get("usubjid"), (BigDecimal) row.get("brfqu"));
                mentgrp.put((String) row.get("usubjid"), (String) row.get("mentgrp"));
            }
            assertThat(mentgrp).as("position %d", p).isEqualTo(MentalizationGroup.groups(brfqu));
        }
        assertThat(adsl(null, "MIL-201").get("mentgrp")).isEqualTo(MentalizationGroup.HIGH);
    }
}
