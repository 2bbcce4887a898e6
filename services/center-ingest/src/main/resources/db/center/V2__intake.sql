-- Writes are idempotent on a client-supplied request id: the first outcome is kept and replayed.
CREATE TABLE intake_request (
    request_id     VARCHAR(128) NOT NULL PRIMARY KEY,
    request_sha256 CHAR(64)     NOT NULL,
    status         INTEGER      NOT NULL,
    response       TEXT         NOT NULL,
    recorded_at    TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- Every CSV file applied, by content hash, so a re-upload of the same file records nothing twice.
CREATE TABLE csv_import (
    file_sha256  CHAR(64)     NOT NULL PRIMARY KEY,
    kind         VARCHAR(32)  NOT NULL,
    file_name    VARCHAR(255),
    rows         INTEGER      NOT NULL,
    events       INTEGER      NOT NULL,
    actor_id     VARCHAR(64)  NOT NULL,
    imported_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    result       TEXT         NOT NULL
);

-- What the publication processor has sent to Kafka. Written in the processor's transaction, together
-- with its token, so it can never claim more than was really published.
CREATE TABLE publication_progress (
    id                INTEGER     NOT NULL PRIMARY KEY CHECK (id = 1),
    published         BIGINT      NOT NULL,
    last_global_index BIGINT,
    last_event_id     VARCHAR(64),
    last_published_at TIMESTAMPTZ
);
INSERT INTO publication_progress (id, published) VALUES (1, 0);
