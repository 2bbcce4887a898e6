package org.studyledger.hub;

import java.util.Map;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;
import org.studyledger.support.eventstore.EventStoreConfiguration;
import org.studyledger.support.security.ServiceSecurity;

/** The study hub: the ledger fed from every center's topic, its projections, queries and exports. */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import({EventStoreConfiguration.class, ServiceSecurity.class})
public class StudyHubApplication {

    /** Its configuration file; named after the service so several services can share a JVM (tests, local platform). */
    public static final String CONFIG_NAME = "study-hub";

    /** The application as {@link #main} runs it, for launchers that run several services in one JVM. */
    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(StudyHubApplication.class).properties(Map.of("spring.config.name", CONFIG_NAME));
    }

    public static void main(String[] args) {
        try {
            application().run(args);
        } catch (RuntimeException e) {
            // Axon's non-daemon threads can keep a JVM alive after a failed start: exit, saying why.
            System.err.println("study-hub failed to start: " + e.getMessage());
            System.exit(1);
        }
    }
}
