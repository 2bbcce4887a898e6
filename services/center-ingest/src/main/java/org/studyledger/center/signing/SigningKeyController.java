package org.studyledger.center.signing;

import java.util.Base64;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.studyledger.kernel.signing.RegisteredKey;
import org.studyledger.kernel.validation.Problem;
import org.studyledger.support.problem.ProblemResponses;

/**
 * {@code GET /api/v1/signing-keys}: this center's keys and which one signs; {@code POST /api/v1/signing-keys/rotate}:
 * a new key signs from now on and the previous one is retired. Only public halves ever leave the service.
 */
@RestController
@RequestMapping(path = "/api/v1/signing-keys", produces = MediaType.APPLICATION_JSON_VALUE)
public class SigningKeyController {
    private static final String ALGORITHM = "Ed25519";

    private final CenterKeys keys;

    SigningKeyController(CenterKeys keys) {
        this.keys = keys;
    }

    /** The center's keys, oldest first. */
    public record SigningKeys(String centerId, String keyDirectory, String activeKeyId, List<KeyEntry> keys) {
    }

    /** One key's public record (as in its {@code .json} file) and whether it signs now. */
    public record KeyEntry(String keyId, String algorithm, String createdAt, String retiredAt, boolean active,
                           String publicKey, String publicRecordFile) {
    }

    /** The new key's public record, the file to register at the hub, and the key it retired. */
    public record NewKey(String keyId, String centerId, String algorithm, String createdAt, String publicKey,
                         String publicRecordFile, RetiredKey retiredKey) {
    }

    /** The key a rotation retired; its updated record must be given to the hub too. */
    public record RetiredKey(String keyId, String retiredAt, String publicRecordFile) {
    }

    @GetMapping
    public SigningKeys list() {
        List<KeyEntry> entries = keys.keys().stream().map(state -> {
            RegisteredKey key = state.key();
            return new KeyEntry(key.keyId().value(), ALGORITHM, CenterKeys.format(key.createdAt()),
                    key.retiredAt() == null ? null : CenterKeys.format(key.retiredAt()), state.active(),
                    publicKey(key), state.publicRecord().toString());
        }).toList();
        String active = entries.stream().filter(KeyEntry::active).map(KeyEntry::keyId).findFirst().orElse(null);
        return new SigningKeys(keys.center().value(), keys.directory().toString(), active, entries);
    }

    @PostMapping("/rotate")
    public ResponseEntity<NewKey> rotate() {
        CenterKeys.Rotation rotation = keys.rotate();
        RegisteredKey created = rotation.created();
        RegisteredKey retired = rotation.retired();
        return ResponseEntity.status(HttpStatus.CREATED).body(new NewKey(created.keyId().value(),
                created.center().value(), ALGORITHM, CenterKeys.format(created.createdAt()), publicKey(created),
                rotation.createdRecord().toString(), new RetiredKey(retired.keyId().value(),
                CenterKeys.format(retired.retiredAt()), rotation.retiredRecord().toString())));
    }

    @ExceptionHandler(RotationFailed.class)
    ResponseEntity<ProblemDetail> rotationFailed(RotationFailed e) {
        List<Problem> problems = List.of(new Problem(e.setting(), e.getMessage()));
        return switch (e.reason()) {
            case KEY_PINNED -> ProblemResponses.problem(HttpStatus.CONFLICT, "refused", e.getMessage(), problems);
            case KEY_DIRECTORY -> ProblemResponses.problem(HttpStatus.INTERNAL_SERVER_ERROR, "key-directory-unwritable",
                    e.getMessage(), problems);
        };
    }

    private static String publicKey(RegisteredKey key) {
        return Base64.getEncoder().encodeToString(key.publicKey().getEncoded());
    }
}
