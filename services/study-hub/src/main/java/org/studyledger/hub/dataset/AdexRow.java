package org.studyledger.hub.dataset;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** One ADEX row (docs/hub.md, "adex", says what each variable is). */
public record AdexRow(String studyid, String usubjid, String siteid, int sessnum, String exrefid, String exoccur,
                      Instant adtm, LocalDate adt, Integer ady, Integer exdose, String exdosu, Integer ndevice,
                      Integer sysbppre, Integer diabppre, Integer sysbppst, Integer diabppst, Integer monmin,
                      String bphighfl, String bprisefl, String monshtfl, String exflags, String ovrreas, String whreas,
                      BigDecimal cadsstot, String cadss4fl, Integer sbpchg, Integer dbpchg, BigDecimal cadsspk) {
}
