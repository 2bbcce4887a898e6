package org.studyledger.center.intake;

import org.studyledger.kernel.validation.Text;

/** A request body that is not JSON at all (400): nothing in it can be located by a field path. */
public class MalformedBody extends RuntimeException {
    public MalformedBody(String message) {
        // The parser's message may quote the input, which must not carry characters a response cannot encode.
        super(message == null ? null : Text.quotable(message));
    }
}
