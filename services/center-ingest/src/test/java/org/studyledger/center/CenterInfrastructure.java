package org.studyledger.center;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.studyledger.infrastructure.testing.TestDatabase;
import org.studyledger.infrastructure.testing.TestInfrastructure;
import org.studyledger.infrastructure.testing.TestIssuer;
import org.studyledger.infrastructure.testing.TestKafka;
import org.studyledger.kernel.access.Role;
import org.studyledger.support.security.testing.DefaultCaller;

/**
 * Points a center-ingest context at a fresh database, a fresh topic of the harness and a fresh key directory, and
 * makes it accept the test issuer's tokens. Each Spring context gets its own, so test classes never see each other's
 * subjects, events or keys. The default caller ({@link DefaultCaller}) is {@value #DEFAULT_CALLER}, a member of the
 * center's staff in every center role; the role an act is recorded in is the one the rule table lets it act in.
 */
public class CenterInfrastructure implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    /** The default caller's id. */
    public static final String DEFAULT_CALLER = "dm-01";
    /** Every role of a center's staff, as a roles setting. */
    public static final String CENTER_ROLES = String.join(",", Role.INVESTIGATOR.value(), Role.RATER.value(),
            Role.STUDY_NURSE.value(), Role.DATA_MANAGER.value(), Role.CENTER_ADMIN.value());
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
        Map<String, Object> p = new HashMap<>(Map.of(
                "spring.datasource.url", db.jdbcUrl(),
                "spring.datasource.username", db.user(),
                "spring.datasource.password", db.password() == null ? "" : db.password(),
                "studyledger.center.id", center,
                "studyledger.center.signing.key-directory", keyDirectory.toString(),
                "studyledger.publication.bootstrap-servers", bootstrap,
                "studyledger.publication.topic", topic,
                "studyledger.publication.partitions", "3"));
        p.putAll(TestIssuer.settings(TestIssuer.CENTER_AUDIENCE));
        p.put(DefaultCaller.ID, DEFAULT_CALLER);
        p.put(DefaultCaller.ROLES, CENTER_ROLES);
        return p;
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
