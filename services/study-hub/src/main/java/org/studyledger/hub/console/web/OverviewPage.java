package org.studyledger.hub.console.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
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
 * verification run from the console (auditors). Its live part refreshes itself (htmx polling) while data arrives.
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
    String overview(Model model, HttpServletRequest request) {
        live(model, request);
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
        if (access.may(Shown.LEDGER_STATUS)) {
            access.require(Shown.LEDGER_STATUS, request);
            LedgerStatusController.LedgerStatus status = ledger.status();
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
            subjects.subjects(null, null).forEach(s -> byStatus.merge(s.status().name(), 1, Integer::sum));
            model.addAttribute("subjectsByStatus", byStatus);
            model.addAttribute("subjectCount", byStatus.values().stream().mapToInt(Integer::intValue).sum());
        }
        if (access.may(Shown.VERIFICATION)) {
            model.addAttribute("verification", verification.last());
        }
        return "console/overview :: live";
    }
}
