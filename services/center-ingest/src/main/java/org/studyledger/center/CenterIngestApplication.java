package org.studyledger.center;

import java.util.Map;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;
import org.studyledger.support.eventstore.EventStoreConfiguration;
import org.studyledger.support.security.ServiceSecurity;

/** One center's ingest service: intake, the Subject aggregate, its event store and publication to Kafka. */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import({EventStoreConfiguration.class, ServiceSecurity.class})
public class CenterIngestApplication {

    /** Its configuration file; named after the service so several services can share a JVM (tests, local platform). */
    public static final String CONFIG_NAME = "center-ingest";

    /** The application as {@link #main} runs it, for launchers that run several services in one JVM. */
    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(CenterIngestApplication.class).properties(Map.of("spring.config.name", CONFIG_NAME));
    }

    public static void main(String[] args) {
        try {
            application().run(args);
        } catch (RuntimeException e) {
            // Axon's non-daemon threads can keep a JVM alive after a failed start; a center that cannot
            // start must say so and exit, not hang.
            System.err.println("center-ingest failed to start: " + e.getMessage());
            System.exit(1);
        }
    }
}
