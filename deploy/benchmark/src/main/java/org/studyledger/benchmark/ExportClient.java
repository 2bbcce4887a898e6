package org.studyledger.benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Requests one export from the hub over HTTP and consumes the body as it arrives: counts bytes and rows
 * ({@link BodyCounter}) and, when asked, hashes it; the body itself is discarded. Nothing of the answer is kept but
 * its first 64 KiB. Every request carries a fresh access token ({@code token}): the hub serves nothing without one.
 */
final class ExportClient {
    private static final int BUFFER = 256 * 1024;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private final Supplier<String> token;

    ExportClient(int port, Supplier<String> token) {
        this.base = "http://127.0.0.1:" + port;
        this.token = token;
    }

    private HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token.get()).GET().build();
    }

    /** What came back. */
    record Answer(int status, String error, long bytes, BodyCounter counter, long firstByteNanos, long nanos,
                  String ledgerPosition, String sha256, String computedSha256, String head) {
    }

    Answer get(String path, Export.Format format, boolean hash) {
        BodyCounter counter = BodyCounter.of(format);
        MessageDigest digest = hash ? sha256() : null;
        long started = System.nanoTime();
        long firstByte = 0;
        long bytes = 0;
        int status = 0;
        String position = null;
        String sha = null;
        try {
            HttpResponse<InputStream> response = http.send(request(path), HttpResponse.BodyHandlers.ofInputStream());
            firstByte = System.nanoTime() - started;
            status = response.statusCode();
            position = header(response, "X-Ledger-Position");
            sha = header(response, "X-Content-SHA256");
            byte[] buffer = new byte[BUFFER];
            try (InputStream body = response.body()) {
                int n;
                while ((n = body.read(buffer)) >= 0) {
                    bytes += n;
                    counter.accept(buffer, n);
                    if (digest != null) {
                        digest.update(buffer, 0, n);
                    }
                }
            }
            String error = status != 200 ? "HTTP " + status + ": " + counter.head()
                    : counter.complete() ? null
                    : "the body ends before the document does (truncated after " + bytes + " bytes; last bytes: "
                    + counter.tail() + ")";
            return new Answer(status, error, bytes, counter, firstByte, System.nanoTime() - started, position, sha,
                    digest == null ? null : HexFormat.of().formatHex(digest.digest()), counter.head());
        } catch (IOException e) {
            return new Answer(status, "the answer broke off after " + bytes + " bytes: " + e, bytes, counter,
                    firstByte, System.nanoTime() - started, position, sha, null, counter.head());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during an export", e);
        }
    }

    /** A small answer's body, e.g. the ledger verification's JSON; null when the hub does not answer 200. */
    String text(String path) {
        try {
            HttpResponse<String> response = http.send(request(path), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? response.body() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Whether the hub still serves: its health endpoint answers UP. */
    boolean healthy() {
        String health = text("/actuator/health");
        return health != null && health.contains("\"UP\"");
    }

    private static String header(HttpResponse<?> response, String name) {
        Optional<String> value = response.headers().firstValue(name);
        return value.orElse(null);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
