package org.studyledger.hub.console.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.springframework.context.annotation.Conditional;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.studyledger.hub.asof.AsOf;
import org.studyledger.hub.console.ConsoleAccess;
import org.studyledger.hub.console.ConsoleConfigured;
import org.studyledger.hub.console.ConsoleSecurity;
import org.studyledger.hub.console.Shown;
import org.studyledger.hub.console.view.SubjectView;
import org.studyledger.hub.summary.SubjectController;
import org.studyledger.hub.summary.SubjectController.SubjectSummary;
import org.studyledger.hub.timeline.TimelineController;
import org.studyledger.kernel.protocol.Protocol;

/**
 * The subject list (search, sort) and a subject's page, from the subject summaries and the timeline projection, now or
 * as of a ledger position or time (the API's as-of answers); links between them keep the as-of point.
 */
@Controller
@Conditional(ConsoleConfigured.class)
class SubjectPages {
    /** The columns the list sorts by, by their parameter value. */
    static final java.util.Map<String, Comparator<SubjectSummary>> SORTS = java.util.Map.of(
            "subject", Comparator.comparing(SubjectSummary::subjectId),
            "center", Comparator.comparing(SubjectSummary::centerId).thenComparing(SubjectSummary::subjectId),
            "status", Comparator.comparing((SubjectSummary s) -> s.status().name()).thenComparing(SubjectSummary::subjectId),
            "visits", Comparator.comparingInt(SubjectSummary::visitsDone).thenComparing(SubjectSummary::subjectId),
            "madrs", Comparator.comparing(SubjectSummary::latestMadrs, Comparator.nullsFirst(Comparator.naturalOrder()))
                    .thenComparing(SubjectSummary::subjectId));

    private final ConsoleAccess access;
    private final SubjectController subjects;
    private final TimelineController timeline;
    private final Protocol protocol;

    SubjectPages(ConsoleAccess access, SubjectController subjects, TimelineController timeline, Protocol protocol) {
        this.access = access;
        this.subjects = subjects;
        this.timeline = timeline;
        this.protocol = protocol;
    }

    @GetMapping(ConsoleSecurity.HOME + "/subjects")
    String list(@RequestParam(name = "q", required = false) String q,
                @RequestParam(name = "sort", defaultValue = "subject") String sort,
                @RequestParam(name = "desc", defaultValue = "false") boolean desc,
                @RequestParam(name = "asOf", required = false) String asOf,
                @RequestParam(name = "position", required = false) String position,
                Model model, HttpServletRequest request) {
        access.require(Shown.SUBJECTS, request);
        AsOfForm point = AsOfForm.of(asOf, position);
        String needle = q == null ? "" : q.trim().toLowerCase(Locale.ROOT);
        Comparator<SubjectSummary> order = SORTS.getOrDefault(sort, SORTS.get("subject"));
        ResponseEntity<List<SubjectSummary>> answer = subjects.subjects(null, null, point.asOf(), point.position());
        List<SubjectSummary> all = answer.getBody();
        String asOfPosition = answer.getHeaders().getFirst(AsOf.HEADER);
        Long live = all.stream().map(SubjectSummary::lastPosition).max(Long::compare).orElse(null);
        Map<String, String> kept = new LinkedHashMap<>();
        kept.put("q", q);
        kept.put("sort", SORTS.containsKey(sort) ? sort : null);
        kept.put("desc", desc ? "true" : null);
        point.show(model, asOfPosition, live, kept);
        request.setAttribute(ConsoleAccess.POSITION, asOfPosition != null ? Long.valueOf(asOfPosition) : live);
        List<SubjectSummary> rows = all.stream()
                .filter(s -> needle.isEmpty() || matches(s, needle))
                .sorted(desc ? order.reversed() : order).toList();
        model.addAttribute("subjects", rows);
        model.addAttribute("q", q == null ? "" : q);
        model.addAttribute("sort", SORTS.containsKey(sort) ? sort : "subject");
        model.addAttribute("desc", desc);
        model.addAttribute("title", "Subjects");
        return "console/subjects";
    }

    private static boolean matches(SubjectSummary s, String needle) {
        Function<Object, Boolean> has = v -> v != null && v.toString().toLowerCase(Locale.ROOT).contains(needle);
        return has.apply(s.subjectId()) || has.apply(s.centerId()) || has.apply(s.status())
                || has.apply(s.latestMadrsVisit())
                || (needle.equals("responder") && Boolean.TRUE.equals(s.response()))
                || (needle.equals("remitter") && Boolean.TRUE.equals(s.remission()));
    }

    @GetMapping(ConsoleSecurity.HOME + "/subjects/{id}")
    String subject(@PathVariable("id") String id,
                   @RequestParam(name = "asOf", required = false) String asOf,
                   @RequestParam(name = "position", required = false) String position,
                   Model model, HttpServletRequest request) {
        access.require(Shown.TIMELINE, request);
        AsOfForm point = AsOfForm.of(asOf, position);
        ResponseEntity<List<TimelineController.Entry>> answer = timeline.timeline(id, point.asOf(), point.position());
        List<TimelineController.Entry> entries = answer.getBody();
        SubjectView view = SubjectView.of(entries.isEmpty() ? id : id.toUpperCase(Locale.ROOT), entries, protocol);
        if (access.may(Shown.SUBJECT_SUMMARY)) {
            model.addAttribute("summary", subjects.subject(id, point.asOf(), point.position()).getBody());
        }
        point.show(model, answer.getHeaders().getFirst(AsOf.HEADER), view.lastPosition());
        request.setAttribute(ConsoleAccess.POSITION, view.lastPosition());
        model.addAttribute("subject", view);
        model.addAttribute("title", "Subject " + view.subjectId());
        return "console/subject";
    }
}
