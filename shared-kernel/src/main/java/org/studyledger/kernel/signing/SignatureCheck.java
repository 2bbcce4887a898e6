package org.studyledger.kernel.signing;

/**
 * The outcome of checking an envelope's signature against a {@link KeyRing}, with a reason an auditor can act on.
 *
 * @param outcome what was found
 * @param reason  a sentence naming the key and the event; empty when valid
 */
public record SignatureCheck(Outcome outcome, String reason) {

    public enum Outcome {
        /** The signature verifies with the registered key the envelope names. */
        VALID,
        /** The envelope carries no signature. */
        UNSIGNED,
        /** No key with the named id is registered. */
        UNKNOWN_KEY,
        /** The named key is registered for another center than the envelope's. */
        KEY_OF_OTHER_CENTER,
        /** The named key was retired before the event was recorded. */
        KEY_RETIRED,
        /** The signature does not verify: another key made it, or the signed bytes were altered. */
        INVALID
    }

    public boolean isValid() {
        return outcome == Outcome.VALID;
    }

    static SignatureCheck valid() {
        return new SignatureCheck(Outcome.VALID, "");
    }
}
