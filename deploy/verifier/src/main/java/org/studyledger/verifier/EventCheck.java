package org.studyledger.verifier;

/**
 * One check of one decoded event. Checks report through {@link EventContext#fail} and never stop the
 * others: every failure of an event is reported. The chain (sequence and previous hash) is not a check of
 * this kind, because it also places lines the kernel could not decode.
 */
interface EventCheck {
    void check(EventContext context);
}
