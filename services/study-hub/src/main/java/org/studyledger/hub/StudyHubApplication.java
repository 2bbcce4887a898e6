package org.studyledger.hub;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;
import org.studyledger.support.eventstore.EventStoreConfiguration;

/** The study hub: the ledger fed from every center's topic, its projections, queries and exports. */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import(EventStoreConfiguration.class)
public class StudyHubApplication {

    public static void main(String[] args) {
        try {
            SpringApplication.run(StudyHubApplication.class, args);
        } catch (RuntimeException e) {
            // Axon's non-daemon threads can keep a JVM alive after a failed start: exit, saying why.
            System.err.println("study-hub failed to start: " + e.getMessage());
            System.exit(1);
        }
    }
}
