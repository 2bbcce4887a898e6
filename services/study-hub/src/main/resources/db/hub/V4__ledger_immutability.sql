-- The ledger is append-only, and the database says so (docs/ledger.md, "Immutability").
--
-- 1. A trigger on the ledger's tables refuses UPDATE, DELETE and TRUNCATE for everybody, the tables' owner
--    and superusers included. It is statement-level, so even an UPDATE or DELETE that matches no row is
--    refused, and INSERT ... ON CONFLICT DO UPDATE too. Only someone who may switch triggers off (the table
--    owner with ALTER TABLE ... DISABLE TRIGGER, or a superuser with session_replication_role = replica) can
--    get round it; that is what the verifier (GET /api/v1/audit/verify, docs/audit.md) is for.
-- 2. The hub's runtime role, studyledger_hub_runtime (NOLOGIN), may only SELECT and INSERT on the ledger's
--    tables. The hub's database login at runtime is a LOGIN role that is a member of it; Flyway migrates with
--    another, owning role (spring.flyway.user / spring.flyway.password).
--
-- Every later migration that creates a table grants the runtime role what it needs on it, explicitly.

CREATE FUNCTION ledger_append_only() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the ledger is append-only: % on % is not allowed', TG_OP, TG_TABLE_NAME
        USING DETAIL = 'Ledger events are never updated or deleted; a correction is a new event that names the one it corrects.',
              HINT = 'See docs/ledger.md, "Immutability".';
END;
$$;

CREATE TRIGGER domain_event_entry_append_only
    BEFORE UPDATE OR DELETE OR TRUNCATE ON domain_event_entry
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();

CREATE TRIGGER ledger_event_hash_append_only
    BEFORE UPDATE OR DELETE OR TRUNCATE ON ledger_event_hash
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();

-- Roles belong to the whole PostgreSQL cluster, not to this database: create the runtime role only if no other
-- database (another hub, an earlier test) created it already, and tolerate a concurrent creation.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'studyledger_hub_runtime') THEN
        BEGIN
            CREATE ROLE studyledger_hub_runtime NOLOGIN;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
            NULL;
        END;
    END IF;
END;
$$;

DO $$
BEGIN
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO studyledger_hub_runtime', current_schema());
END;
$$;

-- The ledger: read and append, nothing else.
GRANT SELECT, INSERT ON domain_event_entry, ledger_event_hash TO studyledger_hub_runtime;
GRANT USAGE ON SEQUENCE domain_event_entry_global_index_seq TO studyledger_hub_runtime;
-- Axon reads snapshots before an aggregate's events; the hub writes none.
GRANT SELECT ON snapshot_event_entry TO studyledger_hub_runtime;

-- The ledger's bookkeeping, the quarantine and the processors' tokens change as the hub works.
GRANT SELECT, INSERT, UPDATE, DELETE ON ledger_head, ledger_assessment, quarantine, token_entry TO studyledger_hub_runtime;
GRANT USAGE ON SEQUENCE quarantine_id_seq TO studyledger_hub_runtime;

-- The projections are disposable: their reset handlers TRUNCATE them before a replay.
GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON
    timeline_event, timeline_form,
    subject_summary, summary_form,
    dataset_subject, dataset_form, dataset_dose, adsl, adqs, adex,
    audit_trail
    TO studyledger_hub_runtime;

-- Optionally, a login for the hub: only when the placeholder runtimeRolePassword is configured
-- (spring.flyway.placeholders.runtimeRolePassword, STUDYLEDGER_HUB_RUNTIME_PASSWORD); empty means skip, and the
-- deployment brings its own login role and grants it studyledger_hub_runtime. The value is read when this
-- migration runs, once; change the password later with ALTER ROLE. It must not contain a single quote.
DO $$
DECLARE
    password TEXT := '${runtimeRolePassword}';
BEGIN
    IF password <> '' THEN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'studyledger_hub_app') THEN
            EXECUTE format('CREATE ROLE studyledger_hub_app LOGIN PASSWORD %L', password);
        ELSE
            EXECUTE format('ALTER ROLE studyledger_hub_app LOGIN PASSWORD %L', password);
        END IF;
        GRANT studyledger_hub_runtime TO studyledger_hub_app;
    END IF;
END;
$$;
