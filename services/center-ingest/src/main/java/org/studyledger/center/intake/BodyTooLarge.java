package org.studyledger.center.intake;

/** A request body above the configured limit (413); it was not read further than the limit. */
public class BodyTooLarge extends RuntimeException {
    private final long limitBytes;

    public BodyTooLarge(long limitBytes, String setting) {
        super("the request body is larger than " + limitBytes + " bytes (" + setting + ")");
        this.limitBytes = limitBytes;
    }

    public long limitBytes() {
        return limitBytes;
    }
}
