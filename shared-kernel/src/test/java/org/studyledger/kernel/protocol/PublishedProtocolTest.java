package org.studyledger.kernel.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Derived values (nominal visits, response and remission flags) are computed with the protocol
 * version an event names, so a published protocol file must never change: a change is a new
 * version. If this breaks and the version was never used for recorded events, update the pin;
 * otherwise restore the file and add a new version.
 */
class PublishedProtocolTest {
    private static final String ESK_TRD_1 = "78d20f855abc77c73f17f230f5613eba7635ffd8f46ca19acd3047a1aa37a971";

    @Test
    void publishedProtocolIsUnchanged() throws IOException, NoSuchAlgorithmException {
        try (InputStream in = Protocol.class.getResourceAsStream("esk-trd-1.json")) {
            ObjectMapper mapper = new ObjectMapper();
            String canonical = mapper.writeValueAsString(mapper.readTree(in));
            String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(StandardCharsets.UTF_8)));
            assertThat(hash).isEqualTo(ESK_TRD_1);
        }
    }
}
