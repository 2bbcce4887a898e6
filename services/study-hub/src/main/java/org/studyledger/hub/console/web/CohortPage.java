package org.studyledger.hub.console.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Conditional;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.studyledger.hub.cohortsummary.CohortSummaryController;
import org.studyledger.hub.console.ConsoleAccess;
import org.studyledger.hub.console.ConsoleConfigured;
import org.studyledger.hub.console.ConsoleSecurity;
import org.studyledger.hub.console.Shown;
import org.studyledger.hub.console.SubjectCurves;
import org.studyledger.hub.export.DatasetController;
import org.studyledger.hub.dataset.DatasetPosition;

/**
 * The cohort: MADRS over the visits as mean ± SD by baseline mentalization group and one line per subject,
 * responders and remitters per visit;
 * the numbers are the cohort summary's answer itself (GET /api/v1/cohort/summary, the same call), as of now or as of a
 * ledger position or time.
 */
@Controller
@Conditional(ConsoleConfigured.class)
class CohortPage {
    private final ConsoleAccess access;
    private final CohortSummaryController summary;
    private final SubjectCurves curves;
    private final ObjectMapper json;

    CohortPage(ConsoleAccess access, CohortSummaryController summary, SubjectCurves curves, ObjectMapper json) {
        this.access = access;
        this.summary = summary;
        this.curves = curves;
        this.json = json;
    }

    @GetMapping(ConsoleSecurity.HOME + "/cohort")
    String cohort(@RequestParam(name = "asOf", required = false) String asOf,
                  @RequestParam(name = "position", required = false) String position,
                  Model model, HttpServletRequest request) throws IOException {
        access.require(Shown.COHORT, request);
        ResponseEntity<byte[]> answer = summary.summary(null, blank(asOf), blank(position), null);
        JsonNode lines = json.readTree(answer.getBody());
        Map<String, List<JsonNode>> byGroup = new LinkedHashMap<>();
        lines.forEach(l -> byGroup.computeIfAbsent(l.path("group").asText(), g -> new ArrayList<>()).add(l));
        String at = answer.getHeaders().getFirst(DatasetPosition.HEADER);
        request.setAttribute(ConsoleAccess.POSITION, at);
        model.addAttribute("groups", byGroup);
        model.addAttribute("chart", json.writeValueAsString(lines));
        model.addAttribute("subjects", json.writeValueAsString(curves.madrs(blank(asOf), blank(position))));
        model.addAttribute("position", at);
        model.addAttribute("asOfPosition", answer.getHeaders().getFirst(DatasetController.AS_OF_HEADER));
        model.addAttribute("asOf", blank(asOf));
        model.addAttribute("requestedPosition", blank(position));
        model.addAttribute("title", "Cohort");
        return "console/cohort";
    }

    static String blank(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
