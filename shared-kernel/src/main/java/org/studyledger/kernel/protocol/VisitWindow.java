package org.studyledger.kernel.protocol;

/**
 * The study days (inclusive) in which a visit counts as that visit. A null bound is open: T0 has
 * no earliest day, only "on or before the first dose".
 */
public record VisitWindow(Integer earliestDay, Integer latestDay) {
    public VisitWindow {
        if (earliestDay != null) {
            StudyDays.requireValid(earliestDay);
        }
        if (latestDay != null) {
            StudyDays.requireValid(latestDay);
        }
        if (earliestDay != null && latestDay != null && earliestDay > latestDay) {
            throw new IllegalArgumentException("window starts after it ends: " + earliestDay + " > " + latestDay);
        }
    }

    public boolean contains(int studyDay) {
        StudyDays.requireValid(studyDay);
        return (earliestDay == null || studyDay >= earliestDay) && (latestDay == null || studyDay <= latestDay);
    }

    /** Whether some day lies in both windows. */
    public boolean overlaps(VisitWindow other) {
        boolean thisEndsBefore = latestDay != null && other.earliestDay != null && latestDay < other.earliestDay;
        boolean otherEndsBefore = other.latestDay != null && earliestDay != null && other.latestDay < earliestDay;
        return !thisEndsBefore && !otherEndsBefore;
    }

    @Override
    public String toString() {
        return "[" + (earliestDay == null ? "…" : earliestDay) + ", " + (latestDay == null ? "…" : latestDay) + "]";
    }
}
