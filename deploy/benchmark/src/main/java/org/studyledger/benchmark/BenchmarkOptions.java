package org.studyledger.benchmark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.studyledger.benchmark.load.SyntheticCohort;

/**
 * The benchmark's command line.
 *
 * @param cohort      the synthetic cohort: seed, subjects, subjects per center
 * @param heap        the measured hub JVM's {@code -Xmx}, e.g. {@code 256m}
 * @param loadHeap    the loading JVM's {@code -Xmx} (the load is not what is measured)
 * @param loadThreads worker threads that generate the cohort while the loader writes
 * @param loadCenters load at most this many more centers and stop there, without measuring (0: load them all); the
 *                    next run goes on after them
 * @param sign        sign every event with its center's key, as centers do (off: a faster load of a ledger the hub's
 *                    verification reports as unsigned; the exports do not include signatures)
 * @param jdbcUrl     an existing database to use (then {@code postgres} and {@code database} are not used), or null
 * @param postgres    JDBC URL of an admin database on the PostgreSQL server the benchmark database is created on
 * @param database    the benchmark database's name; a database that already holds this cohort is reused
 * @param user        PostgreSQL user
 * @param password    its password (empty for none)
 * @param fresh       drop the benchmark database first, and load again
 * @param out         where the report and the logs go
 * @param checks      also check the loaded database against the hub's own machinery (an as-of replay of each dataset,
 *                    the ledger verification) and each answer's SHA-256: slow at large sizes; null decides by size
 * @param exports     the exports to measure, in this order
 * @param remeasure   measure every export again, also those an earlier run measured on the same database, heap and
 *                    hub settings (kept in {@code out/exports}, so an interrupted run goes on where it stopped)
 * @param hubProperties further settings for the measured hub, {@code key=value} (e.g. to see how a setting changes an
 *                    export); none by default: the hub runs with its own configuration
 */
public record BenchmarkOptions(SyntheticCohort cohort, String heap, String loadHeap, int loadThreads, int loadCenters,
                               boolean sign,
                               String jdbcUrl,
                               String postgres, String database, String user, String password, boolean fresh, Path out,
                               Boolean checks, List<Export> exports, boolean remeasure, List<String> hubProperties) {

    /** Up to this many subjects, {@link #checks()} is on unless switched off. */
    static final int CHECKS_UP_TO_SUBJECTS = 100;
    private static final Pattern HEAP = Pattern.compile("[1-9][0-9]*[kKmMgG]");
    private static final Pattern DATABASE = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    public static final String USAGE = """
            Usage: java -jar export-benchmark.jar [options]
              --subjects N             synthetic subjects (default 100000)
              --subjects-per-center N  subjects per center, 1..999 (default 100)
              --seed N                 cohort seed (default 42)
              --heap SIZE              -Xmx of the measured hub JVM (default 256m)
              --load-heap SIZE         -Xmx of the loading JVM (default 1g)
              --load-threads N         threads generating the cohort during the load (default: the cores)
              --load-centers N         load at most N more centers, then stop without measuring; the next run
                                       resumes the load there (default: load every center)
              --no-signatures          load without signing the events (faster; centers sign, so the default signs)
              --postgres URL           admin database of the PostgreSQL server to use
                                       (default jdbc:postgresql://127.0.0.1:5432/postgres)
              --database NAME          benchmark database (default export_benchmark_<subjects>_<seed>); reused when it
                                       already holds this cohort
              --jdbc-url URL           use this existing database instead of --postgres/--database
              --user NAME              PostgreSQL user (default postgres)
              --password SECRET        its password (default none)
              --fresh                  drop the benchmark database first and load again
              --out DIR                report and logs (default target/export-benchmark)
              --checks / --no-checks   check the loaded data against the hub's replay and ledger verification, and
                                       each answer against its X-Content-SHA256 (default: on up to 100 subjects)
              --exports A,B            only these exports, in this order (default all): %s
              --remeasure              measure every export again (by default an export an earlier run measured
                                       on the same database, heap and hub settings is taken from out/exports)
              --hub-property K=V       a setting for the measured hub over its own configuration (repeatable;
                                       default none), e.g. spring.mvc.async.request-timeout=-1
            """.formatted(String.join(", ", Arrays.stream(Export.values()).map(Export::cliName).toList()));

    public BenchmarkOptions {
        if (!HEAP.matcher(heap).matches() || !HEAP.matcher(loadHeap).matches()) {
            throw new IllegalArgumentException("a heap size is a number with k, m or g, e.g. 256m; got " + heap + " and "
                    + loadHeap);
        }
        if (loadCenters < 0) {
            throw new IllegalArgumentException("--load-centers must not be negative");
        }
        if (loadThreads < 1) {
            throw new IllegalArgumentException("--load-threads must be at least 1");
        }
        if (jdbcUrl == null && !DATABASE.matcher(database).matches()) {
            throw new IllegalArgumentException("--database must match " + DATABASE + ", got " + database);
        }
        if (exports.isEmpty()) {
            throw new IllegalArgumentException("--exports names no export");
        }
        exports = List.copyOf(exports);
        for (String p : hubProperties) {
            if (!p.matches("[a-z][a-zA-Z0-9._\\-\\[\\]]*=.*")) {
                throw new IllegalArgumentException("--hub-property needs key=value, got " + p);
            }
        }
        hubProperties = List.copyOf(hubProperties);
    }

    /** Whether the checks run: as given, or by the cohort's size. */
    public boolean runChecks() {
        return checks != null ? checks : cohort.subjects() <= CHECKS_UP_TO_SUBJECTS;
    }

    /** The JDBC URL of the benchmark database. */
    public String databaseUrl() {
        if (jdbcUrl != null) {
            return jdbcUrl;
        }
        int slash = postgres.lastIndexOf('/');
        int query = postgres.indexOf('?', slash);
        return postgres.substring(0, slash + 1) + database + (query < 0 ? "" : postgres.substring(query));
    }

    public static BenchmarkOptions parse(String[] args) {
        int subjects = 100_000;
        int perCenter = 100;
        long seed = 42;
        String heap = "256m";
        String loadHeap = "1g";
        int loadThreads = Runtime.getRuntime().availableProcessors();
        int loadCenters = 0;
        boolean sign = true;
        String jdbcUrl = null;
        String postgres = "jdbc:postgresql://127.0.0.1:5432/postgres";
        String database = null;
        String user = "postgres";
        String password = "";
        boolean fresh = false;
        Path out = Path.of("target", "export-benchmark");
        Boolean checks = null;
        List<Export> exports = List.of(Export.values());
        List<String> hubProperties = new ArrayList<>();
        boolean remeasure = false;
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        while (!rest.isEmpty()) {
            String flag = rest.remove(0);
            switch (flag) {
                case "--subjects" -> subjects = number(flag, rest);
                case "--subjects-per-center" -> perCenter = number(flag, rest);
                case "--seed" -> seed = longNumber(flag, rest);
                case "--heap" -> heap = value(flag, rest);
                case "--load-heap" -> loadHeap = value(flag, rest);
                case "--load-threads" -> loadThreads = number(flag, rest);
                case "--load-centers" -> loadCenters = number(flag, rest);
                case "--no-signatures" -> sign = false;
                case "--postgres" -> postgres = value(flag, rest);
                case "--database" -> database = value(flag, rest);
                case "--jdbc-url" -> jdbcUrl = value(flag, rest);
                case "--user" -> user = value(flag, rest);
                case "--password" -> password = value(flag, rest);
                case "--fresh" -> fresh = true;
                case "--out" -> out = Path.of(value(flag, rest));
                case "--checks" -> checks = true;
                case "--no-checks" -> checks = false;
                case "--exports" -> exports = exports(value(flag, rest));
                case "--hub-property" -> hubProperties.add(value(flag, rest));
                case "--remeasure" -> remeasure = true;
                case "--help", "-h" -> throw new IllegalArgumentException(USAGE);
                default -> throw new IllegalArgumentException("unknown option " + flag + "\n" + USAGE);
            }
        }
        SyntheticCohort cohort = new SyntheticCohort(seed, subjects, perCenter);
        return new BenchmarkOptions(cohort, heap, loadHeap, loadThreads, loadCenters, sign, jdbcUrl, postgres,
                database != null ? database : "export_benchmark_" + subjects + "_" + seed, user, password, fresh,
                out.toAbsolutePath(), checks, exports, remeasure, hubProperties);
    }

    private static List<Export> exports(String names) {
        List<Export> list = new ArrayList<>();
        for (String name : names.split(",")) {
            list.add(Export.byCliName(name).orElseThrow(() -> new IllegalArgumentException("unknown export '" + name
                    + "'\n" + USAGE)));
        }
        return list;
    }

    private static String value(String flag, List<String> rest) {
        if (rest.isEmpty()) {
            throw new IllegalArgumentException(flag + " needs a value\n" + USAGE);
        }
        return rest.remove(0);
    }

    private static int number(String flag, List<String> rest) {
        String v = value(flag, rest);
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " needs a number, got '" + v + "'");
        }
    }

    private static long longNumber(String flag, List<String> rest) {
        String v = value(flag, rest);
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " needs a number, got '" + v + "'");
        }
    }
}
