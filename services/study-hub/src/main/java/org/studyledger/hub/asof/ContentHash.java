package org.studyledger.hub.asof;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** {@code X-Content-SHA256}: the SHA-256 (lower-case hex) of exactly the bytes of the response body. */
public final class ContentHash {
    public static final String HEADER = "X-Content-SHA256";

    private ContentHash() {
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    public static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }

    public static String of(byte[] body) {
        return HexFormat.of().formatHex(sha256().digest(body));
    }
}
