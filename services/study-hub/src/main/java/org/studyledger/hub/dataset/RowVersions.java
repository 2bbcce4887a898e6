package org.studyledger.hub.dataset;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * The versions of one subject's rows of one dataset while a batch applies its events: after each event the rows
 * derived then ({@link #advance}); a row that differs from the one holding before is a new version valid from the
 * event's ledger position, and the one it replaces (or a row that disappears) holds until that position. Rows that
 * held before the batch are closed in place ({@link #closes()}); versions born in the batch are inserted once, with
 * their end if the batch already ended them ({@link #inserts()}). So the stored versions are the same however the
 * ledger is cut into batches.
 *
 * @param <R> the row type, compared by {@code equals}
 */
final class RowVersions<R> {
    /** A version to insert: the row, valid from {@code validFrom} until {@code validTo} (null: still holds). */
    record Insert<R>(R row, long validFrom, Long validTo) {
    }

    /** A stored version that stops holding at {@code validTo}. */
    record Close<R>(R row, long validTo) {
    }

    private record Open<R>(R row, long validFrom, boolean stored) {
    }

    private final Function<R, String> key;
    private final Map<String, Open<R>> open = new LinkedHashMap<>();
    private final List<Close<R>> closes = new ArrayList<>();
    private final List<Insert<R>> inserts = new ArrayList<>();

    /** Starts from the rows holding before the batch (stored). */
    RowVersions(Function<R, String> key, List<R> holding) {
        this.key = key;
        holding.forEach(r -> open.put(key.apply(r), new Open<>(r, -1, true)));
    }

    /** The rows derived after the event at {@code position}. */
    void advance(long position, List<R> rows) {
        Map<String, R> now = new LinkedHashMap<>();
        rows.forEach(r -> now.put(key.apply(r), r));
        Set<String> keys = new LinkedHashSet<>(open.keySet());
        keys.addAll(now.keySet());
        for (String k : keys) {
            Open<R> was = open.get(k);
            R is = now.get(k);
            if (was != null && Objects.equals(was.row(), is)) {
                continue;
            }
            if (was != null) {
                end(was, position);
                open.remove(k);
            }
            if (is != null) {
                open.put(k, new Open<>(is, position, false));
            }
        }
    }

    private void end(Open<R> version, long position) {
        if (version.stored()) {
            closes.add(new Close<>(version.row(), position));
        } else {
            inserts.add(new Insert<>(version.row(), version.validFrom(), position));
        }
    }

    List<Close<R>> closes() {
        return closes;
    }

    /** Every version born in the batch, those still holding last. */
    List<Insert<R>> inserts() {
        List<Insert<R>> all = new ArrayList<>(inserts);
        open.values().stream().filter(o -> !o.stored()).forEach(o -> all.add(new Insert<>(o.row(), o.validFrom(), null)));
        return all;
    }
}
