package org.studyledger.hub.dataset;

import java.math.BigDecimal;
import java.time.LocalDate;

/** One ADQS row (docs/hub.md, "adqs", says what each variable is). */
public record AdqsRow(String studyid, String usubjid, String siteid, String paramcd, String param, int paramn,
                      String avisit, int avisitn, LocalDate adt, Integer ady, BigDecimal aval, BigDecimal base,
                      BigDecimal chg, BigDecimal pchg, String ablfl, String crit1, String crit1fl, String crit2,
                      String crit2fl, String qsrefid, long qsseq, String qsinst) {
}
