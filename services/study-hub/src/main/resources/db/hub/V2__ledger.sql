-- The head of each subject's chain in the ledger: what the next event must continue. Updated in the
-- same transaction as the append, so it can never disagree with domain_event_entry.
CREATE TABLE ledger_head (
    subject_id        VARCHAR(16)  NOT NULL PRIMARY KEY,
    center_id         VARCHAR(8)   NOT NULL,
    last_sequence     BIGINT       NOT NULL,
    last_hash         CHAR(64)     NOT NULL,
    last_event_id     VARCHAR(36)  NOT NULL,
    last_global_index BIGINT,
    updated_at        TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX ledger_head_center ON ledger_head (center_id);

-- Which instrument each assessment in the ledger is, so a correction's scores can be recomputed.
CREATE TABLE ledger_assessment (
    assessment_id  VARCHAR(36) NOT NULL PRIMARY KEY,
    subject_id     VARCHAR(16) NOT NULL,
    instrument     VARCHAR(16) NOT NULL,
    version        VARCHAR(16) NOT NULL
);

-- Every message the ledger did not accept, with its raw bytes and where it came from. Nothing is
-- dropped: a message stays here until re-processing accepts it (APPLIED) or finds it was already in
-- the ledger (DUPLICATE).
CREATE TABLE quarantine (
    id             BIGSERIAL    NOT NULL PRIMARY KEY,
    received_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    topic          VARCHAR(249) NOT NULL,
    kafka_partition INTEGER     NOT NULL,
    kafka_offset   BIGINT       NOT NULL,
    record_key     TEXT,
    raw            BYTEA        NOT NULL,
    event_id       VARCHAR(64),
    center_id      VARCHAR(8),
    subject_id     VARCHAR(16),
    sequence       BIGINT,
    reason_code    VARCHAR(32)  NOT NULL,
    reason         TEXT         NOT NULL,
    status         VARCHAR(16)  NOT NULL DEFAULT 'QUARANTINED',
    attempts       INTEGER      NOT NULL DEFAULT 1,
    resolved_at    TIMESTAMPTZ,
    UNIQUE (topic, kafka_partition, kafka_offset)
);
CREATE INDEX quarantine_open_subject ON quarantine (subject_id, sequence) WHERE status = 'QUARANTINED';

-- Each ledger event's hash by event id and by (subject, sequence): how a re-delivery is recognised as
-- the same event (ignored) or a different one (a conflict) without decoding stored payloads.
CREATE TABLE ledger_event_hash (
    event_id   VARCHAR(36) NOT NULL PRIMARY KEY,
    subject_id VARCHAR(16) NOT NULL,
    sequence   BIGINT      NOT NULL,
    hash       CHAR(64)    NOT NULL,
    UNIQUE (subject_id, sequence)
);
