-- Foundation: accounts and their API keys, idempotency keys, customers, and db-scheduler's table.
-- Conventions for every table of Pinstripe:
--   * every row belongs to an account and a mode (livemode); queries always filter on both;
--   * every text column has a length CHECK, so no input can grow a row without bound; the CHECKs sit
--     above what parameter validation lets through (JSON escapes make a character up to 6 bytes), so
--     they are a last line of defence that valid input never reaches;
--   * created is unix seconds from the injected Clock; seq is a monotonic tiebreaker that gives lists
--     a stable newest-first order for objects created in the same second.

CREATE TABLE accounts (
    id          text    PRIMARY KEY CHECK (id ~ '^acct_[A-Za-z0-9]{1,40}$'),
    created     bigint  NOT NULL,
    api_version text    NOT NULL CHECK (char_length(api_version) <= 64),
    origin      text    NOT NULL CHECK (origin IN ('first_start', 'bootstrap', 'cli', 'open_mode', 'test'))
);

-- API keys are stored as SHA-256 digests (they are long random strings, so a fast hash is enough);
-- only a redacted form (prefix and last four) is kept for display.
CREATE TABLE api_keys (
    id            text    PRIMARY KEY CHECK (id ~ '^key_[A-Za-z0-9]{1,40}$'),
    account_id    text    NOT NULL REFERENCES accounts (id),
    livemode      boolean NOT NULL,
    kind          text    NOT NULL CHECK (kind IN ('secret', 'publishable')),
    secret_sha256 bytea   NOT NULL UNIQUE CHECK (octet_length(secret_sha256) = 32),
    redacted      text    NOT NULL CHECK (char_length(redacted) <= 64),
    created       bigint  NOT NULL,
    revoked_at    bigint
);
CREATE INDEX api_keys_account ON api_keys (account_id);

-- Idempotency keys (see docs/idempotency.md). One row per (account, mode, key). recovery_point
-- records how far the request got: 'started', operation-specific points, then 'finished' with the
-- response stored. locked_at is a lease held by the request executing it.
CREATE TABLE idempotency_keys (
    account_id       text    NOT NULL REFERENCES accounts (id),
    livemode         boolean NOT NULL,
    idempotency_key  text    NOT NULL CHECK (char_length(idempotency_key) BETWEEN 1 AND 255),
    created          bigint  NOT NULL,
    request_method   text    NOT NULL CHECK (char_length(request_method) <= 10),
    request_path     text    NOT NULL CHECK (char_length(request_path) <= 8192),
    request_sha256   bytea   NOT NULL CHECK (octet_length(request_sha256) = 32),
    request_id       text    NOT NULL CHECK (char_length(request_id) <= 64),
    recovery_point   text    NOT NULL CHECK (char_length(recovery_point) <= 64),
    locked_at_ms     bigint,
    response_status  integer,
    response_body    text    CHECK (char_length(response_body) <= 4194304),
    state            jsonb,
    CHECK ((recovery_point = 'finished') = (response_status IS NOT NULL AND response_body IS NOT NULL)),
    PRIMARY KEY (account_id, livemode, idempotency_key)
);
-- Rows arrive in created order, so a BRIN index serves the reaper at a fraction of a B-tree's cost
-- on every insert.
CREATE INDEX idempotency_keys_created ON idempotency_keys USING brin (created);

CREATE TABLE customers (
    seq                   bigint  GENERATED ALWAYS AS IDENTITY,
    id                    text    PRIMARY KEY CHECK (id ~ '^cus_[A-Za-z0-9]{1,40}$'),
    account_id            text    NOT NULL REFERENCES accounts (id),
    livemode              boolean NOT NULL,
    created               bigint  NOT NULL,
    email                 text    CHECK (char_length(email) <= 512),
    name                  text    CHECK (char_length(name) <= 256),
    phone                 text    CHECK (char_length(phone) <= 20),
    description           text    CHECK (char_length(description) <= 5000),
    business_name         text    CHECK (char_length(business_name) <= 150),
    individual_name       text    CHECK (char_length(individual_name) <= 150),
    address               jsonb   CHECK (octet_length(address::text) <= 1048576),
    shipping              jsonb   CHECK (octet_length(shipping::text) <= 1048576),
    invoice_settings      jsonb   NOT NULL CHECK (octet_length(invoice_settings::text) <= 1048576),
    invoice_prefix        text    NOT NULL CHECK (invoice_prefix ~ '^[A-Z0-9]{3,12}$'),
    next_invoice_sequence bigint  NOT NULL CHECK (next_invoice_sequence >= 1),
    preferred_locales     jsonb   NOT NULL CHECK (jsonb_typeof(preferred_locales) = 'array'
                                                  AND octet_length(preferred_locales::text) <= 1048576),
    tax_exempt            text    NOT NULL CHECK (tax_exempt IN ('none', 'exempt', 'reverse')),
    metadata              jsonb   NOT NULL CHECK (jsonb_typeof(metadata) = 'object'
                                                  AND octet_length(metadata::text) <= 1048576),
    deleted_at            bigint
);
CREATE INDEX customers_list ON customers (account_id, livemode, created DESC, seq DESC) WHERE deleted_at IS NULL;
CREATE INDEX customers_email ON customers (account_id, livemode, email) WHERE deleted_at IS NULL;
CREATE UNIQUE INDEX customers_invoice_prefix ON customers (account_id, livemode, invoice_prefix);

-- db-scheduler's table (github.com/kagkarlsson/db-scheduler, postgresql_tables.sql).
CREATE TABLE scheduled_tasks (
    task_name            text                     NOT NULL,
    task_instance        text                     NOT NULL,
    task_data            bytea,
    execution_time       timestamp with time zone NOT NULL,
    picked               boolean                  NOT NULL,
    picked_by            text,
    last_success         timestamp with time zone,
    last_failure         timestamp with time zone,
    consecutive_failures int,
    last_heartbeat       timestamp with time zone,
    version              bigint                   NOT NULL,
    priority             smallint,
    PRIMARY KEY (task_name, task_instance)
);
CREATE INDEX execution_time_idx ON scheduled_tasks (execution_time);
CREATE INDEX last_heartbeat_idx ON scheduled_tasks (last_heartbeat);
CREATE INDEX priority_execution_time_idx ON scheduled_tasks (priority DESC, execution_time ASC);
