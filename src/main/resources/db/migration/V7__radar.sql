-- Radar (docs/radar.md): what it remembers per card, customer, email, IP and billing address (hashed
-- where personal), the account's rules, and its settings.

CREATE TABLE radar_histories (
    account_id text    NOT NULL,
    livemode   boolean NOT NULL,
    key        text    NOT NULL,
    state      bytea   NOT NULL,
    updated_at bigint  NOT NULL,
    PRIMARY KEY (account_id, livemode, key)
);
-- For the reaper: histories untouched for longer than the longest window can go.
CREATE INDEX radar_histories_updated_at ON radar_histories (updated_at);

CREATE TABLE radar_rules (
    id         text    PRIMARY KEY,
    account_id text    NOT NULL,
    livemode   boolean NOT NULL,
    action     text    NOT NULL,
    predicate  text    NOT NULL,
    created    bigint  NOT NULL
);
CREATE INDEX radar_rules_account ON radar_rules (account_id, livemode, created, id);

CREATE TABLE radar_settings (
    account_id      text    NOT NULL,
    livemode        boolean NOT NULL,
    block_highest   boolean NOT NULL,
    review_elevated boolean NOT NULL,
    metadata_inputs text[]  NOT NULL,
    time_zone       text,
    PRIMARY KEY (account_id, livemode)
);
