package org.studyledger.center;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;
import org.studyledger.support.eventstore.EventStoreConfiguration;

/** One center's ingest service: intake, the Subject aggregate, its event store and publication to Kafka. */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import(EventStoreConfiguration.class)
public class CenterIngestApplication {

    public static void main(String[] args) {
        try {
            SpringApplication.run(CenterIngestApplication.class, args);
        } catch (RuntimeException e) {
            // Axon's non-daemon threads can keep a JVM alive after a failed start; a center that cannot
            // start must say so and exit, not hang.
            System.err.println("center-ingest failed to start: " + e.getMessage());
            System.exit(1);
        }
    }
}
