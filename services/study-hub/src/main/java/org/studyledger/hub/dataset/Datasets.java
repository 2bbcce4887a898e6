package org.studyledger.hub.dataset;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The three datasets: their variables in output order, their table and their row order. */
public enum Datasets {
    ADSL(List.of("STUDYID", "USUBJID", "SITEID", "SEX", "BRTHYR", "AGE", "AGEU", "ENRLDT", "CONSDT", "PROTVER", "EPIDURM",
            "NFAILTRT", "BMADRS", "BRFQC", "BRFQU", "TRTSDTM", "TRTSDT", "TRTEDT", "NSESADM", "NSESWH", "CUMDOSE", "EOSSTT", "DCSDT",
            "DCSREAS", "CONWDFL", "COMPLDT", "TRTDURW", "CADSSPK", "MENTGRP"),
            "usubjid"),
    ADQS(List.of("STUDYID", "USUBJID", "SITEID", "PARAMCD", "PARAM", "PARAMN", "AVISIT", "AVISITN", "VISIT", "ADTM", "ADT", "ADY",
            "AWTARGET", "AWTDIFF", "AVAL", "BASE", "CHG", "PCHG", "ABLFL", "ANL01FL", "CRIT1", "CRIT1FL", "CRIT2", "CRIT2FL", "QSREFID", "QSSEQ", "QSINST"),
            "usubjid, paramn, avisitn, adt, qsseq, qsrefid"),
    ADEX(List.of("STUDYID", "USUBJID", "SITEID", "SESSNUM", "EXREFID", "EXOCCUR", "ADTM", "ADT", "ADY", "EXDOSE", "EXDOSU",
            "NDEVICE", "SYSBPPRE", "DIABPPRE", "SYSBPPST", "DIABPPST", "MONMIN", "BPHIGHFL", "BPRISEFL", "MONSHTFL", "EXFLAGS",
            "OVRREAS", "WHREAS", "CADSSTOT", "CADSS4FL", "SBPCHG", "DBPCHG", "CADSSPK"),
            "usubjid, sessnum, exrefid");

    private final List<String> variables;
    private final String orderBy;

    Datasets(List<String> variables, String orderBy) {
        this.variables = variables;
        this.orderBy = orderBy;
    }

    public List<String> variables() {
        return variables;
    }

    /** The table: the dataset's name in lower case. */
    public String table() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public String orderBy() {
        return orderBy;
    }

    public static Optional<Datasets> byName(String name) {
        return Arrays.stream(values()).filter(d -> d.name().equalsIgnoreCase(name)).findFirst();
    }
}
