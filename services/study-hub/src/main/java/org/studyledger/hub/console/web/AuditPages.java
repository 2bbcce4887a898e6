package org.studyledger.hub.console.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Conditional;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.studyledger.hub.audit.AuditTrailController;
import org.studyledger.hub.asof.AsOf;
import org.studyledger.hub.asof.AsOfReads;
import org.studyledger.hub.console.ConsoleAccess;
import org.studyledger.hub.console.ConsoleConfigured;
import org.studyledger.hub.console.ConsoleSecurity;
import org.studyledger.hub.console.QuarantineBytes;
import org.studyledger.hub.console.Shown;
import org.studyledger.hub.ledger.LedgerIntake;
import org.studyledger.hub.quarantine.QuarantineDismissal;
import org.studyledger.hub.quarantine.QuarantineStore;
import org.studyledger.hub.auditcheck.LedgerAuditController;
import org.studyledger.hub.auditcheck.VerificationReport;
import org.studyledger.kernel.access.Role;
import org.studyledger.kernel.envelope.Actor;
import org.studyledger.support.security.Caller;

/**
 * The auditors' and data managers' pages: the audit trail with its filters, the verification of the ledger, a center
 * or a subject, and the quarantine with reasons and raw bytes; re-processing and dismissing for the roles the API lets
 * do them, as the signed-in person (CSRF-protected forms).
 */
@Controller
@Conditional(ConsoleConfigured.class)
class AuditPages {
    private final ConsoleAccess access;
    private final AuditTrailController trail;
    private final LedgerAuditController verifier;
    private final QuarantineStore quarantine;
    private final QuarantineDismissal dismissal;
    private final QuarantineBytes bytes;
    private final LedgerIntake intake;
    private final LastVerification last;
    private final AsOfReads snapshots;
    private final ObjectMapper json;

    AuditPages(ConsoleAccess access, AuditTrailController trail, LedgerAuditController verifier,
               QuarantineStore quarantine, QuarantineDismissal dismissal, QuarantineBytes bytes, LedgerIntake intake,
               LastVerification last, AsOfReads snapshots, ObjectMapper json) {
        this.snapshots = snapshots;
        this.access = access;
        this.trail = trail;
        this.verifier = verifier;
        this.quarantine = quarantine;
        this.dismissal = dismissal;
        this.bytes = bytes;
        this.intake = intake;
        this.last = last;
        this.json = json;
    }

    @GetMapping(ConsoleSecurity.HOME + "/audit")
    String auditTrail(@RequestParam Map<String, String> filters, Model model, HttpServletRequest request)
            throws IOException {
        access.require(Shown.AUDIT_TRAIL, request);
        AsOfForm point = AsOfForm.of(filters.get("asOf"), filters.get("position"));
        ResponseEntity<byte[]> answer = trail.auditTrail(CohortPage.blank(filters.get("subject")),
                CohortPage.blank(filters.get("center")), CohortPage.blank(filters.get("actor")),
                CohortPage.blank(filters.get("type")), CohortPage.blank(filters.get("from")),
                CohortPage.blank(filters.get("to")), null, CohortPage.blank(filters.get("after")), null, "500", "json",
                point.asOf(), point.position(), null);
        List<JsonNode> rows = new ArrayList<>();
        json.readTree(answer.getBody()).forEach(rows::add);
        Long live = point.given() ? null : snapshots.head();
        point.show(model, answer.getHeaders().getFirst(AsOf.HEADER), live, filters);
        model.addAttribute("rows", rows);
        model.addAttribute("filters", filters);
        model.addAttribute("title", "Audit trail");
        return "console/audit";
    }

    @GetMapping(ConsoleSecurity.HOME + "/audit/verify")
    String verify(@RequestParam(name = "center", required = false) String center,
                  @RequestParam(name = "subject", required = false) String subject,
                  Model model, HttpServletRequest request) {
        access.require(Shown.VERIFICATION, request);
        long head = snapshots.head();
        VerificationReport report = verifier.verify(CohortPage.blank(center), CohortPage.blank(subject));
        Caller me = access.caller();
        last.remember(me.name() != null ? me.name() : me.id(), head, report);
        model.addAttribute("report", report);
        model.addAttribute("center", center == null ? "" : center);
        model.addAttribute("subject", subject == null ? "" : subject);
        model.addAttribute("title", "Verification");
        return "console/verify";
    }

    @GetMapping(ConsoleSecurity.HOME + "/quarantine")
    String quarantine(@RequestParam(name = "status", defaultValue = QuarantineStore.OPEN) String status,
                      Model model, HttpServletRequest request) {
        access.require(Shown.QUARANTINE, request);
        List<QuarantineDismissal.Listed> listed = dismissal.withDismissals(
                quarantine.list("ALL".equals(status) ? null : status, null, null, 500, 0));
        List<QuarantinedRow> rows = listed.stream().map(l -> new QuarantinedRow(l, raw(l.entry().id()))).toList();
        model.addAttribute("rows", rows);
        model.addAttribute("status", status);
        model.addAttribute("title", "Quarantine");
        return "console/quarantine";
    }

    /** A quarantined message with its bytes: as text when they are UTF-8, otherwise in hex. */
    record QuarantinedRow(QuarantineDismissal.Listed listed, String raw) {
    }

    private String raw(long id) {
        return bytes.raw(id).map(b -> {
            String text = new String(b, StandardCharsets.UTF_8);
            return java.util.Arrays.equals(text.getBytes(StandardCharsets.UTF_8), b) ? text : HexFormat.of().formatHex(b);
        }).orElse("");
    }

    @PostMapping(ConsoleSecurity.HOME + "/quarantine/reprocess")
    String reprocess(HttpServletRequest request, RedirectAttributes redirect) {
        access.require(Shown.REPROCESS, request);
        LedgerIntake.ReprocessResult result = intake.reprocess();
        redirect.addFlashAttribute("notice", "Re-processed: " + result.applied() + " applied, " + result.duplicates()
                + " duplicates, " + result.stillQuarantined() + " still quarantined");
        return "redirect:" + ConsoleSecurity.HOME + "/quarantine";
    }

    @PostMapping(ConsoleSecurity.HOME + "/quarantine/{id}/dismiss")
    String dismiss(@PathVariable("id") long id, @RequestParam(name = "reason", required = false) String reason,
                   HttpServletRequest request, RedirectAttributes redirect) {
        Role role = access.require(Shown.DISMISS, request);
        Caller me = access.caller();
        List<org.studyledger.kernel.validation.Problem> problems = new ArrayList<>();
        QuarantineDismissal.checkReason(reason, problems);
        if (!problems.isEmpty()) {
            redirect.addFlashAttribute("notice", "Not dismissed: " + problems.stream()
                    .map(p -> p.path() + " " + p.message()).reduce((a, b) -> a + "; " + b).orElse(""));
        } else {
            dismissal.dismiss(id, new Actor(me.id(), role.value(), me.name()), reason);
            redirect.addFlashAttribute("notice", "Dismissed message " + id);
        }
        return "redirect:" + ConsoleSecurity.HOME + "/quarantine";
    }
}
