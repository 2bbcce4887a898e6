package org.studyledger.hub.export.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;
import org.studyledger.hub.asof.ContentHash;

/** The export cache on its own: one rendering per key, shared by concurrent requests, bounded by size and time. */
class ExportCacheTest {
    @TempDir
    Path base;

    private final MutableClock clock = new MutableClock();
    private ExportCache cache;

    private ExportCache cache(DataSize maxSize, Duration ttl) throws IOException {
        cache = new ExportCache(new ExportCacheProperties(base.toString(), maxSize, ttl), clock);
        return cache;
    }

    @AfterEach
    void removeFiles() {
        if (cache != null) {
            cache.removeAll();
        }
    }

    private static ExportKey key(long position) {
        return new ExportKey("dataset", "ADQS", "csv", "live", position, position + 1, "analyst");
    }

    private static String body(ExportCache.Served served) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        served.sendTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theSecondRequestForAKeyIsSentFromTheFileWithTheSameBytesHashAndHeaders() throws Exception {
        cache(DataSize.ofMegabytes(1), Duration.ofHours(1));
        AtomicInteger rendered = new AtomicInteger();
        ExportCache.Renderer renderer = out -> {
            out.write(("rows of rendering " + rendered.incrementAndGet()).getBytes(StandardCharsets.UTF_8));
            return Map.of("X-Ledger-Position", "7");
        };
        ExportCache.Served first = cache.get(key(7), renderer);
        String firstBody = body(first);
        ExportCache.Served second = cache.get(key(7), renderer);
        assertThat(body(second)).isEqualTo(firstBody).isEqualTo("rows of rendering 1");
        assertThat(rendered).hasValue(1);
        assertThat(cache.renders()).isEqualTo(1);
        assertThat(second.sha256()).isEqualTo(first.sha256())
                .isEqualTo(ContentHash.of(firstBody.getBytes(StandardCharsets.UTF_8)));
        assertThat(second.size()).isEqualTo(firstBody.length());
        assertThat(second.headers()).isEqualTo(Map.of("X-Ledger-Position", "7"));

        // another ledger state is another file
        assertThat(body(cache.get(key(8), renderer))).isEqualTo("rows of rendering 2");
        assertThat(cache.find(key(7))).isNotNull();
        assertThat(cache.find(key(9))).isNull();
        assertThat(cache.renders()).isEqualTo(2);
    }

    @Test
    void concurrentRequestsForOneKeyRenderItOnce() throws Exception {
        cache(DataSize.ofMegabytes(1), Duration.ofHours(1));
        AtomicInteger rendered = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExportCache.Renderer slow = out -> {
            rendered.incrementAndGet();
            started.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            out.write("the export".getBytes(StandardCharsets.UTF_8));
            return Map.of();
        };
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> answers = new ArrayList<>();
            answers.add(pool.submit(() -> body(cache.get(key(1), slow))));
            assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < 3; i++) {
                answers.add(pool.submit(() -> body(cache.get(key(1), slow))));
            }
            release.countDown();
            for (Future<String> answer : answers) {
                assertThat(answer.get(30, TimeUnit.SECONDS)).isEqualTo("the export");
            }
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
        assertThat(rendered).hasValue(1);
        assertThat(cache.renders()).isEqualTo(1);
    }

    @Test
    void aFailedRenderingLeavesNothingAndTheNextRequestRendersAgain() throws Exception {
        cache(DataSize.ofMegabytes(1), Duration.ofHours(1));
        assertThatThrownBy(() -> cache.get(key(1), out -> {
            out.write("half a document".getBytes(StandardCharsets.UTF_8));
            throw new IllegalStateException("the database went away");
        })).hasMessage("the database went away");
        assertThat(cache.find(key(1))).isNull();
        assertThat(files()).isEmpty();
        assertThat(body(cache.get(key(1), out -> {
            out.write("whole".getBytes(StandardCharsets.UTF_8));
            return Map.of();
        }))).isEqualTo("whole");
    }

    @Test
    void theLeastRecentlySentFilesGoWhenTheCacheIsFullAndAFileBeingSentIsReadToItsEnd() throws Exception {
        cache(DataSize.ofBytes(25), Duration.ofHours(1));
        ExportCache.Renderer tenBytes = out -> {
            out.write("0123456789".getBytes(StandardCharsets.UTF_8));
            return Map.of();
        };
        body(cache.get(key(1), tenBytes));
        clock.advance(Duration.ofSeconds(1));
        body(cache.get(key(2), tenBytes));
        clock.advance(Duration.ofSeconds(1));
        body(cache.get(key(1), tenBytes)); // sent again: now the most recent
        clock.advance(Duration.ofSeconds(1));
        ExportCache.Served third = cache.get(key(3), tenBytes);
        assertThat(cache.renders()).isEqualTo(3);
        assertThat(cache.find(key(2))).as("least recently sent").isNull();
        assertThat(cache.find(key(1))).isNotNull();
        assertThat(cache.heldBytes()).isEqualTo(20);
        assertThat(files()).hasSize(2);

        // a file on its own larger than the cache is sent whole, then not kept
        ExportCache.Served big = cache.get(key(4), out -> {
            out.write("x".repeat(40).getBytes(StandardCharsets.UTF_8));
            return Map.of();
        });
        assertThat(body(big)).hasSize(40);
        assertThat(body(third)).isEqualTo("0123456789");
        assertThat(cache.heldBytes()).isLessThanOrEqualTo(25);
    }

    @Test
    void aFileNotSentForItsTimeToLiveIsRemoved() throws Exception {
        cache(DataSize.ofMegabytes(1), Duration.ofMinutes(10));
        ExportCache.Renderer renderer = out -> {
            out.write("rows".getBytes(StandardCharsets.UTF_8));
            return Map.of();
        };
        body(cache.get(key(1), renderer));
        clock.advance(Duration.ofMinutes(9));
        assertThat(cache.find(key(1))).isNotNull().satisfies(ExportCache.Served::close); // sending renews it
        clock.advance(Duration.ofMinutes(9));
        body(cache.get(key(1), renderer));
        assertThat(cache.renders()).isEqualTo(1);
        clock.advance(Duration.ofMinutes(11));
        assertThat(cache.find(key(1))).isNull();
        assertThat(files()).isEmpty();
        body(cache.get(key(1), renderer));
        assertThat(cache.renders()).isEqualTo(2);
    }

    private List<Path> files() throws IOException {
        try (var dirs = Files.list(base)) {
            List<Path> files = new ArrayList<>();
            for (Path dir : dirs.toList()) {
                try (var in = Files.list(dir)) {
                    files.addAll(in.toList());
                }
            }
            return files;
        }
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-03-01T08:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
