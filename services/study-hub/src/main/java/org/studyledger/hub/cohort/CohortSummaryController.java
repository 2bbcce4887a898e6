package org.studyledger.hub.cohort;

import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.studyledger.hub.api.QueryParameters;
import org.studyledger.hub.api.Table;
import org.studyledger.hub.api.TableResponses;
import org.studyledger.hub.dataset.MentalizationGroup;
import org.studyledger.kernel.protocol.Protocol;

/**
 * {@code GET /api/v1/cohort/summary}: MADRS total per analysis visit (T0 … M6), overall (group ALL) and by
 * baseline mentalization group (HIGH RFQ_U, LOW RFQ_U), over the ADQS analysis records (PARAMCD = MADRSTOT,
 * ANL01FL = Y) joined to ADSL.MENTGRP. JSON (an array of {@link CohortSummary#COLUMNS} objects) or CSV
 * ({@code ?format=csv} or {@code Accept: text/csv}).
 */
@RestController
public class CohortSummaryController {
    private final JdbcTemplate jdbc;
    private final Protocol protocol;

    CohortSummaryController(JdbcTemplate jdbc, Protocol protocol) {
        this.jdbc = jdbc;
        this.protocol = protocol;
    }

    @GetMapping("/api/v1/cohort/summary")
    @Transactional(readOnly = true)
    public ResponseEntity<byte[]> summary(@RequestParam(name = "format", required = false) String format,
                                          @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        QueryParameters p = new QueryParameters();
        TableResponses.Format f = TableResponses.negotiate(format, accept, p);
        p.check();
        List<CohortSummary.Value> values = jdbc.query("""
                SELECT q.avisit, q.aval, q.crit1fl, q.crit2fl, s.mentgrp
                FROM adqs q JOIN adsl s ON s.usubjid = q.usubjid
                WHERE q.paramcd = 'MADRSTOT' AND q.anl01fl = 'Y'
                ORDER BY q.usubjid, q.avisitn""",
                (rs, n) -> new CohortSummary.Value(rs.getString("avisit"), rs.getBigDecimal("aval"),
                        rs.getString("crit1fl"), rs.getString("crit2fl"), rs.getString("mentgrp")));
        List<CohortSummary.VisitRef> visits = protocol.visits().stream()
                .map(v -> new CohortSummary.VisitRef(v.code(), v.targetDay())).toList();
        List<CohortSummary.Line> lines = CohortSummary.summarise(values, visits,
                List.of(MentalizationGroup.HIGH, MentalizationGroup.LOW));
        return TableResponses.render(new Table(CohortSummary.COLUMNS, CohortSummary.rows(lines)), f, "cohort-summary");
    }
}
