package org.studyledger.kernel.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Events name the instrument version their scores came from, so a published definition must never
 * change: a fix is a new version. This pins each bundled file's content (whitespace-insensitive).
 * If a pin breaks: if the version was never used for a recorded event, update the pin; otherwise
 * restore the file and add a new version.
 */
class PublishedDefinitionsTest {
    static final Map<String, String> PINNED = new TreeMap<>(Map.of(
            "aaq2-1.json", "5a7259e4cc4d8c1586204da37e75e40ffc217d26560b0a0db8e1759a833e1dbd",
            "cadss-1.json", "953a55951d048192c4c44d0d93e987d81d422a4f856d9fdd9d9ef8f9ae72e856",
            "cssrs-1.json", "57a74e7b7079fc4853d42b9c10d3724e3a8d394e9c8f58b0c755ad5bc71fc2aa",
            "madrs-1.json", "41eb1b1056c2ef60194c59739dafade14ce5bbe1704f449075a1cd37eef7f943",
            "psychache-1.json", "f3fc7f4d477dfe3d5e8992738f2cf613ca37f5584b0bf8b6c4fb3a8ffd753d7c",
            "rfq8-1.json", "4951b68b3c97b56e9d6ff733933113741fa522f2c9ab9346d63258ea3e695c36",
            "rmet-1.json", "54ded69523fb94b626423e49d3abaa15ca9fae46608fbdc1403c77537968ae1c"));

    @Test
    void publishedDefinitionsAreUnchanged() throws IOException {
        Map<String, String> actual = new TreeMap<>();
        for (String file : PINNED.keySet()) {
            actual.put(file, contentHash(InstrumentCatalogue.class, "catalogue/" + file));
        }
        assertThat(actual).isEqualTo(PINNED);
    }

    @Test
    void everyBundledDefinitionIsPinned() {
        assertThat(InstrumentCatalogue.standard().instruments())
                .extracting(i -> i.code().toLowerCase() + "-" + i.version() + ".json")
                .containsExactlyInAnyOrderElementsOf(PINNED.keySet());
    }

    /** SHA-256 of the file re-serialised compactly, so reformatting does not count as a change. */
    static String contentHash(Class<?> anchor, String resource) throws IOException {
        try (InputStream in = anchor.getResourceAsStream(resource)) {
            ObjectMapper mapper = new ObjectMapper();
            String canonical = mapper.writeValueAsString(mapper.readTree(in));
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
