package org.studyledger.verifier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.studyledger.kernel.envelope.WireLimits;
import org.studyledger.kernel.signing.KeyFiles;
import org.studyledger.kernel.signing.KeyRing;
import org.studyledger.kernel.signing.RegisteredKey;
import org.studyledger.kernel.validation.Problem;
import org.studyledger.kernel.validation.ValidationException;

/**
 * The command line:
 * <pre>
 * java -jar ledger-verifier.jar [--keys DIR] [--json] FILE...     (FILE may be - for standard input)
 * </pre>
 * Prints one line per failure and a closing line ({@code verified N events of M subjects, …: OK}), or with
 * {@code --json} the result as one JSON document. With {@code --keys DIR} (the centers' public key records,
 * {@code <key-id>.json}) every event's signature is checked too. Exit status: 0 valid, 1 any failure, 2 usage
 * or I/O error, or a key directory that cannot be read.
 */
public final class VerifierMain {
    public static final int VALID = 0;
    public static final int FAILURES = 1;
    public static final int USAGE_OR_IO_ERROR = 2;

    static final String STDIN = "-";

    private static final String USAGE = """
            usage: java -jar ledger-verifier.jar [--keys DIR] [--json] [--max-LIMIT N]... FILE...
              FILE        an exported ledger: NDJSON, one canonical envelope per line; - reads standard input.
                          Several files are read in the given order as one ledger.
              --json      print the result as JSON instead of the report
              --keys DIR  the centers' registered public keys (<key-id>.json files): every event must be
                          signed by a key of its center, in use when it was recorded, and verify.
                          Without --keys signatures are NOT checked (the closing line says so)
              --max-message-bytes N, --max-depth N, --max-string-length N, --max-number-length N,
              --max-members N, --max-elements N
                          the reading limits of each line (defaults 65536, 16, 8192, 40, 256, 256, the hub's);
                          a line beyond one is LIMIT_EXCEEDED, and a longer line is never read into memory
            exit status: 0 valid, 1 verification failures, 2 usage or I/O error or unreadable key files""";

    private VerifierMain() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(args, System.in, out, err));
    }

    /** Runs the command with standard input as {@code -}; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, System.in, out, err);
    }

    /** Runs the command; returns the exit status instead of exiting. */
    public static int run(String[] args, InputStream stdin, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("ledger-verifier: " + e.getMessage());
            err.println(USAGE);
            return USAGE_OR_IO_ERROR;
        }
        if (options.help) {
            out.println(USAGE);
            return VALID;
        }
        KeyRing keys = null;
        if (options.keys != null) {
            if (!Files.isDirectory(options.keys)) {
                err.println("ledger-verifier: --keys " + options.keys + " is not a directory");
                return USAGE_OR_IO_ERROR;
            }
            try {
                keys = KeyFiles.readRing(options.keys);
            } catch (ValidationException e) {
                // Every bad file at once: an auditor fixes them in one go, not one run per file.
                err.println("ledger-verifier: --keys " + options.keys + ": the key files cannot be used:");
                for (Problem problem : e.problems()) {
                    err.println("  " + problem);
                }
                return USAGE_OR_IO_ERROR;
            } catch (UncheckedIOException e) {
                err.println("ledger-verifier: --keys " + options.keys + ": cannot read: " + e.getMessage());
                return USAGE_OR_IO_ERROR;
            }
            if (keys.isEmpty()) {
                // Checking against no keys would fail every event for a mistyped directory, not for the ledger.
                err.println("ledger-verifier: --keys " + options.keys + " holds no public key record (<key-id>"
                        + KeyFiles.PUBLIC_SUFFIX + ")");
                return USAGE_OR_IO_ERROR;
            }
        }
        for (String file : options.files) {
            if (!file.equals(STDIN) && !Files.isRegularFile(Path.of(file))) {
                err.println("ledger-verifier: " + file + ": no such file");
                return USAGE_OR_IO_ERROR;
            }
        }

        LedgerVerifier verifier = LedgerVerifier.standard().withLimits(options.limits);
        verifier = keys == null ? verifier : verifier.withKeys(keys);
        LedgerVerifier.Session session = verifier.session();
        for (String file : options.files) {
            try {
                if (file.equals(STDIN)) {
                    session.read(stdin, STDIN);
                } else {
                    try (InputStream in = Files.newInputStream(Path.of(file))) {
                        session.read(in, file);
                    }
                }
            } catch (IOException | UncheckedIOException e) {
                err.println("ledger-verifier: " + file + ": cannot read: " + e.getMessage());
                return USAGE_OR_IO_ERROR;
            }
        }
        VerificationResult result = session.result();
        if (options.json) {
            out.println(json(result, keys));
        } else {
            boolean named = options.files.size() > 1;
            for (Failure f : result.failures()) {
                out.println(reportLine(f, named));
            }
            if (keys != null) {
                out.println("keys: " + keys.all().stream().map(VerifierMain::describe).toList() + " from " + options.keys);
            }
            out.println(result.summary());
        }
        out.flush();
        return result.isValid() ? VALID : FAILURES;
    }

    /** {@code line 17  PAV-001 #5  HASH_MISMATCH  stated hash …}; prefixed with the file when several were read. */
    static String reportLine(Failure f, boolean withSource) {
        return (withSource ? f.source() + " " : "") + "line " + f.line() + "  " + f.where() + "  " + f.code() + "  "
                + f.message();
    }

    /** {@code PAV-3f2a9c0d11e4b7a2} or {@code PAV-3f2a9c0d11e4b7a2 (retired 2027-01-10T12:00:00Z)}. */
    private static String describe(RegisteredKey key) {
        return key.keyId() + (key.retiredAt() == null ? "" : " (retired " + key.retiredAt() + ")");
    }

    static String json(VerificationResult result, KeyRing keys) {
        ObjectMapper mapper = JsonMapper.builder().build();
        ObjectNode root = mapper.createObjectNode();
        root.put("valid", result.isValid());
        root.put("lines", result.lines());
        root.put("events", result.events());
        root.put("signed_events", result.signedEvents());
        root.put("subjects", result.subjects());
        root.put("signatures_checked", result.signaturesChecked());
        ArrayNode keyIds = root.putArray("keys");
        if (keys != null) {
            keys.all().forEach(k -> keyIds.add(k.keyId().value()));
        }
        root.put("summary", result.summary());
        ArrayNode failures = root.putArray("failures");
        for (Failure f : result.failures()) {
            ObjectNode node = failures.addObject();
            node.put("source", f.source());
            node.put("line", f.line());
            node.put("subject_id", f.subjectId());
            node.put("sequence", f.sequence());
            node.put("event_id", f.eventId());
            node.put("code", f.code().name());
            node.put("message", f.message());
        }
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings and numbers always serialises", e);
        }
    }

    private static final class Options {
        private final List<String> files = new ArrayList<>();
        private WireLimits limits = WireLimits.DEFAULT;
        private Path keys;
        private boolean json;
        private boolean help;

        static Options parse(String[] args) {
            Options o = new Options();
            boolean onlyFiles = false;
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (onlyFiles || arg.equals(STDIN) || !arg.startsWith("-")) {
                    o.files.add(arg);
                } else if (arg.equals("--")) {
                    onlyFiles = true;
                } else if (arg.equals("--json")) {
                    o.json = true;
                } else if (arg.equals("--help") || arg.equals("-h")) {
                    o.help = true;
                } else if (arg.equals("--keys")) {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException("--keys needs a directory");
                    }
                    o.keys = Path.of(args[++i]);
                } else if (arg.startsWith("--keys=")) {
                    o.keys = Path.of(arg.substring("--keys=".length()));
                } else if (WireLimits.NAMES.contains(arg.substring(2).split("=", 2)[0]) && arg.startsWith("--")) {
                    String name = arg.substring(2).split("=", 2)[0];
                    String value;
                    if (arg.contains("=")) {
                        value = arg.substring(arg.indexOf('=') + 1);
                    } else if (i + 1 < args.length) {
                        value = args[++i];
                    } else {
                        throw new IllegalArgumentException("--" + name + " needs a number");
                    }
                    try {
                        o.limits = o.limits.with(name, Integer.parseInt(value));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--" + name + " needs a whole number, not '" + value + "'");
                    }
                } else {
                    throw new IllegalArgumentException("unknown option " + arg);
                }
            }
            if (!o.help && o.files.isEmpty()) {
                throw new IllegalArgumentException("no ledger file given");
            }
            if (o.files.stream().filter(STDIN::equals).count() > 1) {
                throw new IllegalArgumentException("standard input (-) can be read only once");
            }
            return o;
        }
    }
}
