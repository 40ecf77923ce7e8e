-- Payments on the simulated card network, and the double-entry ledger behind every balance
-- (docs/ledger.md). The conventions of V1 hold: every row has account_id and livemode, every text
-- column a length CHECK, created is unix seconds from the injected Clock, seq orders lists.
--
-- Money is bigint minor units with a lower-case ISO 4217 currency. The CHECKs on amounts restate
-- the invariants the services keep (never capture more than authorized, never refund more than
-- captured), so that a bug cannot commit a violation.

-- Per-account pricing (default 2.9% + 30 minor units) and the key for card fingerprints, which
-- makes fingerprints stable within an account and unrelated across accounts.
ALTER TABLE accounts
    ADD COLUMN fee_percent_bps integer NOT NULL DEFAULT 290 CHECK (fee_percent_bps BETWEEN 0 AND 10000),
    ADD COLUMN fee_fixed       bigint  NOT NULL DEFAULT 30 CHECK (fee_fixed BETWEEN 0 AND 100000),
    ADD COLUMN fingerprint_key bytea   NOT NULL DEFAULT sha256(convert_to(gen_random_uuid()::text
                                                  || clock_timestamp()::text, 'UTF8'))
                                                  CHECK (octet_length(fingerprint_key) = 32);

-- High-volume tables carry account_id without a foreign key to accounts. Every insert's foreign-key
-- check takes a KEY SHARE lock on the account's single row; with many concurrent payments of one
-- account those locks become MultiXacts on one hot row, which cost more PostgreSQL CPU than the rest
-- of a payment (measured: docs/performance.md). Accounts are never deleted and account_id always
-- comes from the authenticated key, so the key adds no protection here. (Foreign keys between
-- payment objects stay: their parents are distinct rows.)
ALTER TABLE customers DROP CONSTRAINT customers_account_id_fkey;
ALTER TABLE idempotency_keys DROP CONSTRAINT idempotency_keys_account_id_fkey;

CREATE TABLE payment_methods (
    seq             bigint  GENERATED ALWAYS AS IDENTITY,
    id              text    PRIMARY KEY CHECK (id ~ '^pm_[A-Za-z0-9]{1,40}$'),
    account_id      text    NOT NULL,
    livemode        boolean NOT NULL,
    created         bigint  NOT NULL,
    type            text    NOT NULL CHECK (type = 'card'),
    customer_id     text    REFERENCES customers (id),
    -- What Stripe returns of the card (brand, last4, expiry, funding, country, fingerprint, checks).
    -- The number itself is never stored.
    card            jsonb   NOT NULL CHECK (octet_length(card::text) <= 65536),
    -- How the simulated network treats the card: the name of a public Stripe test card, never a number.
    network_profile text    NOT NULL CHECK (network_profile ~ '^[A-Za-z0-9_]{1,64}$'),
    billing_details jsonb   NOT NULL CHECK (octet_length(billing_details::text) <= 1048576),
    allow_redisplay text    NOT NULL CHECK (allow_redisplay IN ('always', 'limited', 'unspecified')),
    metadata        jsonb   NOT NULL CHECK (jsonb_typeof(metadata) = 'object'
                                            AND octet_length(metadata::text) <= 1048576)
);
CREATE INDEX payment_methods_list ON payment_methods (account_id, livemode, created DESC, seq DESC);
CREATE INDEX payment_methods_customer ON payment_methods (account_id, livemode, customer_id, created DESC, seq DESC)
    WHERE customer_id IS NOT NULL;

CREATE TABLE payment_intents (
    seq                 bigint  GENERATED ALWAYS AS IDENTITY,
    id                  text    PRIMARY KEY CHECK (id ~ '^pi_[A-Za-z0-9]{1,40}$'),
    account_id          text    NOT NULL,
    livemode            boolean NOT NULL,
    created             bigint  NOT NULL,
    amount              bigint  NOT NULL CHECK (amount BETWEEN 1 AND 99999999999),
    currency            text    NOT NULL CHECK (currency ~ '^[a-z]{3}$'),
    status              text    NOT NULL CHECK (status IN ('requires_payment_method', 'requires_confirmation',
                                    'requires_action', 'processing', 'requires_capture', 'canceled', 'succeeded')),
    capture_method      text    NOT NULL CHECK (capture_method IN ('automatic', 'automatic_async', 'manual')),
    confirmation_method text    NOT NULL CHECK (confirmation_method IN ('automatic', 'manual')),
    customer_id         text    REFERENCES customers (id),
    payment_method_id   text    REFERENCES payment_methods (id),
    amount_capturable   bigint  NOT NULL CHECK (amount_capturable BETWEEN 0 AND amount),
    amount_received     bigint  NOT NULL CHECK (amount_received BETWEEN 0 AND amount),
    latest_charge_id    text    CHECK (char_length(latest_charge_id) <= 64),
    client_secret       text    NOT NULL CHECK (char_length(client_secret) <= 128),
    canceled_at         bigint,
    cancellation_reason text    CHECK (char_length(cancellation_reason) <= 64),
    metadata            jsonb   NOT NULL CHECK (jsonb_typeof(metadata) = 'object'
                                                AND octet_length(metadata::text) <= 1048576),
    -- Descriptive fields (description, statement descriptors, setup_future_usage, receipt_email,
    -- shipping, last_payment_error, next_action, payment_method_types, ...).
    details             jsonb   NOT NULL CHECK (jsonb_typeof(details) = 'object'
                                                AND octet_length(details::text) <= 1048576)
);
CREATE INDEX payment_intents_list ON payment_intents (account_id, livemode, created DESC, seq DESC);
CREATE INDEX payment_intents_customer ON payment_intents (account_id, livemode, customer_id, created DESC, seq DESC)
    WHERE customer_id IS NOT NULL;

CREATE TABLE charges (
    seq                    bigint  GENERATED ALWAYS AS IDENTITY,
    id                     text    PRIMARY KEY CHECK (id ~ '^(ch|py)_[A-Za-z0-9]{1,40}$'),
    account_id             text    NOT NULL,
    livemode               boolean NOT NULL,
    created                bigint  NOT NULL,
    payment_intent_id      text    REFERENCES payment_intents (id),
    customer_id            text    REFERENCES customers (id),
    payment_method_id      text    REFERENCES payment_methods (id),
    amount                 bigint  NOT NULL CHECK (amount BETWEEN 1 AND 99999999999),
    currency               text    NOT NULL CHECK (currency ~ '^[a-z]{3}$'),
    status                 text    NOT NULL CHECK (status IN ('succeeded', 'pending', 'failed')),
    captured               boolean NOT NULL,
    amount_captured        bigint  NOT NULL CHECK (amount_captured BETWEEN 0 AND amount),
    -- Refunded out of the captured amount (never more than was captured).
    amount_refunded        bigint  NOT NULL CHECK (amount_refunded BETWEEN 0 AND amount_captured),
    -- Authorized but never captured and given back to the cardholder (partial capture, cancel).
    amount_released        bigint  NOT NULL DEFAULT 0 CHECK (amount_released BETWEEN 0 AND amount - amount_captured),
    disputed               boolean NOT NULL DEFAULT false,
    balance_transaction_id text    CHECK (char_length(balance_transaction_id) <= 64),
    failure_code           text    CHECK (char_length(failure_code) <= 64),
    failure_message        text    CHECK (char_length(failure_message) <= 1024),
    metadata               jsonb   NOT NULL CHECK (jsonb_typeof(metadata) = 'object'
                                                   AND octet_length(metadata::text) <= 1048576),
    -- outcome, payment_method_details, billing_details, description, receipt_email, statement descriptors
    details                jsonb   NOT NULL CHECK (jsonb_typeof(details) = 'object'
                                                   AND octet_length(details::text) <= 1048576),
    CHECK (captured = (amount_captured > 0) OR status <> 'succeeded'),
    CHECK (status = 'succeeded' OR amount_captured = 0)
);
CREATE INDEX charges_list ON charges (account_id, livemode, created DESC, seq DESC);
CREATE INDEX charges_payment_intent ON charges (payment_intent_id) WHERE payment_intent_id IS NOT NULL;
CREATE INDEX charges_customer ON charges (account_id, livemode, customer_id, created DESC, seq DESC)
    WHERE customer_id IS NOT NULL;

CREATE TABLE refunds (
    seq                    bigint  GENERATED ALWAYS AS IDENTITY,
    id                     text    PRIMARY KEY CHECK (id ~ '^(re|pyr)_[A-Za-z0-9]{1,40}$'),
    account_id             text    NOT NULL,
    livemode               boolean NOT NULL,
    created                bigint  NOT NULL,
    charge_id              text    NOT NULL REFERENCES charges (id),
    payment_intent_id      text    REFERENCES payment_intents (id),
    amount                 bigint  NOT NULL CHECK (amount BETWEEN 1 AND 99999999999),
    currency               text    NOT NULL CHECK (currency ~ '^[a-z]{3}$'),
    status                 text    NOT NULL CHECK (status IN ('pending', 'requires_action', 'succeeded',
                                                              'failed', 'canceled')),
    reason                 text    CHECK (reason IN ('duplicate', 'fraudulent', 'requested_by_customer',
                                                     'expired_uncaptured_charge')),
    balance_transaction_id text    CHECK (char_length(balance_transaction_id) <= 64),
    metadata               jsonb   NOT NULL CHECK (jsonb_typeof(metadata) = 'object'
                                                   AND octet_length(metadata::text) <= 1048576),
    details                jsonb   NOT NULL CHECK (jsonb_typeof(details) = 'object'
                                                   AND octet_length(details::text) <= 1048576)
);
CREATE INDEX refunds_list ON refunds (account_id, livemode, created DESC, seq DESC);
CREATE INDEX refunds_charge ON refunds (charge_id);
CREATE INDEX refunds_payment_intent ON refunds (payment_intent_id) WHERE payment_intent_id IS NOT NULL;

CREATE TABLE disputes (
    seq                  bigint  GENERATED ALWAYS AS IDENTITY,
    id                   text    PRIMARY KEY CHECK (id ~ '^(du|dp)_[A-Za-z0-9]{1,40}$'),
    account_id           text    NOT NULL,
    livemode             boolean NOT NULL,
    created              bigint  NOT NULL,
    charge_id            text    NOT NULL REFERENCES charges (id),
    payment_intent_id    text    REFERENCES payment_intents (id),
    amount               bigint  NOT NULL CHECK (amount BETWEEN 1 AND 99999999999),
    currency             text    NOT NULL CHECK (currency ~ '^[a-z]{3}$'),
    status               text    NOT NULL CHECK (status IN ('warning_needs_response', 'warning_under_review',
                                     'warning_closed', 'needs_response', 'under_review', 'won', 'lost')),
    reason               text    NOT NULL CHECK (char_length(reason) <= 64),
    is_charge_refundable boolean NOT NULL,
    metadata             jsonb   NOT NULL CHECK (jsonb_typeof(metadata) = 'object'
                                                 AND octet_length(metadata::text) <= 1048576),
    evidence             jsonb   NOT NULL CHECK (jsonb_typeof(evidence) = 'object'
                                                 AND octet_length(evidence::text) <= 4194304),
    evidence_details     jsonb   NOT NULL CHECK (jsonb_typeof(evidence_details) = 'object'
                                                 AND octet_length(evidence_details::text) <= 65536)
);
CREATE INDEX disputes_list ON disputes (account_id, livemode, created DESC, seq DESC);
CREATE UNIQUE INDEX disputes_charge ON disputes (charge_id);

-- The ledger. A journal entry is one money movement and is what the API shows as a
-- balance_transaction (txn_). Its postings sum to zero per currency. Neither is ever updated or
-- deleted; a correction is a new entry.
CREATE TABLE journal_entries (
    seq                bigint  GENERATED ALWAYS AS IDENTITY,
    id                 text    PRIMARY KEY CHECK (id ~ '^txn_[A-Za-z0-9]{1,40}$'),
    account_id         text    NOT NULL,
    livemode           boolean NOT NULL,
    created            bigint  NOT NULL,
    type               text    NOT NULL CHECK (type IN ('charge', 'payment', 'refund', 'payment_refund',
                                   'adjustment', 'payout', 'payout_cancel', 'payout_failure')),
    reporting_category text    NOT NULL CHECK (char_length(reporting_category) <= 64),
    -- The object that moved the money: ch_, re_, du_ (for a dispute's withdrawal and reversal).
    source_id          text    NOT NULL CHECK (char_length(source_id) <= 64),
    currency           text    NOT NULL CHECK (currency ~ '^[a-z]{3}$'),
    available_on       bigint  NOT NULL,
    description        text    CHECK (char_length(description) <= 1024)
);
CREATE INDEX journal_entries_list ON journal_entries (account_id, livemode, created DESC, seq DESC);
CREATE INDEX journal_entries_source ON journal_entries (source_id);

-- Ledger accounts: merchant_balance (what Pinstripe owes the merchant), fees (Pinstripe's revenue),
-- card_network (clearing with the card network: money received from and returned to cardholders).
CREATE TABLE postings (
    journal_entry_id text    NOT NULL REFERENCES journal_entries (id),
    position         smallint NOT NULL CHECK (position BETWEEN 0 AND 15),
    account_id       text    NOT NULL,
    livemode         boolean NOT NULL,
    ledger_account   text    NOT NULL CHECK (ledger_account IN ('merchant_balance', 'fees', 'card_network')),
    currency         text    NOT NULL CHECK (currency ~ '^[a-z]{3}$'),
    amount           bigint  NOT NULL CHECK (amount <> 0),
    -- When the posting counts as available rather than pending (only meaningful for merchant_balance).
    available_on     bigint  NOT NULL,
    -- For fee postings: Stripe's fee_details type and description.
    fee_type         text    CHECK (fee_type IN ('stripe_fee', 'application_fee', 'tax')),
    fee_description  text    CHECK (char_length(fee_description) <= 256),
    PRIMARY KEY (journal_entry_id, position)
);
CREATE INDEX postings_balance ON postings (account_id, livemode, ledger_account, currency, available_on)
    INCLUDE (amount);

-- Entries and postings are append-only.
CREATE FUNCTION ledger_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the ledger is append-only: % on % is not allowed', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'P0001';
END $$;
CREATE TRIGGER journal_entries_append_only BEFORE UPDATE OR DELETE ON journal_entries
    FOR EACH ROW EXECUTE FUNCTION ledger_is_append_only();
CREATE TRIGGER journal_entries_no_truncate BEFORE TRUNCATE ON journal_entries
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_is_append_only();
CREATE TRIGGER postings_append_only BEFORE UPDATE OR DELETE ON postings
    FOR EACH ROW EXECUTE FUNCTION ledger_is_append_only();
CREATE TRIGGER postings_no_truncate BEFORE TRUNCATE ON postings
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_is_append_only();

-- An entry's postings are written by one statement and must balance per currency within it, and
-- belong to the entry's account, mode and currency. Each entry is looked up by its primary key in a
-- loop (one or two per statement), so the check never depends on the planner's statistics.
CREATE FUNCTION postings_balance() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    unbalanced text;
    posted record;
BEGIN
    SELECT n.journal_entry_id INTO unbalanced
      FROM new_postings n
      GROUP BY n.journal_entry_id, n.currency
      HAVING sum(n.amount) <> 0 OR count(*) < 2
      LIMIT 1;
    IF unbalanced IS NOT NULL THEN
        RAISE EXCEPTION 'journal entry % does not balance', unbalanced USING ERRCODE = 'P0001';
    END IF;
    FOR posted IN SELECT DISTINCT journal_entry_id, account_id, livemode, currency FROM new_postings LOOP
        IF NOT EXISTS (SELECT 1 FROM journal_entries e
                        WHERE e.id = posted.journal_entry_id AND e.account_id = posted.account_id
                          AND e.livemode = posted.livemode AND e.currency = posted.currency) THEN
            RAISE EXCEPTION 'postings of journal entry % name another account, mode or currency',
                posted.journal_entry_id USING ERRCODE = 'P0001';
        END IF;
    END LOOP;
    RETURN NULL;
END $$;
CREATE TRIGGER postings_balance AFTER INSERT ON postings
    REFERENCING NEW TABLE AS new_postings
    FOR EACH STATEMENT EXECUTE FUNCTION postings_balance();
