-- Dismissals of quarantined messages (docs/ledger.md, "Dismissal"): a data manager sets aside an open quarantine row
-- that will never verify (a forged or altered message, say), with a reason. The quarantine row keeps its raw bytes and
-- everything else; its status becomes DISMISSED. This table is the audit record of each dismissal: who, when, why,
-- and what the row was when it was dismissed (copied, so the record stands on its own). It is append-only like the
-- ledger, and the audit trail (GET /api/v1/audit-trail) reads it directly (docs/audit.md, "Dismissals in the audit
-- trail"); it is not a projection and a rebuild never touches it.

CREATE TABLE quarantine_dismissal (
    -- one dismissal per quarantine row: a row is dismissed once, and a row with a dismissal cannot be deleted
    quarantine_id   BIGINT       NOT NULL PRIMARY KEY REFERENCES quarantine (id),
    dismissed_at    TIMESTAMPTZ  NOT NULL,
    actor_id        VARCHAR(64)  NOT NULL,
    actor_role      VARCHAR(32)  NOT NULL,
    reason          TEXT         NOT NULL CHECK (reason ~ '\S'),
    -- the ledger's highest position when it was dismissed (0 for an empty ledger): its place in the audit trail
    ledger_position BIGINT       NOT NULL,
    topic           VARCHAR(249) NOT NULL,
    kafka_partition INTEGER      NOT NULL,
    kafka_offset    BIGINT       NOT NULL,
    event_id        VARCHAR(64),
    center_id       VARCHAR(8),
    subject_id      VARCHAR(16),
    sequence        BIGINT,
    reason_code     VARCHAR(32)  NOT NULL
);
CREATE INDEX quarantine_dismissal_trail ON quarantine_dismissal (ledger_position, quarantine_id);

CREATE FUNCTION quarantine_dismissal_append_only() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'quarantine dismissals are append-only: % on % is not allowed', TG_OP, TG_TABLE_NAME
        USING DETAIL = 'A dismissal is the audit record of who set a quarantined message aside, when and why; it is never changed or removed.',
              HINT = 'See docs/ledger.md, "Dismissal".';
END;
$$;

-- Statement-level, like the ledger's (V4): refused for everybody, owner and superusers included, even when no row matches.
CREATE TRIGGER quarantine_dismissal_append_only
    BEFORE UPDATE OR DELETE OR TRUNCATE ON quarantine_dismissal
    FOR EACH STATEMENT EXECUTE FUNCTION quarantine_dismissal_append_only();

-- The hub's runtime role records and reads dismissals, nothing else.
GRANT SELECT, INSERT ON quarantine_dismissal TO studyledger_hub_runtime;
