-- The access log (docs/security.md, "Who read what"): every read of study data through the hub's API by an
-- authenticated caller, allowed or refused, with who (the token's subject and name, the role the request was allowed
-- in, the client), what (method, path, query), the answer's status, and which data it was (the X-Ledger-Position and
-- X-Content-SHA256 the answer carried). Append-only like the ledger (V4) and the dismissals (V7): an access that is
-- logged stays logged.

CREATE TABLE access_log (
    id              BIGSERIAL     PRIMARY KEY,
    requested_at    TIMESTAMPTZ   NOT NULL,
    user_id         VARCHAR(64)   NOT NULL,
    user_name       TEXT,
    -- the role the request was allowed in; null when it was refused
    role            VARCHAR(32),
    client_id       TEXT,
    method          VARCHAR(8)    NOT NULL,
    path            TEXT          NOT NULL,
    query           TEXT,
    status          INTEGER       NOT NULL,
    ledger_position BIGINT,
    content_sha256  VARCHAR(64)
);
CREATE INDEX access_log_user ON access_log (user_id, id);
CREATE INDEX access_log_time ON access_log (requested_at, id);

CREATE FUNCTION access_log_append_only() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the access log is append-only: % on % is not allowed', TG_OP, TG_TABLE_NAME
        USING DETAIL = 'An access log entry records who read what; it is never changed or removed.',
              HINT = 'See docs/security.md, "Who read what".';
END;
$$;

-- Statement-level, like the ledger's (V4): refused for everybody, owner and superusers included, even when no row matches.
CREATE TRIGGER access_log_append_only
    BEFORE UPDATE OR DELETE OR TRUNCATE ON access_log
    FOR EACH STATEMENT EXECUTE FUNCTION access_log_append_only();

-- The hub's runtime role writes and reads the log, nothing else.
GRANT SELECT, INSERT ON access_log TO studyledger_hub_runtime;
GRANT USAGE ON SEQUENCE access_log_id_seq TO studyledger_hub_runtime;
