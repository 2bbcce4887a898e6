package org.studyledger.cohort.load;

import java.time.Duration;
import java.util.Map;

/** The outcome of loading a plan: the final progress of each center and how long it took. */
public record LoadReport(Map<String, LoadProgress> centers, Duration elapsed) {
    public LoadReport {
        centers = Map.copyOf(centers);
    }

    public int eventsCreated() {
        return centers.values().stream().mapToInt(LoadProgress::eventsCreated).sum();
    }

    public int requestsSent() {
        return centers.values().stream().mapToInt(LoadProgress::requestsSent).sum();
    }

    public int requestsReplayed() {
        return centers.values().stream().mapToInt(LoadProgress::requestsReplayed).sum();
    }
}
