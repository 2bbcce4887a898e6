package org.studyledger.center;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.studyledger.infrastructure.testing.TestDatabase;
import org.studyledger.infrastructure.testing.TestInfrastructure;
import org.studyledger.infrastructure.testing.TestKafka;

/**
 * Points a center-ingest context at a fresh database, a fresh topic of the harness and a fresh key directory.
 * Each Spring context gets its own, so test classes never see each other's subjects, events or keys.
 */
public class CenterInfrastructure implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    private static final List<Path> keyDirectories = new CopyOnWriteArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> keyDirectories.forEach(CenterInfrastructure::delete),
                "delete-test-key-directories"));
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestDatabase db = TestInfrastructure.newDatabase("center");
        TestKafka kafka = TestInfrastructure.newKafka("center");
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("studyledger-test-infrastructure",
                properties(db, kafka.bootstrapServers(), kafka.topic("events"), "PAV", newKeyDirectory())));
    }

    public static Map<String, Object> properties(TestDatabase db, String bootstrap, String topic, String center,
                                                 Path keyDirectory) {
        return Map.of(
                "spring.datasource.url", db.jdbcUrl(),
                "spring.datasource.username", db.user(),
                "spring.datasource.password", db.password() == null ? "" : db.password(),
                "studyledger.center.id", center,
                "studyledger.center.signing.key-directory", keyDirectory.toString(),
                "studyledger.publication.bootstrap-servers", bootstrap,
                "studyledger.publication.topic", topic,
                "studyledger.publication.partitions", "3");
    }

    /**
     * An empty key directory outside the source tree (a test must never leave keys in the module), removed when
     * the JVM exits.
     */
    public static Path newKeyDirectory() {
        try {
            Path directory = Files.createTempDirectory("studyledger-center-keys-");
            keyDirectories.add(directory);
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // Best effort: it is a temporary directory.
        }
    }
}
