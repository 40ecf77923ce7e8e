-- Events and webhook deliveries (docs/events.md, docs/webhooks.md).
--
-- events is the transactional outbox: each row is written in the same transaction as the change it
-- describes, together with one webhook_deliveries row per enabled endpoint that wants its type.
-- Like the payment tables, these carry no foreign keys to accounts: every row is written by code
-- that has just authenticated the account, and the checks would cost on the hottest path.

CREATE TABLE events (
    -- Pinstripe's order: rises with every event of the same object in the order the changes
    -- committed (each change holds its object's row lock while it records its event). Shown as
    -- pinstripe_sequence.
    seq             bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id              text    NOT NULL UNIQUE CHECK (id ~ '^evt_[A-Za-z0-9]{1,40}$'),
    account_id      text    NOT NULL,
    livemode        boolean NOT NULL,
    created         bigint  NOT NULL,
    type            text    NOT NULL CHECK (type ~ '^[a-z_]+(\.[a-z_]+)+$' AND char_length(type) <= 100),
    object_id       text    NOT NULL CHECK (char_length(object_id) <= 64),
    api_version     text    NOT NULL CHECK (char_length(api_version) <= 64),
    request_id      text    CHECK (char_length(request_id) <= 64),
    idempotency_key text    CHECK (char_length(idempotency_key) <= 255),
    -- How many endpoints the event was sent to when it was created (pending_webhooks at birth).
    endpoints       integer NOT NULL CHECK (endpoints >= 0),
    -- The event's data member as rendered at that moment: {"object": ..., "previous_attributes": ...}.
    -- Text, not jsonb: the payload keeps its key order and is never re-parsed to be sent.
    data            text    NOT NULL CHECK (octet_length(data) <= 8388608)
);
CREATE INDEX events_list ON events (account_id, livemode, created DESC, seq DESC);
CREATE INDEX events_by_type ON events (account_id, livemode, type, created DESC, seq DESC);
CREATE INDEX events_by_object ON events (object_id, seq);

CREATE TABLE webhook_endpoints (
    seq                        bigint  GENERATED ALWAYS AS IDENTITY,
    id                         text    PRIMARY KEY CHECK (id ~ '^we_[A-Za-z0-9]{1,40}$'),
    account_id                 text    NOT NULL,
    livemode                   boolean NOT NULL,
    created                    bigint  NOT NULL,
    url                        text    NOT NULL CHECK (char_length(url) <= 2048),
    description                text    CHECK (char_length(description) <= 5000),
    enabled_events             text[]  NOT NULL CHECK (cardinality(enabled_events) >= 1),
    api_version                text    CHECK (char_length(api_version) <= 64),
    metadata                   jsonb   NOT NULL CHECK (jsonb_typeof(metadata) = 'object'
                                                       AND octet_length(metadata::text) <= 1048576),
    status                     text    NOT NULL CHECK (status IN ('enabled', 'disabled')),
    -- The signing secret must be kept to sign; it is shown by the API on create only.
    secret                     text    NOT NULL CHECK (char_length(secret) <= 128),
    -- After a roll, the old secret also signs until this time (epoch seconds).
    previous_secret            text    CHECK (char_length(previous_secret) <= 128),
    previous_secret_expires_at bigint,
    -- Epoch milliseconds of the first failed attempt since the last success, or null.
    failing_since              bigint,
    disabled_reason            text    CHECK (char_length(disabled_reason) <= 64),
    deleted_at                 bigint
);
CREATE INDEX webhook_endpoints_list ON webhook_endpoints (account_id, livemode, created DESC, seq DESC)
    WHERE deleted_at IS NULL;
CREATE INDEX webhook_endpoints_enabled ON webhook_endpoints (account_id, livemode)
    WHERE status = 'enabled' AND deleted_at IS NULL;

-- One row per (event, endpoint). The queue lives here, not in memory. A delivery is claimed by
-- pushing next_attempt_at past the lease (the lease is the time the claimant may take); finishing
-- checks lease_owner and attempts, so a claimant whose lease ran out cannot overwrite a newer claim.
CREATE TABLE webhook_deliveries (
    id              bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_seq       bigint  NOT NULL,
    endpoint_id     text    NOT NULL CHECK (char_length(endpoint_id) <= 64),
    state           text    NOT NULL CHECK (state IN ('pending', 'succeeded', 'failed', 'canceled')),
    attempts        integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    -- Epoch milliseconds: when the next attempt is due (or the current claim's lease ends).
    next_attempt_at bigint  NOT NULL,
    lease_owner     text    CHECK (char_length(lease_owner) <= 255),
    created_at      bigint  NOT NULL,
    finished_at     bigint
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE state = 'pending';
CREATE INDEX webhook_deliveries_event ON webhook_deliveries (event_seq);
CREATE INDEX webhook_deliveries_endpoint_pending ON webhook_deliveries (endpoint_id) WHERE state = 'pending';

-- Every attempt, kept for the Pinstripe extension endpoints (docs/webhooks.md).
CREATE TABLE webhook_attempts (
    id            bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    delivery_id   bigint  NOT NULL,
    attempt       integer NOT NULL CHECK (attempt >= 1),
    endpoint_id   text    NOT NULL CHECK (char_length(endpoint_id) <= 64),
    event_seq     bigint  NOT NULL,
    started_at    bigint  NOT NULL,
    latency_ms    integer NOT NULL,
    status_code   integer,
    error         text    CHECK (char_length(error) <= 1000),
    response_body text    CHECK (octet_length(response_body) <= 262144),
    UNIQUE (delivery_id, attempt)
);
CREATE INDEX webhook_attempts_endpoint ON webhook_attempts (endpoint_id, id DESC);
CREATE INDEX webhook_attempts_event ON webhook_attempts (event_seq, id DESC);

-- When balance.available was last announced per account and mode (epoch seconds).
CREATE TABLE balance_announcements (
    account_id      text    NOT NULL CHECK (char_length(account_id) <= 64),
    livemode        boolean NOT NULL,
    announced_until bigint  NOT NULL,
    PRIMARY KEY (account_id, livemode)
);
-- For the balance.available announcer: entries whose funds became available since the last run.
CREATE INDEX journal_entries_available_on ON journal_entries (available_on);
