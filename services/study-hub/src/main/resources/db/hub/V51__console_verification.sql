-- The ledger verifications run from the web console (docs/console.md): who ran which, when, up to which ledger
-- position, and what it found. Kept in the database, not in one hub's memory, so the overview of every hub instance
-- shows the same last run and a restart forgets none. Only the outcome is kept; the failures themselves are
-- reproducible at any time by running the verification again (the ledger is append-only).
CREATE TABLE console_verification (
    id               BIGSERIAL    NOT NULL PRIMARY KEY,
    ran_at           TIMESTAMPTZ  NOT NULL,
    ran_by           VARCHAR(200) NOT NULL,
    -- the ledger's head when the run started: every event up to it was verified
    ledger_position  BIGINT       NOT NULL,
    scope            VARCHAR(64)  NOT NULL,
    valid            BOOLEAN      NOT NULL,
    failures         INTEGER      NOT NULL,
    events_checked   BIGINT       NOT NULL,
    subjects_checked BIGINT       NOT NULL
);

-- The hub's runtime role records runs and reads them; a run is never changed.
GRANT SELECT, INSERT ON console_verification TO studyledger_hub_runtime;
GRANT USAGE ON SEQUENCE console_verification_id_seq TO studyledger_hub_runtime;
