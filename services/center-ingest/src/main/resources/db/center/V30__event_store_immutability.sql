-- The center's event store is append-only, and the database says so (docs/security.md, "Database logins").
--
-- 1. A trigger on domain_event_entry refuses UPDATE, DELETE and TRUNCATE for everybody, the table's owner and
--    superusers included; statement-level, so also a statement that matches no row. Only someone who may switch
--    triggers off (the owner, a superuser) can get round it, and the hub's verification of the hash chain shows it.
-- 2. The center's runtime role, studyledger_center_runtime (NOLOGIN), may read and append events, and read and write
--    the center's working state (intake requests, CSV imports, publication progress, processor tokens), which
--    changes as the center works. The center's database login at runtime is a LOGIN role that is a member of it,
--    which the deployment creates (CREATE ROLE … LOGIN PASSWORD … IN ROLE studyledger_center_runtime; the role may be
--    created beforehand, this migration then keeps it); Flyway migrates with the owning role (spring.flyway.user /
--    spring.flyway.password).
--
-- Tables created later by the owner get the runtime role's read/write privileges by default (below); a later
-- migration that creates another append-only table revokes UPDATE and DELETE on it and gives it such a trigger.

CREATE FUNCTION event_store_append_only() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the event store is append-only: % on % is not allowed', TG_OP, TG_TABLE_NAME
        USING DETAIL = 'Recorded events are never updated or deleted; a correction is a new event with a reason.',
              HINT = 'See docs/security.md, "Database logins".';
END;
$$;

CREATE TRIGGER domain_event_entry_append_only
    BEFORE UPDATE OR DELETE OR TRUNCATE ON domain_event_entry
    FOR EACH STATEMENT EXECUTE FUNCTION event_store_append_only();

-- Roles belong to the whole PostgreSQL cluster: several centers' databases on one server share the role.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'studyledger_center_runtime') THEN
        BEGIN
            CREATE ROLE studyledger_center_runtime NOLOGIN;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
            NULL;
        END;
    END IF;
END;
$$;

DO $$
BEGIN
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO studyledger_center_runtime', current_schema());
    -- Every table so far is the center's working state, except the two stores below.
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO studyledger_center_runtime',
            current_schema());
    EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO studyledger_center_runtime', current_schema());
    EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES'
            || ' TO studyledger_center_runtime', current_schema());
    EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT USAGE, SELECT ON SEQUENCES TO studyledger_center_runtime',
            current_schema());
END;
$$;

-- The events: read and append, nothing else.
REVOKE ALL ON domain_event_entry FROM studyledger_center_runtime;
GRANT SELECT, INSERT ON domain_event_entry TO studyledger_center_runtime;
-- Axon reads snapshots before an aggregate's events; the center writes none.
REVOKE ALL ON snapshot_event_entry FROM studyledger_center_runtime;
GRANT SELECT ON snapshot_event_entry TO studyledger_center_runtime;
