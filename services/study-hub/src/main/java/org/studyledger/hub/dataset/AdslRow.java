package org.studyledger.hub.dataset;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** One ADSL row (docs/hub.md, "adsl", says what each variable is). */
public record AdslRow(String studyid, String usubjid, String siteid, String sex, int brthyr, int age, String ageu,
                      LocalDate enrldt, LocalDate consdt, String protver, int epidurm, int nfailtrt, BigDecimal bmadrs,
                      BigDecimal brfqc, BigDecimal brfqu, Instant trtsdtm, LocalDate trtsdt, LocalDate trtedt,
                      int nsesadm, int nseswh, int cumdose, String eosstt, LocalDate dcsdt, String dcsreas,
                      String conwdfl, LocalDate compldt, BigDecimal trtdurw, BigDecimal cadsspk, String mentgrp) {
}
