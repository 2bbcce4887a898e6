package org.studyledger.kernel.signing;

/**
 * The outcome of checking an envelope's signature against a {@link KeyRing}, with a reason an auditor can act on.
 *
 * @param outcome what was found
 * @param reason  a sentence naming the key and the event; empty when valid
 */
public record SignatureCheck(Outcome outcome, String reason) {

    /** Named as the hub's quarantine reasons and the verifiers' failure codes, which use these names as they are. */
    public enum Outcome {
        /** The signature verifies with the registered key the envelope names. */
        VALID,
        /** The envelope carries no signature. */
        UNSIGNED,
        /** No key with the named id is registered. */
        UNKNOWN_SIGNING_KEY,
        /** The named key is registered for another center than the envelope's. */
        SIGNING_KEY_OF_OTHER_CENTER,
        /** The named key was retired before the event was recorded. */
        SIGNING_KEY_RETIRED,
        /** The signature does not verify: another key made it, or the signed bytes were altered. */
        BAD_SIGNATURE
    }

    public boolean isValid() {
        return outcome == Outcome.VALID;
    }

    static SignatureCheck valid() {
        return new SignatureCheck(Outcome.VALID, "");
    }
}
