package org.studyledger.hub.console;

import java.math.BigDecimal;
import java.util.List;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Repository;
import org.studyledger.hub.api.QueryParameters;
import org.studyledger.hub.asof.AsOf;
import org.studyledger.hub.asof.AsOfReads;

/**
 * Each subject's MADRS total over the visits, from the same ADQS analysis records (PARAMCD = MADRSTOT, ANL01FL = Y)
 * the cohort summary counts, live or as of a ledger position or time: the cohort chart's one line per subject.
 */
@Repository
@Conditional(ConsoleConfigured.class)
public class SubjectCurves {
    /** One analysis record: subject, baseline mentalization group, visit and MADRS total. */
    public record Point(String subject, String group, String visit, BigDecimal madrs) {
    }

    private final AsOfReads snapshots;

    SubjectCurves(AsOfReads snapshots) {
        this.snapshots = snapshots;
    }

    public List<Point> madrs(String asOf, String position) {
        QueryParameters p = new QueryParameters();
        AsOf point = snapshots.parse(p, asOf, position);
        p.check();
        return snapshots.source(point).read(jdbc -> jdbc.query("""
                SELECT q.usubjid, s.mentgrp, q.avisit, q.aval
                FROM adqs q JOIN adsl s ON s.usubjid = q.usubjid
                WHERE q.paramcd = 'MADRSTOT' AND q.anl01fl = 'Y'
                ORDER BY q.usubjid, q.avisitn""",
                (rs, n) -> new Point(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBigDecimal(4))));
    }
}
