package org.studyledger.hub.cohortsummary;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.studyledger.hub.asof.LedgerSource;
import org.studyledger.hub.dataset.DatasetPosition;
import org.studyledger.hub.dataset.MentalizationGroup;

/**
 * The cohort summary's input: the ADQS analysis records of MADRSTOT (ANL01FL = Y) with the subject's MENTGRP, read
 * through the {@code JdbcTemplate} of a ledger source (the live tables or an as-of snapshot's).
 */
final class CohortRecords {
    private CohortRecords() {
    }

    /** The summary's lines and the dataset position they reflect. */
    record Answer(long position, List<CohortSummary.Line> lines) {
    }

    /** The cohort summary over {@code source}'s records, with the position they reflect, read in one transaction. */
    static Answer summary(LedgerSource source, List<CohortSummary.VisitRef> visits) {
        // The records and the position they reflect come from one snapshot (one REPEATABLE READ transaction).
        return source.read(jdbc -> new Answer(DatasetPosition.current(jdbc).position(),
                CohortSummary.summarise(madrsAnalysisRecords(jdbc), visits,
                        List.of(MentalizationGroup.HIGH, MentalizationGroup.LOW))));
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
