package org.studyledger.hub.signing;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.studyledger.kernel.envelope.KernelJson;
import org.studyledger.kernel.signing.RegisteredKey;

/**
 * {@code GET /api/v1/ledger/keys}: the centers' keys the hub verifies signatures against, by center and age. The
 * directory is re-read first, so a key just copied in is listed (or, when a file there is bad, the log says why it is
 * not, and the keys listed are the ones still in use).
 */
@RestController
public class RegisteredKeysController {
    private final KeyRegistry keys;

    RegisteredKeysController(KeyRegistry keys) {
        this.keys = keys;
    }

    /**
     * One registered key, as in its record file.
     *
     * @param keyId     the key's id, {@code <CENTER>-<16 hex digits>}
     * @param centerId  the center it signs for
     * @param createdAt when the center created it
     * @param retiredAt when it stopped signing (events recorded later are refused); null while in use
     * @param publicKey the Ed25519 public key, base64 of its X.509 SubjectPublicKeyInfo (as in the record file)
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Key(String keyId, String centerId, String createdAt, String retiredAt, String publicKey) {

        static Key of(RegisteredKey k) {
            return new Key(k.keyId().value(), k.center().value(), KernelJson.INSTANT_FORMAT.format(k.createdAt()),
                    k.retiredAt() == null ? null : KernelJson.INSTANT_FORMAT.format(k.retiredAt()),
                    Base64.getEncoder().encodeToString(k.publicKey().getEncoded()));
        }
    }

    @GetMapping("/api/v1/ledger/keys")
    public List<Key> keys() {
        return keys.reload().all().stream()
                .sorted(Comparator.comparing((RegisteredKey k) -> k.center().value())
                        .thenComparing(RegisteredKey::createdAt).thenComparing(k -> k.keyId().value()))
                .map(Key::of).toList();
    }
}
