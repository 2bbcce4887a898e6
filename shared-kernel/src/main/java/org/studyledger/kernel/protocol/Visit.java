package org.studyledger.kernel.protocol;

import java.util.Collections;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/** A scheduled visit: its nominal study day, the window around it and the instruments due there. */
public record Visit(String code, String label, int targetDay, VisitWindow window, SortedSet<String> instruments) {
    public Visit {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(window, "window");
        instruments = Collections.unmodifiableSortedSet(new TreeSet<>(Objects.requireNonNull(instruments, "instruments")));
    }

    public boolean schedules(String instrumentCode) {
        return instruments.contains(instrumentCode);
    }
}
