-- The request log (docs/request-logs.md): one row per API request, written asynchronously in
-- batches off the request path; never secrets, card numbers or request bodies.
CREATE TABLE request_logs (
    id              bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    request_id      text    NOT NULL CHECK (char_length(request_id) <= 64),
    created_ms      bigint  NOT NULL,
    account_id      text    CHECK (char_length(account_id) <= 64),
    livemode        boolean,
    method          text    NOT NULL CHECK (char_length(method) <= 16),
    path            text    NOT NULL CHECK (char_length(path) <= 2048),
    route           text    CHECK (char_length(route) <= 256),
    status          integer NOT NULL,
    latency_us      bigint  NOT NULL CHECK (latency_us >= 0),
    client_ip       text    CHECK (char_length(client_ip) <= 64),
    user_agent      text    CHECK (char_length(user_agent) <= 512),
    idempotency_key text    CHECK (char_length(idempotency_key) <= 255),
    api_version     text    CHECK (char_length(api_version) <= 64),
    error_type      text    CHECK (char_length(error_type) <= 64),
    error_code      text    CHECK (char_length(error_code) <= 64),
    object_ids      text[]  NOT NULL DEFAULT '{}' CHECK (cardinality(object_ids) <= 16)
);
CREATE INDEX request_logs_time ON request_logs (created_ms);
CREATE INDEX request_logs_request ON request_logs (request_id);
CREATE INDEX request_logs_account ON request_logs (account_id, livemode, id DESC);
