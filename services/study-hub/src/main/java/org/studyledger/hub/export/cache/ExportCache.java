package org.studyledger.hub.export.cache;

import jakarta.annotation.PreDestroy;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.studyledger.hub.asof.ContentHash;

/**
 * The rendered exports on disk ({@link ExportCacheProperties}). {@link #get} renders an export into a file while
 * hashing it, once per {@link ExportKey}: a second request for the key, or one arriving while the first renders, gets
 * the same file. Files are removed least recently sent first when the cache holds more than its size, when not sent for
 * its time to live, and all of them when the hub stops (the directory is the hub process's own, so hubs sharing a
 * machine never read each other's files). A file being sent is read to its end even if it is removed meanwhile (the
 * stream holds it open).
 */
@Component
public class ExportCache {
    private static final Logger log = LoggerFactory.getLogger(ExportCache.class);
    private static final int BUFFER = 64 * 1024;

    private final ExportCacheProperties properties;
    private final Path directory;
    private final Clock clock;
    private final Map<ExportKey, Slot> slots = new HashMap<>();
    private final AtomicLong renders = new AtomicLong();
    private final AtomicLong names = new AtomicLong();
    private long held;

    @Autowired
    ExportCache(ExportCacheProperties properties) throws IOException {
        this(properties, Clock.systemUTC());
    }

    ExportCache(ExportCacheProperties properties, Clock clock) throws IOException {
        this.properties = properties;
        this.clock = clock;
        Path base = Path.of(properties.directory().isBlank() ? System.getProperty("java.io.tmpdir")
                : properties.directory());
        Files.createDirectories(base);
        this.directory = Files.createTempDirectory(base, "studyledger-exports-");
        log.info("export cache in {} (at most {}, files unused for {} removed)", directory, properties.maxSize(),
                properties.ttl());
    }

    /** Writes an export's body and returns the response headers that go with it (besides the content hash). */
    @FunctionalInterface
    public interface Renderer {
        Map<String, String> render(OutputStream out) throws IOException;
    }

    /**
     * An export ready to send: its headers, its size and SHA-256, and its bytes, open for reading (close it).
     *
     * @param headers the headers the renderer gave, in its order
     * @param size    the body's length in bytes
     * @param sha256  the body's SHA-256, lower-case hex ({@link ContentHash})
     * @param body    the body
     */
    public record Served(Map<String, String> headers, long size, String sha256, InputStream body)
            implements AutoCloseable {
        /** Copies the body to {@code out} and closes it. */
        public void sendTo(OutputStream out) throws IOException {
            try (InputStream in = body) {
                in.transferTo(out);
            }
            out.flush();
        }

        @Override
        public void close() throws IOException {
            body.close();
        }
    }

    private record Rendered(Path file, long size, String sha256, Map<String, String> headers) {
    }

    private static final class Slot {
        final CompletableFuture<Rendered> rendered = new CompletableFuture<>();
        Instant lastSent;

        Slot(Instant now) {
            lastSent = now;
        }
    }

    /** The export {@code key} names, rendered by {@code renderer} unless this cache has it or is rendering it. */
    public Served get(ExportKey key, Renderer renderer) {
        while (true) {
            Slot slot;
            boolean mine = false;
            synchronized (this) {
                removeExpired();
                slot = slots.get(key);
                if (slot == null) {
                    slot = new Slot(clock.instant());
                    slots.put(key, slot);
                    mine = true;
                } else if (slot.rendered.isDone() && !slot.rendered.isCompletedExceptionally()) {
                    Served served = open(key, slot);
                    if (served != null) {
                        return served;
                    }
                    continue; // the file went away: render it again
                }
            }
            if (mine) {
                Rendered rendered;
                try {
                    rendered = render(renderer);
                } catch (RuntimeException | Error e) {
                    forget(key, slot);
                    slot.rendered.completeExceptionally(e);
                    throw e;
                }
                synchronized (this) {
                    slot.rendered.complete(rendered);
                    held += rendered.size();
                    Served served = open(key, slot);
                    trim();
                    if (served != null) {
                        return served;
                    }
                }
            } else {
                try {
                    slot.rendered.join();
                } catch (CompletionException e) {
                    // the render this request waited for failed: it fails the same way
                    if (e.getCause() instanceof RuntimeException r) {
                        throw r;
                    }
                    throw e;
                }
            }
        }
    }

    /** The export {@code key} names if this cache holds it, otherwise null (nothing is rendered). */
    public synchronized Served find(ExportKey key) {
        removeExpired();
        Slot slot = slots.get(key);
        if (slot == null || !slot.rendered.isDone() || slot.rendered.isCompletedExceptionally()) {
            return null;
        }
        return open(key, slot);
    }

    /** How many exports this cache has rendered since the hub started. */
    public long renders() {
        return renders.get();
    }

    /** The bytes the kept files hold together. */
    public synchronized long heldBytes() {
        return held;
    }

    /** Removes every kept file (files being sent are read to their end). */
    public synchronized void clear() {
        for (Map.Entry<ExportKey, Slot> e : List.copyOf(slots.entrySet())) {
            if (e.getValue().rendered.isDone()) {
                remove(e.getKey(), e.getValue());
            }
        }
    }

    private Rendered render(Renderer renderer) {
        renders.incrementAndGet();
        Path part = directory.resolve(names.incrementAndGet() + ".part");
        MessageDigest sha256 = ContentHash.sha256();
        try {
            Map<String, String> headers;
            long size;
            try (CountingOutputStream counted = new CountingOutputStream(new DigestOutputStream(
                    new BufferedOutputStream(Files.newOutputStream(part), BUFFER), sha256))) {
                headers = renderer.render(counted);
                counted.flush();
                size = counted.count;
            }
            Path file = directory.resolve(part.getFileName().toString().replace(".part", ".export"));
            Files.move(part, file, StandardCopyOption.ATOMIC_MOVE);
            return new Rendered(file, size, ContentHash.hex(sha256), java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers)));
        } catch (IOException e) {
            deleteQuietly(part);
            throw new UncheckedIOException("the export could not be written to " + part + ": " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            deleteQuietly(part);
            throw e;
        }
    }

    /** Opens a rendered file; null (and the slot forgotten) when it is no longer there. Call holding the lock. */
    private Served open(ExportKey key, Slot slot) {
        Rendered r = slot.rendered.join();
        try {
            InputStream in = Files.newInputStream(r.file());
            slot.lastSent = clock.instant();
            return new Served(r.headers(), r.size(), r.sha256(), in);
        } catch (NoSuchFileException e) {
            log.warn("export cache: {} is gone; rendering it again", r.file());
            remove(key, slot);
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private synchronized void forget(ExportKey key, Slot slot) {
        slots.remove(key, slot);
    }

    /** Removes the least recently sent files until the rest fit. Call holding the lock. */
    private void trim() {
        if (held <= properties.maxSize().toBytes()) {
            return;
        }
        List<Map.Entry<ExportKey, Slot>> done = slots.entrySet().stream()
                .filter(e -> e.getValue().rendered.isDone() && !e.getValue().rendered.isCompletedExceptionally())
                .sorted(Comparator.comparing(e -> e.getValue().lastSent))
                .toList();
        for (Map.Entry<ExportKey, Slot> e : done) {
            if (held <= properties.maxSize().toBytes()) {
                break;
            }
            remove(e.getKey(), e.getValue());
        }
    }

    /** Removes the files not sent for the time to live. Call holding the lock. */
    private void removeExpired() {
        Instant oldest = clock.instant().minus(properties.ttl());
        for (Map.Entry<ExportKey, Slot> e : List.copyOf(slots.entrySet())) {
            Slot slot = e.getValue();
            if (slot.rendered.isDone() && slot.lastSent.isBefore(oldest)) {
                remove(e.getKey(), slot);
            }
        }
    }

    private void remove(ExportKey key, Slot slot) {
        if (!slots.remove(key, slot)) {
            return;
        }
        if (slot.rendered.isDone() && !slot.rendered.isCompletedExceptionally()) {
            Rendered r = slot.rendered.join();
            held -= r.size();
            deleteQuietly(r.file());
        }
    }

    @PreDestroy
    synchronized void removeAll() {
        slots.clear();
        held = 0;
        try (Stream<Path> files = Files.list(directory)) {
            files.forEach(ExportCache::deleteQuietly);
        } catch (IOException e) {
            log.warn("export cache: {} could not be listed: {}", directory, e.getMessage());
        }
        deleteQuietly(directory);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("export cache: {} could not be removed: {}", file, e.getMessage());
        }
    }

    private static final class CountingOutputStream extends java.io.FilterOutputStream {
        long count;

        CountingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
