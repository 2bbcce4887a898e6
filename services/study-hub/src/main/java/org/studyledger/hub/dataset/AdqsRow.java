package org.studyledger.hub.dataset;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** One ADQS row (docs/hub.md, "adqs", says what each variable is). */
public record AdqsRow(String studyid, String usubjid, String siteid, String paramcd, String param, int paramn,
                      String avisit, Integer avisitn, String visit, Instant adtm, LocalDate adt, Integer ady,
                      Integer awtarget, Integer awtdiff, BigDecimal aval, BigDecimal base, BigDecimal chg, BigDecimal pchg,
                      String ablfl, String anl01fl, String crit1, String crit1fl, String crit2, String crit2fl,
                      String qsrefid, long qsseq, String qsinst) {

    /** The same row with ANL01FL set. */
    public AdqsRow withAnl01fl(String flag) {
        return new AdqsRow(studyid, usubjid, siteid, paramcd, param, paramn, avisit, avisitn, visit, adtm, adt, ady,
                awtarget, awtdiff, aval, base, chg, pchg, ablfl, flag, crit1, crit1fl, crit2, crit2fl, qsrefid, qsseq,
                qsinst);
    }
}
