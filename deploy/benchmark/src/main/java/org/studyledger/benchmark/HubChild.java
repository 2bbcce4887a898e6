package org.studyledger.benchmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.jar.JarFile;

/**
 * A {@link HubProcess} in its own JVM, with its own {@code -Xmx}, seen from the benchmark: its protocol lines arrive on
 * a reader thread and are taken in order; everything else it prints goes to its log.
 */
final class HubChild implements AutoCloseable {
    private static final String EXIT = "EXIT";

    private final Process process;
    private final PrintWriter commands;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private HubChild(Process process) {
        this.process = process;
        this.commands = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        Thread reader = new Thread(this::read, "hub-process-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts a hub JVM with heap limit {@code xmx}; its stderr (where its stray output goes too) is kept in {@code console}. */
    static HubChild start(HubSettings settings, String xmx, Path console) {
        List<String> command = new ArrayList<>(javaCommand(xmx));
        command.add(ExportBenchmark.HUB_COMMAND);
        command.addAll(settings.toArgs());
        try {
            Files.createDirectories(console.getParent());
            Process process = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.appendTo(console.toFile()))
                    .start();
            return new HubChild(process);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the hub JVM: " + command, e);
        }
    }

    /**
     * {@code java -Xmx… } and what runs this benchmark's main class: {@code -jar} the benchmark's runnable jar when it
     * runs from one (its classes are nested inside), otherwise this JVM's class path.
     */
    static List<String> javaCommand(String xmx) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + xmx);
        String classPath = System.getProperty("java.class.path");
        if (isRunnableJar(classPath)) {
            command.add("-jar");
            command.add(classPath);
        } else {
            command.add("-cp");
            command.add(classPath);
            command.add(ExportBenchmark.class.getName());
        }
        return command;
    }

    private static boolean isRunnableJar(String classPath) {
        if (!classPath.endsWith(".jar") || classPath.contains(java.io.File.pathSeparator)) {
            return false;
        }
        try (JarFile jar = new JarFile(classPath)) {
            return jar.getManifest() != null && jar.getManifest().getMainAttributes().getValue("Start-Class") != null;
        } catch (IOException e) {
            return false;
        }
    }

    private void read() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith(HubProcess.PREFIX)) {
                    lines.add(line.substring(HubProcess.PREFIX.length()));
                } else {
                    System.err.println("[hub] " + line);
                }
            }
        } catch (IOException e) {
            // the process ended
        }
        lines.add(EXIT);
    }

    /**
     * Waits for the next protocol line of {@code kind} and returns what follows it; {@code PROGRESS} lines on the way go
     * to {@code progress}. Fails when the hub reports a failure, exits or does not answer within {@code timeout}.
     */
    String await(String kind, Duration timeout, Consumer<String> progress) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String line;
            try {
                line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the hub", e);
            }
            if (line == null) {
                throw new HubFailed("the hub did not answer " + kind + " within " + timeout);
            }
            if (line.equals(EXIT)) {
                lines.add(EXIT);
                throw new HubFailed("the hub JVM exited" + exitStatus() + " before answering " + kind);
            }
            String[] parts = line.split(" ", 2);
            String rest = parts.length > 1 ? parts[1] : "";
            if (parts[0].equals(kind)) {
                return rest;
            }
            if (parts[0].equals("FAILED")) {
                throw new HubFailed("the hub failed: " + rest);
            }
            if (parts[0].equals("PROGRESS")) {
                progress.accept(rest);
            }
        }
    }

    String await(String kind, Duration timeout) {
        return await(kind, timeout, line -> { });
    }

    void send(String command) {
        commands.println(command);
        if (commands.checkError()) {
            throw new HubFailed("the hub JVM no longer reads commands" + exitStatus());
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    private String exitStatus() {
        return process.isAlive() ? "" : " (exit status " + process.exitValue() + ")";
    }

    /** Asks the hub to stop, and ends its JVM if it does not within a minute. */
    @Override
    public void close() {
        if (process.isAlive()) {
            commands.println("stop");
            commands.close();
            try {
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    /** The hub JVM did not do what was asked. */
    static final class HubFailed extends RuntimeException {
        HubFailed(String message) {
            super(message);
        }
    }
}
