package org.studyledger.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine's load averages (1, 5 and 15 minutes) as {@code /proc/loadavg} has them; other work competes for the cores. */
public final class LoadAverage {
    private static final Path PROC = Path.of("/proc/loadavg");

    private LoadAverage() {
    }

    /** "1.23 0.98 0.50", or the JVM's one-minute figure where there is no {@code /proc}. */
    public static String now() {
        try {
            String[] fields = Files.readString(PROC).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return String.format(java.util.Locale.ROOT, "%.2f",
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }
}
