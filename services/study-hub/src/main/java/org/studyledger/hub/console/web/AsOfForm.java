package org.studyledger.hub.console.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.ui.Model;

/**
 * A console page's "as of" request ({@code position} or {@code asOf}, passed to the API's controllers as given, so the
 * API's resolution and refusals apply) and what the page's template needs to show it: the banner and form of
 * {@code asof.html}, and the query every link to another page appends so that it stays as of the same point.
 */
record AsOfForm(String asOf, String position) {
    static AsOfForm of(String asOf, String position) {
        return new AsOfForm(CohortPage.blank(asOf), CohortPage.blank(position));
    }

    boolean given() {
        return asOf != null || position != null;
    }

    /**
     * Puts the model attributes {@code asof.html} reads: {@code asOfPosition} the position the answer is as of (the
     * API's {@code X-As-Of-Position}; null when live), {@code position} the live position shown otherwise, the request
     * ({@code asOf}, {@code requestedPosition}), and {@code asOfQuery} ({@code ?position=…} or empty) and
     * {@code asOfParams} ({@code &position=…} or empty) for links.
     */
    void show(Model model, String asOfPosition, Object livePosition) {
        show(model, asOfPosition, livePosition, Map.of());
    }

    /**
     * As {@link #show(Model, String, Object)}, and {@code asOfKept}: the page's other filters, which the as-of form
     * sends again as hidden fields so that picking a point in time does not drop a search, a sort or a filter.
     */
    void show(Model model, String asOfPosition, Object livePosition, Map<String, String> filters) {
        Map<String, String> kept = new LinkedHashMap<>();
        filters.forEach((name, value) -> {
            if (!name.equals("asOf") && !name.equals("position") && value != null && !value.isBlank()) {
                kept.put(name, value);
            }
        });
        model.addAttribute("asOfKept", kept);
        model.addAttribute("asOfPosition", asOfPosition);
        model.addAttribute("position", livePosition);
        model.addAttribute("asOf", asOf);
        model.addAttribute("requestedPosition", position);
        String params = asOf != null ? "asOf=" + URLEncoder.encode(asOf, StandardCharsets.UTF_8)
                : position != null ? "position=" + URLEncoder.encode(position, StandardCharsets.UTF_8) : "";
        model.addAttribute("asOfQuery", params.isEmpty() ? "" : "?" + params);
        model.addAttribute("asOfParams", params.isEmpty() ? "" : "&" + params);
    }
}
