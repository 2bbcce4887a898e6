package org.studyledger.hub.console.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.context.annotation.Conditional;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.studyledger.hub.asof.AsOf;
import org.studyledger.hub.console.ConsoleAccess;
import org.studyledger.hub.console.ConsoleConfigured;
import org.studyledger.hub.console.ConsoleProperties;
import org.studyledger.hub.console.ConsoleSecurity;
import org.studyledger.hub.console.Shown;
import org.studyledger.hub.ledger.LedgerStatusController;
import org.studyledger.hub.rebuild.RebuildController;
import org.studyledger.hub.summary.SubjectController;

/**
 * The study overview: the ledger's position and events per center, consumer lag and quarantine (for those who may
 * read the ledger's status), the projections' status (hub admins), subjects by status (analysts) and the last
 * verification run from the console (auditors). Its live part refreshes itself (htmx polling) while data arrives; as of
 * a ledger position or time it shows the ledger and the subjects as they were then and does not refresh.
 */
@Controller
@Conditional(ConsoleConfigured.class)
class OverviewPage {
    private final ConsoleAccess access;
    private final ConsoleProperties console;
    private final LedgerStatusController ledger;
    private final RebuildController projections;
    private final SubjectController subjects;
    private final LastVerification verification;

    OverviewPage(ConsoleAccess access, ConsoleProperties console, LedgerStatusController ledger,
                 RebuildController projections, SubjectController subjects, LastVerification verification) {
        this.access = access;
        this.console = console;
        this.ledger = ledger;
        this.projections = projections;
        this.subjects = subjects;
        this.verification = verification;
    }

    @GetMapping(ConsoleSecurity.HOME)
    String overview(@RequestParam(name = "asOf", required = false) String asOf,
                    @RequestParam(name = "position", required = false) String position,
                    Model model, HttpServletRequest request) {
        panels(AsOfForm.of(asOf, position), model, request);
        model.addAttribute("refreshSeconds", Math.max(1, console.refreshInterval().toSeconds()));
        model.addAttribute("title", "Study overview");
        return "console/overview";
    }

    @GetMapping(ConsoleSecurity.HOME + "/signed-out")
    String signedOut() {
        return "console/signed-out";
    }

    @GetMapping(ConsoleSecurity.HOME + "/overview/live")
    String live(Model model, HttpServletRequest request) {
        panels(AsOfForm.of(null, null), model, request);
        return "console/overview :: live";
    }

    /**
     * The panels, now or as of a point: the ledger's events per center and its quarantine, and the subjects by status,
     * as they were then; the projections, the consumer and the last verification have no past and are shown as now.
     */
    private void panels(AsOfForm point, Model model, HttpServletRequest request) {
        String asOfPosition = null;
        Long livePosition = null;
        if (access.may(Shown.LEDGER_STATUS)) {
            access.require(Shown.LEDGER_STATUS, request);
            ResponseEntity<LedgerStatusController.LedgerStatus> answer = ledger.status(point.asOf(), point.position());
            LedgerStatusController.LedgerStatus status = answer.getBody();
            asOfPosition = answer.getHeaders().getFirst(AsOf.HEADER);
            livePosition = status.lastPosition();
            model.addAttribute("ledger", status);
            if (status.lastPosition() != null) {
                request.setAttribute(ConsoleAccess.POSITION, status.lastPosition());
            }
        }
        if (access.may(Shown.PROJECTIONS)) {
            access.require(Shown.PROJECTIONS, request);
            model.addAttribute("projections", projections.status());
        }
        if (access.may(Shown.SUBJECTS)) {
            access.require(Shown.SUBJECTS, request);
            Map<String, Integer> byStatus = new TreeMap<>();
            ResponseEntity<List<SubjectController.SubjectSummary>> answer = subjects.subjects(null, null, point.asOf(),
                    point.position());
            answer.getBody().forEach(s -> byStatus.merge(s.status().name(), 1, Integer::sum));
            if (asOfPosition == null) {
                asOfPosition = answer.getHeaders().getFirst(AsOf.HEADER);
            }
            if (livePosition == null) {
                livePosition = answer.getBody().stream().map(SubjectController.SubjectSummary::lastPosition)
                        .max(Long::compare).orElse(null);
            }
            model.addAttribute("subjectsByStatus", byStatus);
            model.addAttribute("subjectCount", byStatus.values().stream().mapToInt(Integer::intValue).sum());
        }
        if (access.may(Shown.VERIFICATION)) {
            model.addAttribute("verification", verification.last());
        }
        point.show(model, asOfPosition, livePosition);
    }
}
