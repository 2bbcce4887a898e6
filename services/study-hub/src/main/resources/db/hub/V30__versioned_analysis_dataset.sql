-- The analysis dataset versioned by ledger position (docs/as-of.md, docs/hub.md "analysis-dataset"): every ADSL, ADQS
-- and ADEX row carries the ledger range in which it held, [valid_from, valid_to): valid_from is the position of the
-- event that made the row what it is, valid_to the position of the event that changed or removed it (NULL while it
-- holds). "As of P" is then a query over the same tables, and the live answer the same query at the head: the views
-- adsl, adqs and adex read the rows holding at ledger_as_of(), the head unless the transaction set
-- studyledger.as_of (Snapshots). MENTGRP, which depends on the whole cohort, is computed by the adsl view from the
-- baseline values holding at that position, never stored. The projection is disposable: this migration empties it
-- and resets its token, so the processor replays the ledger into the new tables.

DELETE FROM token_entry WHERE processor_name = 'analysis-dataset';
TRUNCATE dataset_subject, dataset_form, dataset_dose;
DROP TABLE adsl, adqs, adex;

-- The ledger position a read is as of: the transaction's studyledger.as_of setting (SET LOCAL / set_config(..., true)),
-- or the end of the ledger when it has none.
CREATE FUNCTION ledger_as_of() RETURNS BIGINT LANGUAGE sql STABLE AS $$
    SELECT coalesce(nullif(current_setting('studyledger.as_of', true), '')::bigint, 9223372036854775807)
$$;

CREATE TABLE adsl_version (
    studyid    VARCHAR(20) NOT NULL,
    usubjid    VARCHAR(16) NOT NULL,
    siteid     VARCHAR(8)  NOT NULL,
    sex        VARCHAR(1)  NOT NULL,
    brthyr     INTEGER     NOT NULL,
    age        INTEGER     NOT NULL,
    ageu       VARCHAR(8)  NOT NULL,
    enrldt     DATE        NOT NULL,
    consdt     DATE        NOT NULL,
    protver    VARCHAR(32) NOT NULL,
    epidurm    INTEGER     NOT NULL,
    nfailtrt   INTEGER     NOT NULL,
    bmadrs     NUMERIC,
    brfqc      NUMERIC,
    brfqu      NUMERIC,
    trtsdtm    TIMESTAMPTZ,
    trtsdt     DATE,
    trtedt     DATE,
    nsesadm    INTEGER     NOT NULL,
    nseswh     INTEGER     NOT NULL,
    cumdose    INTEGER     NOT NULL,
    eosstt     VARCHAR(16) NOT NULL,
    dcsdt      DATE,
    dcsreas    TEXT,
    conwdfl    VARCHAR(1),
    compldt    DATE,
    trtdurw    NUMERIC,
    cadsspk    NUMERIC,
    valid_from BIGINT      NOT NULL,
    valid_to   BIGINT,
    PRIMARY KEY (usubjid, valid_from),
    CHECK (valid_to IS NULL OR valid_to > valid_from)
);
CREATE UNIQUE INDEX adsl_version_open ON adsl_version (usubjid) WHERE valid_to IS NULL;

CREATE TABLE adqs_version (
    studyid    VARCHAR(20) NOT NULL,
    usubjid    VARCHAR(16) NOT NULL,
    siteid     VARCHAR(8)  NOT NULL,
    paramcd    VARCHAR(8)  NOT NULL,
    param      TEXT        NOT NULL,
    paramn     INTEGER     NOT NULL,
    avisit     VARCHAR(16) NOT NULL,
    avisitn    INTEGER,
    visit      VARCHAR(16),
    adtm       TIMESTAMPTZ NOT NULL,
    adt        DATE        NOT NULL,
    ady        INTEGER,
    awtarget   INTEGER,
    awtdiff    INTEGER,
    aval       NUMERIC     NOT NULL,
    base       NUMERIC,
    chg        NUMERIC,
    pchg       NUMERIC,
    ablfl      VARCHAR(1),
    anl01fl    VARCHAR(1),
    crit1      TEXT,
    crit1fl    VARCHAR(1),
    crit2      TEXT,
    crit2fl    VARCHAR(1),
    qsrefid    VARCHAR(36) NOT NULL,
    qsseq      BIGINT      NOT NULL,
    qsinst     VARCHAR(24) NOT NULL,
    valid_from BIGINT      NOT NULL,
    valid_to   BIGINT,
    PRIMARY KEY (usubjid, paramcd, qsrefid, valid_from),
    CHECK (valid_to IS NULL OR valid_to > valid_from)
);
CREATE UNIQUE INDEX adqs_version_open ON adqs_version (usubjid, paramcd, qsrefid) WHERE valid_to IS NULL;
CREATE INDEX adqs_version_site ON adqs_version (siteid);

CREATE TABLE adex_version (
    studyid    VARCHAR(20) NOT NULL,
    usubjid    VARCHAR(16) NOT NULL,
    siteid     VARCHAR(8)  NOT NULL,
    sessnum    INTEGER     NOT NULL,
    exrefid    VARCHAR(36) NOT NULL,
    exoccur    VARCHAR(1)  NOT NULL,
    adtm       TIMESTAMPTZ NOT NULL,
    adt        DATE        NOT NULL,
    ady        INTEGER,
    exdose     INTEGER,
    exdosu     VARCHAR(4),
    ndevice    INTEGER,
    sysbppre   INTEGER,
    diabppre   INTEGER,
    sysbppst   INTEGER,
    diabppst   INTEGER,
    monmin     INTEGER,
    bphighfl   VARCHAR(1),
    bprisefl   VARCHAR(1),
    monshtfl   VARCHAR(1),
    exflags    TEXT,
    ovrreas    TEXT,
    whreas     TEXT,
    cadsstot   NUMERIC,
    cadss4fl   VARCHAR(1),
    sbpchg     INTEGER,
    dbpchg     INTEGER,
    cadsspk    NUMERIC,
    valid_from BIGINT      NOT NULL,
    valid_to   BIGINT,
    PRIMARY KEY (usubjid, exrefid, valid_from),
    CHECK (valid_to IS NULL OR valid_to > valid_from)
);
CREATE UNIQUE INDEX adex_version_open ON adex_version (usubjid, exrefid) WHERE valid_to IS NULL;
CREATE INDEX adex_version_site ON adex_version (siteid);

-- Every ledger event the analysis dataset applied (X-Ledger-Position, X-Subject-Ledger-Position at any position).
CREATE TABLE dataset_applied (
    position   BIGINT      NOT NULL PRIMARY KEY,   -- the event's global index in the ledger
    subject_id VARCHAR(16) NOT NULL
);
CREATE INDEX dataset_applied_subject ON dataset_applied (subject_id, position);

-- The datasets as readers see them: the rows holding at ledger_as_of() (a sub-select, so it is read once per query,
-- not once per row).
CREATE VIEW adqs AS
SELECT studyid, usubjid, siteid, paramcd, param, paramn, avisit, avisitn, visit, adtm, adt, ady, awtarget, awtdiff, aval,
       base, chg, pchg, ablfl, anl01fl, crit1, crit1fl, crit2, crit2fl, qsrefid, qsseq, qsinst
FROM adqs_version
WHERE valid_from <= (SELECT ledger_as_of()) AND (valid_to IS NULL OR valid_to > (SELECT ledger_as_of()));

CREATE VIEW adex AS
SELECT studyid, usubjid, siteid, sessnum, exrefid, exoccur, adtm, adt, ady, exdose, exdosu, ndevice, sysbppre, diabppre,
       sysbppst, diabppst, monmin, bphighfl, bprisefl, monshtfl, exflags, ovrreas, whreas, cadsstot, cadss4fl, sbpchg,
       dbpchg, cadsspk
FROM adex_version
WHERE valid_from <= (SELECT ledger_as_of()) AND (valid_to IS NULL OR valid_to > (SELECT ledger_as_of()));

-- MENTGRP (MentalizationGroup): above the cohort median of BRFQU "HIGH RFQ_U", at or below it "LOW RFQ_U", NULL
-- without a BRFQU. The median is compared exactly: twice a subject's BRFQU against the sum of the two middle values
-- (the middle value twice for an odd count).
CREATE VIEW adsl AS
WITH s AS (
    SELECT * FROM adsl_version
    WHERE valid_from <= (SELECT ledger_as_of()) AND (valid_to IS NULL OR valid_to > (SELECT ledger_as_of()))
), ranked AS (
    SELECT brfqu, row_number() OVER (ORDER BY brfqu) AS i, count(*) OVER () AS n FROM s WHERE brfqu IS NOT NULL
), median AS (
    SELECT sum(brfqu) FILTER (WHERE i = (n + 1) / 2) + sum(brfqu) FILTER (WHERE i = (n + 2) / 2) AS twice FROM ranked
)
SELECT s.studyid, s.usubjid, s.siteid, s.sex, s.brthyr, s.age, s.ageu, s.enrldt, s.consdt, s.protver, s.epidurm,
       s.nfailtrt, s.bmadrs, s.brfqc, s.brfqu, s.trtsdtm, s.trtsdt, s.trtedt, s.nsesadm, s.nseswh, s.cumdose, s.eosstt,
       s.dcsdt, s.dcsreas, s.conwdfl, s.compldt, s.trtdurw, s.cadsspk,
       CAST(CASE WHEN s.brfqu IS NULL OR median.twice IS NULL THEN NULL
                 WHEN 2 * s.brfqu > median.twice THEN 'HIGH RFQ_U'
                 ELSE 'LOW RFQ_U' END AS VARCHAR(16)) AS mentgrp
FROM s CROSS JOIN median;

GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON adsl_version, adqs_version, adex_version, dataset_applied
    TO studyledger_hub_runtime;
GRANT SELECT, INSERT, UPDATE, DELETE ON adsl, adqs, adex TO studyledger_hub_runtime;
