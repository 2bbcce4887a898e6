-- The hub's projections: tables derived from the ledger by the streaming processors timeline,
-- subject-summary, analysis-dataset and audit-trail. Each is disposable: its processor's reset
-- handler truncates it and a replay of the ledger fills it again with the same rows. No column holds
-- a time of processing; every value comes from the ledger's events and their positions.
-- docs/hub.md describes every table and column.

-- ---------------------------------------------------------------- timeline (processor "timeline")
-- One row per ledger event, in readable form.
CREATE TABLE timeline_event (
    position     BIGINT       NOT NULL,             -- the event's global index in the ledger
    event_id     VARCHAR(36)  NOT NULL PRIMARY KEY,
    subject_id   VARCHAR(16)  NOT NULL,
    center_id    VARCHAR(8)   NOT NULL,
    sequence     BIGINT       NOT NULL,
    event_type   VARCHAR(64)  NOT NULL,
    occurred_at  TIMESTAMPTZ  NOT NULL,
    recorded_at  TIMESTAMPTZ  NOT NULL,
    actor_id     VARCHAR(64)  NOT NULL,
    actor_role   VARCHAR(32)  NOT NULL,
    source       TEXT         NOT NULL,
    visit        VARCHAR(16),
    dose_session INTEGER,
    summary      TEXT         NOT NULL,
    details      JSONB        NOT NULL,
    UNIQUE (subject_id, sequence),
    UNIQUE (position)
);

-- The timeline's current form of every assessment, so a correction can show old → new values and a
-- retraction what it withdrew.
CREATE TABLE timeline_form (
    assessment_id VARCHAR(36) NOT NULL PRIMARY KEY,
    subject_id    VARCHAR(16) NOT NULL,
    instrument    VARCHAR(16) NOT NULL,
    version       VARCHAR(16) NOT NULL,
    visit         VARCHAR(16),
    dose_session  INTEGER,
    items         JSONB       NOT NULL,
    scores        JSONB       NOT NULL,
    retracted     BOOLEAN     NOT NULL DEFAULT false
);

-- ---------------------------------------------------------- subject summary ("subject-summary")
CREATE TABLE subject_summary (
    subject_id             VARCHAR(16) NOT NULL PRIMARY KEY,
    center_id              VARCHAR(8)  NOT NULL,
    status                 VARCHAR(16) NOT NULL,   -- ENROLLED, ON_TREATMENT, DISCONTINUED, COMPLETED
    protocol_version       VARCHAR(32) NOT NULL,
    enrolment_date         DATE        NOT NULL,
    first_dose_at          TIMESTAMPTZ,
    first_dose_date        DATE,
    last_dose_date         DATE,
    doses_administered     INTEGER     NOT NULL DEFAULT 0,
    doses_withheld         INTEGER     NOT NULL DEFAULT 0,
    cumulative_dose_mg     INTEGER     NOT NULL DEFAULT 0,
    visits_done            INTEGER     NOT NULL DEFAULT 0,
    visits                 TEXT        NOT NULL DEFAULT '',
    baseline_madrs         NUMERIC,
    latest_madrs           NUMERIC,
    latest_madrs_visit     VARCHAR(16),
    latest_madrs_date      DATE,
    latest_madrs_day       INTEGER,
    response               BOOLEAN,
    remission              BOOLEAN,
    adverse_events         INTEGER     NOT NULL DEFAULT 0,
    discontinuation_date   DATE,
    discontinuation_reason TEXT,
    consent_withdrawn      BOOLEAN,
    completion_date        DATE,
    events                 BIGINT      NOT NULL,
    last_sequence          BIGINT      NOT NULL,
    last_position          BIGINT      NOT NULL,
    last_occurred_at       TIMESTAMPTZ NOT NULL
);
CREATE INDEX subject_summary_center ON subject_summary (center_id, subject_id);

-- The summary's current assessments (retracted ones deleted): visits done and MADRS totals.
CREATE TABLE summary_form (
    assessment_id   VARCHAR(36) NOT NULL PRIMARY KEY,
    subject_id      VARCHAR(16) NOT NULL,
    instrument      VARCHAR(16) NOT NULL,
    visit           VARCHAR(16),
    dose_session    INTEGER,
    administered_at TIMESTAMPTZ NOT NULL,
    madrs_total     NUMERIC,
    sequence        BIGINT      NOT NULL               -- sequence of the event that recorded it
);
CREATE INDEX summary_form_subject ON summary_form (subject_id);

-- ------------------------------------------------------- analysis dataset ("analysis-dataset")
-- Current state per subject, from which adsl, adqs and adex are recomputed whenever it changes.
CREATE TABLE dataset_subject (
    subject_id             VARCHAR(16) NOT NULL PRIMARY KEY,
    study_id               VARCHAR(20) NOT NULL,
    center_id              VARCHAR(8)  NOT NULL,
    enrolment_date         DATE        NOT NULL,
    consent_date           DATE        NOT NULL,
    protocol_version       VARCHAR(32) NOT NULL,
    birth_year             INTEGER     NOT NULL,
    sex                    VARCHAR(1)  NOT NULL,
    episode_duration_months INTEGER    NOT NULL,
    failed_trials          INTEGER     NOT NULL,
    discontinuation_date   DATE,
    discontinuation_reason TEXT,
    consent_withdrawn      BOOLEAN,
    completion_date        DATE,
    last_sequence          BIGINT      NOT NULL
);

CREATE TABLE dataset_form (
    assessment_id   VARCHAR(36) NOT NULL PRIMARY KEY,
    subject_id      VARCHAR(16) NOT NULL,
    instrument      VARCHAR(16) NOT NULL,
    version         VARCHAR(16) NOT NULL,
    visit           VARCHAR(16),
    dose_session    INTEGER,
    administered_at TIMESTAMPTZ NOT NULL,
    scores          JSONB       NOT NULL,              -- numeric scores by code, as last corrected
    sequence        BIGINT      NOT NULL               -- sequence of the event that recorded it
);
CREATE INDEX dataset_form_subject ON dataset_form (subject_id);

CREATE TABLE dataset_dose (
    dose_id            VARCHAR(36) NOT NULL PRIMARY KEY,
    subject_id         VARCHAR(16) NOT NULL,
    session_number     INTEGER     NOT NULL,
    administered       BOOLEAN     NOT NULL,
    at                 TIMESTAMPTZ NOT NULL,           -- administered_at, or decided_at when withheld
    dose_mg            INTEGER,
    devices            INTEGER,
    bp_before_systolic INTEGER,
    bp_before_diastolic INTEGER,
    bp_after_systolic  INTEGER,
    bp_after_diastolic INTEGER,
    monitoring_minutes INTEGER,
    override_reason    TEXT,
    withheld_reason    TEXT,
    flags              TEXT,
    sequence           BIGINT      NOT NULL
);
CREATE INDEX dataset_dose_subject ON dataset_dose (subject_id);

-- ADSL: one row per subject.
CREATE TABLE adsl (
    studyid  VARCHAR(20) NOT NULL,
    usubjid  VARCHAR(16) NOT NULL PRIMARY KEY,
    siteid   VARCHAR(8)  NOT NULL,
    sex      VARCHAR(1)  NOT NULL,
    brthyr   INTEGER     NOT NULL,
    age      INTEGER     NOT NULL,
    ageu     VARCHAR(8)  NOT NULL,
    enrldt   DATE        NOT NULL,
    consdt   DATE        NOT NULL,
    protver  VARCHAR(32) NOT NULL,
    epidurm  INTEGER     NOT NULL,
    nfailtrt INTEGER     NOT NULL,
    bmadrs   NUMERIC,
    brfqc    NUMERIC,
    brfqu    NUMERIC,
    trtsdt   DATE,
    trtedt   DATE,
    nsesadm  INTEGER     NOT NULL,
    nseswh   INTEGER     NOT NULL,
    cumdose  INTEGER     NOT NULL,
    eosstt   VARCHAR(16) NOT NULL,
    dcsdt    DATE,
    dcsreas  TEXT,
    conwdfl  VARCHAR(1),
    compldt  DATE
);
CREATE INDEX adsl_site ON adsl (siteid, usubjid);

-- ADQS: one row per subject × parameter × assessment (visit).
CREATE TABLE adqs (
    studyid VARCHAR(20) NOT NULL,
    usubjid VARCHAR(16) NOT NULL,
    siteid  VARCHAR(8)  NOT NULL,
    paramcd VARCHAR(8)  NOT NULL,
    param   TEXT        NOT NULL,
    paramn  INTEGER     NOT NULL,
    avisit  VARCHAR(16) NOT NULL,
    avisitn INTEGER     NOT NULL,
    adt     DATE        NOT NULL,
    ady     INTEGER,
    aval    NUMERIC     NOT NULL,
    base    NUMERIC,
    chg     NUMERIC,
    pchg    NUMERIC,
    ablfl   VARCHAR(1),
    crit1   TEXT,
    crit1fl VARCHAR(1),
    crit2   TEXT,
    crit2fl VARCHAR(1),
    qsrefid VARCHAR(36) NOT NULL,
    qsseq   BIGINT      NOT NULL,
    qsinst  VARCHAR(24) NOT NULL,
    PRIMARY KEY (usubjid, paramcd, qsrefid)
);
CREATE INDEX adqs_site ON adqs (siteid);

-- ADEX: one row per dosing session (administered or withheld).
CREATE TABLE adex (
    studyid  VARCHAR(20) NOT NULL,
    usubjid  VARCHAR(16) NOT NULL,
    siteid   VARCHAR(8)  NOT NULL,
    sessnum  INTEGER     NOT NULL,
    exrefid  VARCHAR(36) NOT NULL,
    exoccur  VARCHAR(1)  NOT NULL,
    adtm     TIMESTAMPTZ NOT NULL,
    adt      DATE        NOT NULL,
    ady      INTEGER,
    exdose   INTEGER,
    exdosu   VARCHAR(4),
    ndevice  INTEGER,
    sysbppre INTEGER,
    diabppre INTEGER,
    sysbppst INTEGER,
    diabppst INTEGER,
    monmin   INTEGER,
    bphighfl VARCHAR(1),
    bprisefl VARCHAR(1),
    monshtfl VARCHAR(1),
    exflags  TEXT,
    ovrreas  TEXT,
    whreas   TEXT,
    cadsstot NUMERIC,
    cadss4fl VARCHAR(1),
    PRIMARY KEY (usubjid, exrefid)
);
CREATE INDEX adex_site ON adex (siteid);

-- ---------------------------------------------------------------- audit trail ("audit-trail")
-- One row per ledger event.
CREATE TABLE audit_trail (
    position      BIGINT       NOT NULL PRIMARY KEY,
    event_id      VARCHAR(36)  NOT NULL UNIQUE,
    event_type    VARCHAR(64)  NOT NULL,
    subject_id    VARCHAR(16)  NOT NULL,
    sequence      BIGINT       NOT NULL,
    center_id     VARCHAR(8)   NOT NULL,
    actor_id      VARCHAR(64)  NOT NULL,
    actor_role    VARCHAR(32)  NOT NULL,
    occurred_at   TIMESTAMPTZ  NOT NULL,
    recorded_at   TIMESTAMPTZ  NOT NULL,
    accepted_at   TIMESTAMPTZ  NOT NULL,
    reason        TEXT,
    source        TEXT         NOT NULL,
    previous_hash CHAR(64)     NOT NULL,
    hash          CHAR(64)     NOT NULL,
    hash_verified BOOLEAN      NOT NULL
);
CREATE INDEX audit_trail_subject ON audit_trail (subject_id, position);
CREATE INDEX audit_trail_center ON audit_trail (center_id, position);
CREATE INDEX audit_trail_actor ON audit_trail (actor_id, position);
CREATE INDEX audit_trail_recorded ON audit_trail (recorded_at);
CREATE INDEX audit_trail_occurred ON audit_trail (occurred_at);
