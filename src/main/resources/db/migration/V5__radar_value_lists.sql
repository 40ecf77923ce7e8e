-- Radar value lists and their items (/v1/radar/value_lists, /v1/radar/value_list_items;
-- docs/radar.md). Rules refer to a list by its alias (@alias), so an alias is unique among the live
-- lists of an account and mode; a deleted list frees its alias.
--
-- Deletion is soft (deleted_at), as for customers: a deleted object still works as a list cursor
-- and its row explains what happened. Deleting a list marks its items deleted in the same
-- transaction. Locks are taken list first, then items, by every operation.

CREATE TABLE radar_value_lists (
    seq        bigint  GENERATED ALWAYS AS IDENTITY,
    id         text    PRIMARY KEY CHECK (id ~ '^rsl_[A-Za-z0-9]{1,40}$'),
    account_id text    NOT NULL REFERENCES accounts (id),
    livemode   boolean NOT NULL,
    created    bigint  NOT NULL,
    -- Letters, digits and underscores, as Stripe's aliases; case-sensitive.
    alias      text    NOT NULL CHECK (alias ~ '^[A-Za-z0-9_]{1,100}$'),
    name       text    NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
    item_type  text    NOT NULL CHECK (item_type IN ('account', 'card_bin', 'card_fingerprint',
                                           'case_sensitive_string', 'country', 'crypto_fingerprint', 'customer_id',
                                           'email', 'ip_address', 'sepa_debit_fingerprint', 'string',
                                           'us_bank_account_fingerprint')),
    created_by text    NOT NULL CHECK (char_length(created_by) <= 255),
    metadata   jsonb   NOT NULL CHECK (jsonb_typeof(metadata) = 'object'
                                       AND octet_length(metadata::text) <= 1048576),
    -- The number of live items: list_items.total_count, and the per-list bound
    -- (ValueListService.ITEMS_PER_LIST_MAX) without counting. Kept under the list's row lock.
    item_count integer NOT NULL DEFAULT 0 CHECK (item_count >= 0),
    deleted_at bigint
);
CREATE INDEX radar_value_lists_list ON radar_value_lists (account_id, livemode, created DESC, seq DESC)
    WHERE deleted_at IS NULL;
-- One live list per alias; also the rules engine's lookup by alias (ValueLists).
CREATE UNIQUE INDEX radar_value_lists_alias ON radar_value_lists (account_id, livemode, alias)
    WHERE deleted_at IS NULL;

CREATE TABLE radar_value_list_items (
    seq        bigint  GENERATED ALWAYS AS IDENTITY,
    id         text    PRIMARY KEY CHECK (id ~ '^rsli_[A-Za-z0-9]{1,40}$'),
    account_id text    NOT NULL,
    livemode   boolean NOT NULL,
    value_list text    NOT NULL REFERENCES radar_value_lists (id),
    created    bigint  NOT NULL,
    created_by text    NOT NULL CHECK (char_length(created_by) <= 255),
    -- The value as it was sent, shown by the API.
    value      text    NOT NULL CHECK (char_length(value) BETWEEN 1 AND 800),
    -- The value normalised by the list's item type (lower-cased for string and email, upper-cased
    -- for country, the canonical form of an IP address, ...): what matching and duplicates compare.
    -- Bounded in bytes so that it always fits a B-tree entry.
    match_key  text    NOT NULL CHECK (octet_length(match_key) BETWEEN 1 AND 2000),
    deleted_at bigint
);
-- No two live items of a list match the same values; and ValueLists.contains is one probe of this index.
CREATE UNIQUE INDEX radar_value_list_items_match ON radar_value_list_items (value_list, match_key)
    WHERE deleted_at IS NULL;
CREATE INDEX radar_value_list_items_list ON radar_value_list_items (value_list, created DESC, seq DESC)
    WHERE deleted_at IS NULL;
