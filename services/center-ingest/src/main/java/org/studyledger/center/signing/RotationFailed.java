package org.studyledger.center.signing;

/** A rotation that was refused, or that could not be completed in the key directory; the message says which key signs now. */
public class RotationFailed extends RuntimeException {
    /** Why: the request cannot be honoured as configured, or the directory could not be written. */
    public enum Reason {
        /** The active key is fixed by configuration; rotating would leave a configuration the next start refuses. */
        KEY_PINNED,
        /** A key file could not be written. */
        KEY_DIRECTORY
    }

    private final Reason reason;
    private final String setting;

    RotationFailed(Reason reason, String setting, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.setting = setting;
    }

    public Reason reason() {
        return reason;
    }

    /** The configuration setting to look at. */
    public String setting() {
        return setting;
    }
}
