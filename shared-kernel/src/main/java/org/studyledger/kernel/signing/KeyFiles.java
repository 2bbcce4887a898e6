package org.studyledger.kernel.signing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.studyledger.kernel.envelope.KernelJson;
import org.studyledger.kernel.study.CenterId;
import org.studyledger.kernel.validation.Problem;
import org.studyledger.kernel.validation.ValidationException;

/**
 * Key files. A key directory holds, per key, {@code <key-id>.json}: the public key record
 * <pre>
 * {
 *   "algorithm" : "Ed25519",
 *   "center_id" : "PAV",
 *   "created_at" : "2026-11-26T09:00:00.000Z",
 *   "key_id" : "PAV-3f2a9c0d11e4b7a2",
 *   "public_key" : "MCowBQYDK2VwAyEA…",       (base64 X.509 SubjectPublicKeyInfo: the body of a PUBLIC KEY PEM)
 *   "retired_at" : "2027-01-10T12:00:00.000Z"  (optional)
 * }
 * </pre>
 * and, at the center that owns it, {@code <key-id>.key}: the private key as a PKCS#8 {@code PRIVATE KEY} PEM (what
 * {@code openssl genpkey -algorithm ed25519} writes), readable by its owner only. Registering a key at the hub
 * or with an auditor means copying its {@code .json} file into their key directory; {@code .key} files never
 * leave the center.
 */
public final class KeyFiles {
    public static final String PUBLIC_SUFFIX = ".json";
    public static final String PRIVATE_SUFFIX = ".key";

    private static final Set<String> MEMBERS = Set.of("algorithm", "center_id", "created_at", "key_id", "public_key",
            "retired_at");
    private static final ObjectMapper MAPPER = KernelJson.mapper();

    private KeyFiles() {
    }

    // ---------------------------------------------------------------- writing

    /** Writes both halves of {@code key} into {@code dir}; the private half readable by its owner only. */
    public static void write(Path dir, SigningKey key) {
        Path file = dir.resolve(key.keyId() + PRIVATE_SUFFIX);
        try {
            if (Files.exists(file)) {
                // A key, once written, is never replaced: events may already name it.
                throw new FileAlreadyExistsException(file.toString());
            }
            // The public record first: a crash in between leaves a public key nobody signs with (harmless),
            // never a private key without its record (which would stop the center from starting).
            writePublic(dir, key.registered());
            Path temp = Files.createTempFile(dir, ".new-", PRIVATE_SUFFIX);
            try {
                ownerOnly(temp);
                Files.writeString(temp, pem("PRIVATE KEY", key.privateKey().getEncoded()), StandardCharsets.US_ASCII);
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the key " + key.keyId() + " into " + dir, e);
        }
    }

    /** Writes (or rewrites, e.g. to retire it) the public record of {@code key} into {@code dir}. */
    public static Path writePublic(Path dir, RegisteredKey key) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("algorithm", Ed25519.ALGORITHM);
        node.put("center_id", key.center().value());
        node.put("created_at", KernelJson.INSTANT_FORMAT.format(key.createdAt()));
        node.put("key_id", key.keyId().value());
        node.put("public_key", Base64.getEncoder().encodeToString(key.publicKey().getEncoded()));
        if (key.retiredAt() != null) {
            node.put("retired_at", KernelJson.INSTANT_FORMAT.format(key.retiredAt()));
        }
        Path file = dir.resolve(key.keyId() + PUBLIC_SUFFIX);
        try {
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(dir, ".new-", PUBLIC_SUFFIX);
            // Temporary files are created owner-only; a public record is meant to be copied and read by others.
            readableByAll(temp);
            Files.writeString(temp, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n");
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the public key " + key.keyId() + " into " + dir, e);
        }
    }

    // ---------------------------------------------------------------- reading

    /**
     * Every public key record ({@code *.json}) in {@code dir}; a directory that does not exist holds none. Every
     * unreadable file is reported (path: the file name), and then none is returned.
     */
    public static KeyRing readRing(Path dir) {
        List<RegisteredKey> keys = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (Path file : files(dir, PUBLIC_SUFFIX)) {
            try {
                keys.add(readPublic(file));
            } catch (ValidationException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        try {
            return KeyRing.of(keys);
        } catch (IllegalArgumentException e) {
            throw new ValidationException(new Problem(dir.toString(), e.getMessage()));
        }
    }

    /** One public key record; every problem with it is reported under the file's name. */
    public static RegisteredKey readPublic(Path file) {
        String name = file.getFileName().toString();
        JsonNode node;
        try {
            node = MAPPER.readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new ValidationException(new Problem(name, "cannot be read as JSON: " + firstLine(e.getMessage())));
        }
        if (node == null || !node.isObject()) {
            throw new ValidationException(new Problem(name, "must hold a JSON object"));
        }
        List<Problem> problems = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String member = it.next();
            if (!MEMBERS.contains(member)) {
                problems.add(new Problem(name + "." + member, "unknown member"));
            }
        }
        String algorithm = text(node, "algorithm", name, problems);
        if (algorithm != null && !algorithm.equals(Ed25519.ALGORITHM)) {
            problems.add(new Problem(name + ".algorithm", "must be " + Ed25519.ALGORITHM));
        }
        KeyId keyId = parse(node, "key_id", name, problems, KeyId::new);
        String center = text(node, "center_id", name, problems);
        if (keyId != null && center != null && !keyId.center().value().equals(center)) {
            problems.add(new Problem(name + ".center_id", "is " + center + " but the key id names center " + keyId.center()));
        }
        var publicKey = parse(node, "public_key", name, problems, s -> Ed25519.publicKey(Base64.getDecoder().decode(s)));
        Instant created = parse(node, "created_at", name, problems, Instant::parse);
        Instant retired = node.has("retired_at") ? parse(node, "retired_at", name, problems, Instant::parse) : null;
        if (keyId != null && !name.equals(keyId + PUBLIC_SUFFIX)) {
            problems.add(new Problem(name, "must be named after its key id: " + keyId + PUBLIC_SUFFIX));
        }
        if (problems.isEmpty()) {
            try {
                return new RegisteredKey(keyId, publicKey, created, retired);
            } catch (IllegalArgumentException e) {
                problems.add(new Problem(name, e.getMessage()));
            }
        }
        throw new ValidationException(problems);
    }

    /** Every key pair ({@code <key-id>.key} with its {@code <key-id>.json}) in {@code dir}, oldest first. */
    public static List<SigningKey> readSigningKeys(Path dir) {
        return readSigningKeys(dir, files(dir, PRIVATE_SUFFIX));
    }

    /**
     * The key pairs of {@code center} in {@code dir}, oldest first. Files of other centers (a directory may be
     * shared) are not read, so another center's unreadable file does not stop this one.
     */
    public static List<SigningKey> readSigningKeys(Path dir, CenterId center) {
        return readSigningKeys(dir, files(dir, PRIVATE_SUFFIX).stream()
                .filter(p -> p.getFileName().toString().startsWith(center.value() + "-")).toList());
    }

    private static List<SigningKey> readSigningKeys(Path dir, List<Path> privateFiles) {
        List<SigningKey> keys = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (Path file : privateFiles) {
            String name = file.getFileName().toString();
            String id = name.substring(0, name.length() - PRIVATE_SUFFIX.length());
            try {
                RegisteredKey registered = readPublic(dir.resolve(id + PUBLIC_SUFFIX));
                PrivateKey privateKey = Ed25519.privateKey(unpem("PRIVATE KEY", Files.readString(file, StandardCharsets.US_ASCII)));
                keys.add(new SigningKey(registered.keyId(), privateKey, registered.publicKey(), registered.createdAt()));
            } catch (ValidationException e) {
                problems.addAll(e.problems());
            } catch (IOException e) {
                problems.add(new Problem(name, "cannot be read: " + e.getMessage()));
            } catch (IllegalArgumentException e) {
                problems.add(new Problem(name, e.getMessage()));
            }
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        keys.sort(java.util.Comparator.comparing(SigningKey::createdAt).thenComparing(k -> k.keyId().value()));
        return keys;
    }

    // ---------------------------------------------------------------- PEM

    static String pem(String label, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }

    static byte[] unpem(String label, String text) {
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("must be a PEM file with a " + label + " block");
        }
        return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
    }

    // ---------------------------------------------------------------- helpers

    private static List<Path> files(Path dir, String suffix) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> p.getFileName().toString().endsWith(suffix))
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the key directory " + dir, e);
        }
    }

    private static void ownerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system; its own access control applies.
        }
    }

    private static void readableByAll(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system; its own access control applies.
        }
    }

    private static String text(JsonNode node, String member, String file, List<Problem> problems) {
        JsonNode value = node.get(member);
        if (value == null || !value.isTextual()) {
            problems.add(new Problem(file + "." + member, value == null ? "is required" : "must be a string"));
            return null;
        }
        return value.textValue();
    }

    private static <T> T parse(JsonNode node, String member, String file, List<Problem> problems,
                               java.util.function.Function<String, T> parser) {
        String text = text(node, member, file, problems);
        if (text == null) {
            return null;
        }
        try {
            return parser.apply(text);
        } catch (RuntimeException e) {
            problems.add(new Problem(file + "." + member, firstLine(e.getMessage())));
            return null;
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "invalid";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
