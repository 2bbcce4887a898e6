package org.studyledger.hub.timeline;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.studyledger.kernel.instrument.ScoreSet;
import org.studyledger.kernel.protocol.StudyClock;
import org.studyledger.kernel.subject.DoseFlag;
import org.studyledger.kernel.subject.event.AdverseEventReported;
import org.studyledger.kernel.subject.event.AssessmentCorrected;
import org.studyledger.kernel.subject.event.AssessmentRecorded;
import org.studyledger.kernel.subject.event.AssessmentRetracted;
import org.studyledger.kernel.subject.event.DoseAdministered;
import org.studyledger.kernel.subject.event.DoseWithheld;
import org.studyledger.kernel.subject.event.FollowUpCompleted;
import org.studyledger.kernel.subject.event.SubjectDiscontinued;
import org.studyledger.kernel.subject.event.SubjectEnrolled;

/**
 * The one-line, human-readable summary of each event on a subject's timeline, and the value changes of
 * a correction. Pure: the same event (and, for corrections and retractions, the same earlier form) gives
 * the same text.
 */
public final class TimelineText {
    static final String ARROW = " → ";
    static final String NONE = "(none)";

    private TimelineText() {
    }

    /** An assessment's form as the timeline last saw it. */
    public record Form(String instrument, String version, String visit, Integer doseSession,
                       SortedMap<String, Integer> items, ScoreSet scores) {
        public Form {
            items = new TreeMap<>(items);
        }

        /** "at W1" or "at dose session 3". */
        String where() {
            return visit != null ? "at " + visit : "at dose session " + doseSession;
        }
    }

    /** One changed value of a correction: {@code items.MADRS_03}, {@code scores.MADRS_TOTAL} or {@code categories.…}. */
    public record Change(String field, Object old, Object now) {
    }

    public static String enrolled(SubjectEnrolled e) {
        return "Enrolled on " + e.enrolmentDate() + " (protocol " + e.protocolVersion() + ", consent " + e.consentVersion()
                + " signed " + e.consentDate() + "): sex " + e.sex() + ", born " + e.birthYear() + ", episode "
                + e.episodeDurationMonths() + " months, " + e.failedAntidepressantTrials() + " failed antidepressant trials";
    }

    /**
     * An assessment as recorded (its items and scores), placed by {@code clock}, the subject's current first dose:
     * the study day, and "; out of window" when its visit's window does not hold it. Where the event recorded another
     * study day or window status (against the first dose known then, e.g. before a dose entered late), both show:
     * "(day 8, recorded as day 10)", "; recorded as out of window; in window by the current first dose",
     * "; recorded as in window; out of window by the current first dose".
     */
    public static String recorded(AssessmentRecorded a, StudyClock clock) {
        Form form = new Form(a.instrument().code(), a.instrument().version(), a.visit(), a.doseSession(), a.items(), a.scores());
        StringBuilder s = new StringBuilder(a.instrument().toString()).append(' ').append(form.where());
        Integer day = clock.studyDay(a.administeredAt());
        if (day != null) {
            s.append(" (day ").append(day);
            if (a.studyDay() != null && !a.studyDay().equals(day)) {
                s.append(", recorded as day ").append(a.studyDay());
            }
            s.append(')');
        }
        s.append(": ").append(scores(a.instrument().code(), a.scores()));
        boolean out = clock.outOfWindow(a.visit(), a.administeredAt());
        if (out && a.outOfWindow()) {
            s.append("; out of window");
        } else if (out) {
            s.append("; recorded as in window; out of window by the current first dose");
        } else if (a.outOfWindow()) {
            s.append("; recorded as out of window; in window by the current first dose");
        }
        return s.toString();
    }

    public static String corrected(Form before, AssessmentCorrected c) {
        if (before == null) {
            return "Correction of assessment " + c.assessmentId() + " — reason: " + c.reason();
        }
        List<Change> changes = changes(before, c);
        StringBuilder s = new StringBuilder("Correction of ").append(before.instrument()).append(' ').append(before.where())
                .append(": ");
        if (changes.isEmpty()) {
            s.append("no values changed");
        } else {
            List<String> parts = new ArrayList<>();
            for (Change change : changes) {
                String code = change.field().substring(change.field().indexOf('.') + 1);
                String name = change.field().startsWith("items.") ? code : label(before.instrument(), code);
                parts.add(name + " " + text(change.old()) + ARROW + text(change.now()));
            }
            s.append(String.join("; ", parts));
        }
        return s.append(" — reason: ").append(c.reason()).toString();
    }

    public static String retracted(Form before, AssessmentRetracted r) {
        if (before == null) {
            return "Retraction of assessment " + r.assessmentId() + " — reason: " + r.reason();
        }
        return "Retraction of " + before.instrument() + " " + before.where() + " (" + scores(before.instrument(), before.scores())
                + ") — reason: " + r.reason();
    }

    public static String dose(DoseAdministered d) {
        StringBuilder s = new StringBuilder("Dose session ").append(d.sessionNumber()).append(": ").append(d.doseMg())
                .append(" mg (").append(d.devices()).append(d.devices() == 1 ? " device" : " devices").append("), BP ")
                .append(d.bpBefore()).append(ARROW).append(d.bpAfter()).append(", monitored ").append(d.monitoringMinutes())
                .append(" min");
        if (!d.flags().isEmpty()) {
            s.append(", flags: ").append(String.join(", ", d.flags().stream().map(DoseFlag::name).toList()));
        }
        if (d.overrideReason() != null) {
            s.append(" — override: ").append(d.overrideReason());
        }
        return s.toString();
    }

    public static String withheld(DoseWithheld w) {
        return "Dose session " + w.sessionNumber() + " withheld" + (w.bpBefore() == null ? "" : " (BP " + w.bpBefore() + ")")
                + " — reason: " + w.reason();
    }

    public static String adverseEvent(AdverseEventReported a) {
        return "Adverse event: " + a.term() + " (" + a.severity() + ", " + (a.serious() ? "serious" : "not serious")
                + ", relatedness " + a.relatedness() + "), onset " + a.onsetDate();
    }

    public static String discontinued(SubjectDiscontinued d) {
        return "Discontinued on " + d.discontinuationDate() + (d.consentWithdrawn() ? ", consent withdrawn" : "")
                + " — reason: " + d.reason();
    }

    public static String completed(FollowUpCompleted c) {
        return "Follow-up completed on " + c.completionDate();
    }

    /** Every value a correction changes, items first (by code), then scores, then categories. */
    public static List<Change> changes(Form before, AssessmentCorrected c) {
        List<Change> changes = new ArrayList<>();
        diff("items.", before.items(), c.items(), changes);
        diff("scores.", before.scores().scores(), c.scores().scores(), changes);
        diff("categories.", before.scores().categories(), c.scores().categories(), changes);
        return changes;
    }

    private static <V> void diff(String prefix, Map<String, V> old, Map<String, V> now, List<Change> into) {
        TreeSet<String> codes = new TreeSet<>(old.keySet());
        codes.addAll(now.keySet());
        for (String code : codes) {
            V a = old.get(code);
            V b = now.get(code);
            boolean same = a instanceof BigDecimal x && b instanceof BigDecimal y ? x.compareTo(y) == 0 : Objects.equals(a, b);
            if (!same) {
                into.add(new Change(prefix + code, a, b));
            }
        }
    }

    /**
     * The scores of a form: "total 22 (moderate)" for a total with a severity band, otherwise each score
     * ("RFQ_C 1.1667, RFQ_U 1.6667") and each category ("above 4: Y").
     */
    static String scores(String instrument, ScoreSet scores) {
        List<String> parts = new ArrayList<>();
        String severity = scores.category(instrument + "_SEVERITY");
        for (Map.Entry<String, BigDecimal> s : scores.scores().entrySet()) {
            String part = label(instrument, s.getKey()) + " " + s.getValue().toPlainString();
            if (severity != null && s.getKey().equals(instrument + "_TOTAL")) {
                part += " (" + severity + ")";
            }
            parts.add(part);
        }
        for (Map.Entry<String, String> c : scores.categories().entrySet()) {
            if (severity != null && c.getKey().equals(instrument + "_SEVERITY")) {
                continue;
            }
            parts.add(label(instrument, c.getKey()) + ": " + c.getValue());
        }
        return parts.isEmpty() ? "no scores" : String.join(", ", parts);
    }

    /** A score's name in the text: "MADRS_TOTAL" → "total", "CADSS_ABOVE_4" → "above 4", "RFQ_C" stays. */
    static String label(String instrument, String code) {
        String prefix = instrument + "_";
        if (code.startsWith(prefix)) {
            return code.substring(prefix.length()).toLowerCase(Locale.ROOT).replace('_', ' ');
        }
        return code;
    }

    private static String text(Object value) {
        if (value == null) {
            return NONE;
        }
        return value instanceof BigDecimal d ? d.toPlainString() : value.toString();
    }
}
