package org.studyledger.center.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.studyledger.center.intake.Api.GENESIS;
import static org.studyledger.center.intake.Api.enrolment;
import static org.studyledger.center.intake.Api.fields;
import static org.studyledger.center.intake.Api.madrs;
import static org.studyledger.center.intake.Api.with;
import static org.studyledger.center.intake.Api.withKey;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.studyledger.center.CenterIngestTest;

/** Writes are idempotent on the client's {@code Idempotency-Key}: a retried request never records twice. */
@CenterIngestTest
class IdempotencyApiTest {
    @Autowired
    TestRestTemplate http;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(http);
    }

    private static String key() {
        return UUID.randomUUID().toString();
    }

    private static Map<String, Object> madrsT0() {
        return fields("instrument", "MADRS", "visit", "T0", "administered_at", "2026-01-05T09:30:00+01:00",
                "rater", "rater-017", "items", madrs(4, 3, 3, 2, 4, 3, 2, 3, 2, 1));
    }

    @Test
    void aRetriedEnrolmentGetsTheFirstResponseBack() {
        String key = key();
        var first = api.post("/subjects", enrolment("PAV-041"), withKey(key));
        first.created("SubjectEnrolled", 0, GENESIS);
        assertThat(first.headers().getFirst("Idempotent-Replayed")).isNull();

        var retry = api.post("/subjects", enrolment("PAV-041"), withKey(key));
        retry.created("SubjectEnrolled", 0, GENESIS);
        assertThat(retry.headers().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(api.historySize("PAV-041")).isEqualTo(1);

        // Without the key the same request is a new request, refused because the subject exists.
        api.post("/subjects", enrolment("PAV-041")).problem(409, "subject_id");
    }

    @Test
    void aRetriedAssessmentIsRecordedOnceWithTheSameScores() {
        String enrolled = api.post("/subjects", enrolment("PAV-042")).created("SubjectEnrolled", 0, GENESIS);
        String key = key();
        var first = api.post("/subjects/PAV-042/assessments", madrsT0(), withKey(key));
        first.created("AssessmentRecorded", 1, enrolled);
        var retry = api.post("/subjects/PAV-042/assessments", madrsT0(), withKey(key));
        retry.created("AssessmentRecorded", 1, enrolled);
        assertThat(retry.headers().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.text("event_id")).isEqualTo(first.text("event_id"));
        assertThat(retry.text("hash")).isEqualTo(first.text("hash"));
        assertThat(retry.score("MADRS_TOTAL")).isEqualByComparingTo("27");
        assertThat(retry.category("MADRS_SEVERITY")).isEqualTo("moderate");
        assertThat(api.historySize("PAV-042")).isEqualTo(2);
    }

    @Test
    void aKeyReusedForAnotherRequestIsRefused() {
        api.post("/subjects", enrolment("PAV-043")).created("SubjectEnrolled", 0, GENESIS);
        String key = key();
        var ae = fields("term", "Nausea", "onset_date", "2026-01-06", "severity", "MILD", "serious", false,
                "relatedness", "POSSIBLE");
        var first = api.post("/subjects/PAV-043/adverse-events", ae, withKey(key));
        first.status(201);

        api.post("/subjects/PAV-043/adverse-events", with(ae, "severity", "SEVERE"), withKey(key))
                .problem(422, "Idempotency-Key").says("Idempotency-Key", key, "already used for a different request");
        assertThat(api.historySize("PAV-043")).isEqualTo(2);

        // The original request can still be retried.
        var retry = api.post("/subjects/PAV-043/adverse-events", ae, withKey(key));
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.text("event_id")).isEqualTo(first.text("event_id"));
    }

    @Test
    void theSameKeyAtAnotherEndpointIsAnotherRequest() {
        String h = api.post("/subjects", enrolment("PAV-141")).created("SubjectEnrolled", 0, GENESIS);
        String key = key();
        var ae = fields("term", "Nausea", "onset_date", "2026-01-06", "severity", "MILD", "serious", false,
                "relatedness", "POSSIBLE");
        h = api.post("/subjects/PAV-141/adverse-events", ae, withKey(key)).created("AdverseEventReported", 1, h);
        var withheld = api.post("/subjects/PAV-141/withheld-doses",
                fields("decided_at", "2026-01-06T09:00:00+01:00", "reason", "subject unwell"), withKey(key));
        withheld.created("DoseWithheld", 2, h);
        assertThat(withheld.headers().getFirst("Idempotent-Replayed")).isNull();
        assertThat(api.historySize("PAV-141")).isEqualTo(3);
    }

    @Test
    void theSameKeyForAnotherSubjectIsAnotherRequest() {
        String h1 = api.post("/subjects", enrolment("PAV-142")).created("SubjectEnrolled", 0, GENESIS);
        String h2 = api.post("/subjects", enrolment("PAV-143")).created("SubjectEnrolled", 0, GENESIS);
        String key = key();
        var ae = fields("term", "Nausea", "onset_date", "2026-01-06", "severity", "MILD", "serious", false,
                "relatedness", "POSSIBLE");
        var first = api.post("/subjects/PAV-142/adverse-events", ae, withKey(key));
        first.created("AdverseEventReported", 1, h1);
        var other = api.post("/subjects/PAV-143/adverse-events", ae, withKey(key));
        other.created("AdverseEventReported", 1, h2);
        assertThat(other.headers().getFirst("Idempotent-Replayed")).isNull();
        // Each keeps its own first response.
        var retry = api.post("/subjects/PAV-142/adverse-events", ae, withKey(key));
        assertThat(retry.headers().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.text("event_id")).isEqualTo(first.text("event_id"));
        assertThat(api.historySize("PAV-142")).isEqualTo(2);
        assertThat(api.historySize("PAV-143")).isEqualTo(2);
    }

    @Test
    void anEnrolmentKeyIsScopedToTheSubjectInTheBody() {
        String key = key();
        api.post("/subjects", enrolment("PAV-144"), withKey(key)).created("SubjectEnrolled", 0, GENESIS);
        var other = api.post("/subjects", enrolment("PAV-145"), withKey(key));
        other.created("SubjectEnrolled", 0, GENESIS);
        assertThat(other.headers().getFirst("Idempotent-Replayed")).isNull();
        assertThat(api.post("/subjects", enrolment("PAV-144"), withKey(key)).headers().getFirst("Idempotent-Replayed"))
                .isEqualTo("true");
    }

    @Test
    void aRefusedRequestIsNotRememberedSoItCanBeFixedUnderTheSameKey() {
        String key = key();
        api.post("/subjects", with(enrolment("PAV-045"), "birth_year", 2015), withKey(key))
                .problem(422, "birth_year");
        api.post("/subjects", enrolment("PAV-045"), withKey(key)).created("SubjectEnrolled", 0, GENESIS);
        assertThat(api.historySize("PAV-045")).isEqualTo(1);
    }

    @Test
    void keysAreLimitedTo128Characters() {
        api.post("/subjects", enrolment("PAV-046"), withKey("k".repeat(129)))
                .problem(422, "Idempotency-Key").says("Idempotency-Key", "at most 128 characters");
        api.post("/subjects", enrolment("PAV-046"), withKey("k".repeat(128))).created("SubjectEnrolled", 0, GENESIS);
    }

    @Test
    void withoutAKeyEveryRequestIsANewRequest() {
        String h = api.post("/subjects", enrolment("PAV-047")).created("SubjectEnrolled", 0, GENESIS);
        var ae = fields("term", "Nausea", "onset_date", "2026-01-06", "severity", "MILD", "serious", false,
                "relatedness", "POSSIBLE");
        h = api.post("/subjects/PAV-047/adverse-events", ae).created("AdverseEventReported", 1, h);
        api.post("/subjects/PAV-047/adverse-events", ae).created("AdverseEventReported", 2, h);
        assertThat(api.historySize("PAV-047")).isEqualTo(3);
    }

    @Test
    void concurrentWritesToOneSubjectAreRecordedOrRefusedAsConflictsNeverAsErrors() {
        api.post("/subjects", enrolment("PAV-049")).created("SubjectEnrolled", 0, GENESIS);
        var ae = fields("term", "Nausea", "onset_date", "2026-01-06", "severity", "MILD", "serious", false,
                "relatedness", "POSSIBLE");
        List<Api.Reply> done = parallel(6, () -> api.post("/subjects/PAV-049/adverse-events", ae));
        long recorded = done.stream().filter(r -> r.status() == 201).count();
        assertThat(recorded).isPositive();
        assertThat(done).allSatisfy(r -> {
            if (r.status() != 201) {
                r.problem(409, "subject_id").says("subject_id", "concurrent write");
            }
        });
        assertThat(api.historySize("PAV-049")).isEqualTo(1 + (int) recorded);
        assertThat(api.subject("PAV-049").path("chain_verified").asBoolean()).isTrue();
    }

    /** Runs {@code request} from {@code count} threads released at the same moment. */
    private static List<Api.Reply> parallel(int count, Supplier<Api.Reply> request) {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<Api.Reply>> replies = IntStream.range(0, count)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> {
                        try {
                            start.await(10, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return request.get();
                    }, pool))
                    .toList();
            start.countDown();
            return replies.stream().map(CompletableFuture::join).toList();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentRetriesRecordOnceAndAllGetTheSameResponse() {
        api.post("/subjects", enrolment("PAV-048")).created("SubjectEnrolled", 0, GENESIS);
        String key = key();
        List<Api.Reply> done = parallel(4, () -> api.post("/subjects/PAV-048/assessments", madrsT0(), withKey(key)));
        assertThat(done).allSatisfy(r -> r.status(201));
        assertThat(done.stream().map(r -> r.text("event_id")).distinct()).hasSize(1);
        assertThat(done.stream().filter(r -> r.headers().getFirst("Idempotent-Replayed") == null)).hasSize(1);
        assertThat(api.historySize("PAV-048")).isEqualTo(2);
    }
}
