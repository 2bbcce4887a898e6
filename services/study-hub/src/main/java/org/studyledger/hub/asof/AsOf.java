package org.studyledger.hub.asof;

import java.time.Instant;
import java.util.function.LongSupplier;
import org.studyledger.hub.api.QueryParameters;

/**
 * The point in the ledger a request asks for: a ledger {@code position} or an {@code asOf} instant (exactly one).
 *
 * @param position a ledger position (global index), or null
 * @param instant  an instant compared with the hub's acceptance time of the ledger events, or null
 */
public record AsOf(Long position, Instant instant) {
    /** The query parameter naming an instant. */
    public static final String AS_OF = "asOf";
    /** The query parameter naming a ledger position. */
    public static final String POSITION = "position";
    /** The header of every as-of answer: the ledger position it is as of (what {@code asOf} resolved to). */
    public static final String HEADER = "X-As-Of-Position";

    /**
     * Reads the parameters into {@code p}'s problems (malformed values; both given): null when neither is given (the
     * live answer), otherwise the point. Call {@link QueryParameters#check()} afterwards.
     */
    public static AsOf parse(QueryParameters p, String asOf, String position) {
        return parse(p, asOf, position, null);
    }

    /**
     * As {@link #parse(QueryParameters, String, String)}, and a well-formed position beyond {@code head} (the ledger's
     * head, asked only then; null: not checked) is one more problem, named with the others.
     */
    public static AsOf parse(QueryParameters p, String asOf, String position, LongSupplier head) {
        Instant instant = p.instant(AS_OF, asOf);
        Long pos = p.position(POSITION, position);
        if (pos != null && head != null) {
            long last = head.getAsLong();
            if (pos > last) {
                p.problem(POSITION, beyondHead(pos, last));
            }
        }
        boolean hasAsOf = asOf != null && !asOf.isBlank();
        boolean hasPosition = position != null && !position.isBlank();
        if (hasAsOf && hasPosition) {
            p.problem(AS_OF, "give either asOf or position, not both");
            p.problem(POSITION, "give either asOf or position, not both");
            return null;
        }
        if (instant == null && pos == null) {
            return null;
        }
        return new AsOf(pos, instant);
    }

    /** The message for a position beyond the ledger's head. */
    static String beyondHead(long position, long head) {
        return "position " + position + " is beyond the ledger's head " + head;
    }

    @Override
    public String toString() {
        return position != null ? POSITION + "=" + position : AS_OF + "=" + instant;
    }
}
