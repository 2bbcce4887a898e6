package org.studyledger.local.issuer;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.text.ParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * What the local issuer keeps in its directory ({@code .studyledger/issuer}), readable by the platform's user only:
 * its signing key ({@code signing-key.json}, an RSA JWK with its private half), made at the first start so tokens stay
 * valid across restarts, and each account's secret ({@code secrets.properties}: the client secret and the browser
 * password), made for every account that has none yet.
 */
final class IssuerFiles {
    static final String SIGNING_KEY = "signing-key.json";
    static final String SECRETS = "secrets.properties";
    private static final SecureRandom RANDOM = new SecureRandom();

    private IssuerFiles() {
    }

    static RSAKey signingKey(Path directory) {
        Path file = directory.resolve(SIGNING_KEY);
        try {
            if (Files.exists(file)) {
                return RSAKey.parse(Files.readString(file, StandardCharsets.UTF_8));
            }
            RSAKey key = new RSAKeyGenerator(2048).keyIDFromThumbprint(true).generate();
            writePrivate(file, key.toJSONString());
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("the issuer's signing key " + file + " cannot be read or written", e);
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException("the issuer's signing key " + file + " is not an RSA JWK: " + e.getMessage()
                    + "; remove it to make a new one (tokens issued before stop being accepted)", e);
        }
    }

    /** Every account's secret, made for those without one. */
    static Map<String, String> secrets(Path directory, Accounts accounts) {
        Path file = directory.resolve(SECRETS);
        Properties stored = new Properties();
        try {
            if (Files.exists(file)) {
                try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    stored.load(in);
                }
            }
            boolean added = false;
            Map<String, String> secrets = new LinkedHashMap<>();
            for (Account account : accounts.all()) {
                String secret = stored.getProperty(account.id());
                if (secret == null) {
                    secret = newSecret();
                    added = true;
                }
                secrets.put(account.id(), secret);
            }
            if (added) {
                TreeMap<String, String> all = new TreeMap<>();
                stored.forEach((k, v) -> all.put(k.toString(), v.toString()));
                all.putAll(secrets);
                StringBuilder text = new StringBuilder("# The local issuer's demo accounts: <account>=<secret> (client secret and"
                        + " browser password)\n");
                all.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
                writePrivate(file, text.toString());
            }
            return secrets;
        } catch (IOException e) {
            throw new UncheckedIOException("the issuer's secrets " + file + " cannot be read or written", e);
        }
    }

    private static String newSecret() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void writePrivate(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
        }
        try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
            out.write(content);
        }
        Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
