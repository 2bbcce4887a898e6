package org.studyledger.hub.cohortsummary;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The cohort summary's input: the ADQS analysis records of MADRSTOT (ANL01FL = Y) with the subject's MENTGRP, read
 * through the {@code JdbcTemplate} of a ledger source (the live tables or an as-of snapshot's).
 */
final class CohortRecords {
    private CohortRecords() {
    }

    static List<CohortSummary.Value> madrsAnalysisRecords(JdbcTemplate jdbc) {
        return jdbc.query("""
                SELECT q.avisit, q.aval, q.pchg, q.crit1fl, q.crit2fl, s.mentgrp
                FROM adqs q JOIN adsl s ON s.usubjid = q.usubjid
                WHERE q.paramcd = 'MADRSTOT' AND q.anl01fl = 'Y'
                ORDER BY q.usubjid, q.avisitn""",
                (rs, n) -> new CohortSummary.Value(rs.getString("avisit"), rs.getBigDecimal("aval"),
                        rs.getBigDecimal("pchg"), rs.getString("crit1fl"), rs.getString("crit2fl"),
                        rs.getString("mentgrp")));
    }
}
