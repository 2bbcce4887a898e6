package org.studyledger.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * How the local platform runs: command-line flags, with environment variables for external infrastructure.
 *
 * @param dataDir        where PostgreSQL's and Kafka's data and the centers' signing keys live between runs
 * @param fresh          delete the data directory first, signing keys included
 * @param centers        center codes; the first gets the first center port, and so on
 * @param subjects       synthetic subjects in the cohort, spread over the centers
 * @param seed           the cohort's seed: the same seed always gives the same cohort
 * @param load           load the cohort (off: just run the services)
 * @param hubPort        the hub's HTTP port
 * @param firstCenterPort the first center's HTTP port
 * @param postgresPort   the embedded PostgreSQL's port
 * @param kafkaPort      the embedded Kafka broker's port (its controller takes the next one)
 * @param issuerPort     the local OpenID Connect issuer's port
 * @param jdbcUrl        external PostgreSQL admin database URL ({@code STUDYLEDGER_JDBC_URL}); embedded when absent
 * @param jdbcUser       its user ({@code STUDYLEDGER_JDBC_USER})
 * @param jdbcPassword   its password ({@code STUDYLEDGER_JDBC_PASSWORD})
 * @param kafkaBootstrap external Kafka ({@code STUDYLEDGER_KAFKA_BOOTSTRAP}); embedded when absent
 */
public record PlatformOptions(
        Path dataDir,
        boolean fresh,
        List<String> centers,
        int subjects,
        long seed,
        boolean load,
        int hubPort,
        int firstCenterPort,
        int postgresPort,
        int kafkaPort,
        int issuerPort,
        String jdbcUrl,
        String jdbcUser,
        String jdbcPassword,
        String kafkaBootstrap) {

    public static final String USAGE = """
            Usage: studyledger [options]
                   studyledger --benchmark [benchmark options] [options]   (see studyledger --benchmark --help)
              --data-dir DIR        where data lives between runs (default .studyledger); the centers'
                                    signing keys are in DIR/keys, which is also the hub's key directory;
                                    the generated credentials in DIR/secrets
              --fresh               delete the data directory, signing keys included, and start from nothing
              --centers A,B,C       center codes (default PAV,MIL,ROM)
              --subjects N          synthetic subjects (default 36)
              --seed N              cohort seed (default 2026)
              --no-load             start the services without loading the cohort
              --hub-port N          hub HTTP port (default 8080); centers use the next ports
              --postgres-port N     embedded PostgreSQL port (default 55432)
              --kafka-port N        embedded Kafka port (default 59092; its controller uses the next)
              --issuer-port N       the local OpenID Connect issuer's port (default 9000); its signing key and
                                    the demo accounts' secrets are in DIR/issuer
            Environment (external infrastructure instead of embedded):
              STUDYLEDGER_JDBC_URL, STUDYLEDGER_JDBC_USER, STUDYLEDGER_JDBC_PASSWORD  PostgreSQL admin database
              STUDYLEDGER_KAFKA_BOOTSTRAP                                          Kafka bootstrap servers
            """;

    public static PlatformOptions parse(String[] args, Map<String, String> env) {
        Path dataDir = Path.of(".studyledger");
        boolean fresh = false;
        List<String> centers = List.of("PAV", "MIL", "ROM");
        int subjects = 36;
        long seed = 2026;
        boolean load = true;
        int hubPort = 8080;
        Integer centerPort = null;
        int postgresPort = 55432;
        int kafkaPort = 59092;
        int issuerPort = 9000;
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        while (!rest.isEmpty()) {
            String flag = rest.remove(0);
            switch (flag) {
                case "--data-dir" -> dataDir = Path.of(value(flag, rest));
                case "--fresh" -> fresh = true;
                case "--centers" -> centers = List.of(value(flag, rest).split(","));
                case "--subjects" -> subjects = number(flag, rest);
                case "--seed" -> seed = Long.parseLong(value(flag, rest));
                case "--no-load" -> load = false;
                case "--hub-port" -> hubPort = number(flag, rest);
                case "--center-port" -> centerPort = number(flag, rest);
                case "--postgres-port" -> postgresPort = number(flag, rest);
                case "--kafka-port" -> kafkaPort = number(flag, rest);
                case "--issuer-port" -> issuerPort = number(flag, rest);
                default -> throw new IllegalArgumentException("unknown option " + flag + "\n" + USAGE);
            }
        }
        return new PlatformOptions(dataDir.toAbsolutePath(), fresh, centers, subjects, seed, load, hubPort,
                centerPort == null ? hubPort + 1 : centerPort, postgresPort, kafkaPort, issuerPort, blankToNull(env.get("STUDYLEDGER_JDBC_URL")),
                env.getOrDefault("STUDYLEDGER_JDBC_USER", "postgres"), env.getOrDefault("STUDYLEDGER_JDBC_PASSWORD", ""),
                blankToNull(env.get("STUDYLEDGER_KAFKA_BOOTSTRAP")));
    }

    public int centerPort(int index) {
        return firstCenterPort + index;
    }

    /**
     * The one key directory of the platform: every center keeps its key pair there, and the hub reads the
     * public records from it, so a center's key is registered at the hub as soon as the center creates it.
     */
    public Path keyDirectory() {
        return dataDir.resolve("keys");
    }

    /** Where the generated credentials are kept: Kafka users' and database logins' passwords. */
    public Path secretsDirectory() {
        return dataDir.resolve("secrets");
    }

    /** Where the local issuer keeps its signing key and the demo accounts' secrets. */
    public Path issuerDirectory() {
        return dataDir.resolve("issuer");
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

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
