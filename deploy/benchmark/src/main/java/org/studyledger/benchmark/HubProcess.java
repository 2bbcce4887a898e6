package org.studyledger.benchmark;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.studyledger.benchmark.load.LedgerLoader;
import org.studyledger.benchmark.load.LoadSummary;
import org.studyledger.benchmark.report.Json;
import org.studyledger.hub.StudyHubApplication;
import org.studyledger.hub.ledger.LedgerConsumer;

/**
 * The hub JVM: the study hub application itself ({@link StudyHubApplication}, its own configuration), on the benchmark's
 * database, without its Kafka consumer (nothing arrives during the benchmark, and a consumer without a broker would
 * only retry). It talks to the benchmark over a line protocol: lines on stdout that start with {@link #PREFIX} (its
 * logs go to a file), commands on stdin.
 *
 * <ul>
 *   <li>{@code LOAD}: loads the cohort with {@link LedgerLoader} ({@code PROGRESS …} lines, then {@code LOADED <json>})
 *   and exits.</li>
 *   <li>{@code SERVE}: answers {@code READY <json>} (port, pid, heap limit, collectors), then per command:
 *   {@code reset} → {@code OK} (a full GC, heap peaks reset: {@link HeapMonitor}); {@code measure} →
 *   {@code HEAP <json>}; {@code stop} or the end of stdin → closes the hub and exits.</li>
 * </ul>
 * A failure is reported as {@code FAILED <message>}.
 */
public final class HubProcess {
    static final String PREFIX = "@@export-benchmark ";

    private HubProcess() {
    }

    /** {@code args}: {@link HubSettings#toArgs()}. */
    public static void main(String[] args) {
        // stdout carries the protocol alone; anything else printed goes to stderr, which the benchmark keeps in a log
        PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        int status = 0;
        try {
            HubSettings settings = HubSettings.parse(List.of(args));
            if (settings.mode() == HubSettings.Mode.LOAD) {
                load(settings, protocol);
            } else {
                serve(settings, protocol);
            }
        } catch (RuntimeException | Error e) {
            e.printStackTrace();
            protocol.println(PREFIX + "FAILED " + String.valueOf(e).replace('\n', ' '));
            status = 1;
        }
        // Axon's and Tomcat's non-daemon threads must not keep the JVM alive after the hub was closed
        System.exit(status);
    }

    private static void load(HubSettings settings, PrintStream protocol) {
        try (ConfigurableApplicationContext hub = start(settings)) {
            LoadSummary summary = new LedgerLoader(hub).load(settings.cohort(), settings.loadThreads(), settings.loadCenters(), settings.sign(),
                    line -> protocol.println(PREFIX + "PROGRESS " + line));
            protocol.println(PREFIX + "LOADED " + Json.line(summary));
        }
    }

    private static void serve(HubSettings settings, PrintStream protocol) {
        HeapMonitor heap = new HeapMonitor();
        long t0 = System.nanoTime();
        try (ConfigurableApplicationContext hub = start(settings)) {
            int port = ((WebServerApplicationContext) hub).getWebServer().getPort();
            protocol.println(PREFIX + "READY " + Json.line(new Ready(port, ProcessHandle.current().pid(), HeapMonitor.maxHeap(),
                    heap.collectorNames(), (System.nanoTime() - t0) / 1_000_000, System.getProperty("java.vm.name") + " "
                    + System.getProperty("java.vm.version"))));
            BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String command;
            while ((command = readLine(commands)) != null && !command.equals("stop")) {
                switch (command) {
                    case "reset" -> {
                        heap.reset();
                        protocol.println(PREFIX + "OK");
                    }
                    case "measure" -> protocol.println(PREFIX + "HEAP " + Json.line(heap.measure()));
                    default -> protocol.println(PREFIX + "FAILED unknown command '" + command + "'");
                }
            }
        }
    }

    /** What the hub JVM reports once it serves. */
    record Ready(int port, long pid, long heapMaxBytes, List<String> collectors, long startMillis, String jvm) {
    }

    static ConfigurableApplicationContext start(HubSettings s) {
        List<String> properties = new ArrayList<>();
        Map.of(
                "spring.datasource.url", s.mode() == HubSettings.Mode.LOAD ? batched(s.jdbcUrl()) : s.jdbcUrl(),
                "spring.datasource.username", s.user(),
                "spring.datasource.password", s.password(),
                "server.address", "127.0.0.1",
                "server.port", "0",
                "studyledger.hub.bootstrap-servers", "127.0.0.1:9",
                "spring.main.banner-mode", "off",
                "logging.file.name", s.log().toString(),
                "logging.threshold.console", "OFF"
        ).forEach((k, v) -> properties.add("--" + k + "=" + v));
        if (s.mode() == HubSettings.Mode.LOAD) {
            properties.add("--spring.main.web-application-type=none");
        }
        properties.add("--studyledger.hub.signing.keys-directory=" + s.keys());
        s.properties().forEach(p -> properties.add("--" + p));
        return StudyHubApplication.application()
                .initializers(context -> context.addBeanFactoryPostProcessor(new WithoutKafkaConsumer()))
                .run(properties.toArray(String[]::new));
    }

    /**
     * The loader writes through the hub's own beans; pgJDBC rewriting its batches into multi-row inserts makes that
     * several times faster. Only the loading JVM gets it: the measured hub runs with its database URL as given.
     */
    private static String batched(String url) {
        return url + (url.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true";
    }

    private static String readLine(BufferedReader in) {
        try {
            String line = in.readLine();
            return line == null ? null : line.trim();
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /** Removes the hub's Kafka consumer bean before anything is created. */
    private static final class WithoutKafkaConsumer implements BeanDefinitionRegistryPostProcessor {
        @Override
        public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
            // the bean is not registered yet: component scanning runs after this
        }

        @Override
        public void postProcessBeanFactory(org.springframework.beans.factory.config.ConfigurableListableBeanFactory factory) {
            for (String name : factory.getBeanNamesForType(LedgerConsumer.class, true, false)) {
                ((BeanDefinitionRegistry) factory).removeBeanDefinition(name);
            }
        }
    }
}
