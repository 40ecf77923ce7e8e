-- Radar reviews and early fraud warnings (docs/radar-reviews.md). The conventions of V1 hold: every
-- row has account_id and livemode, every text column a length CHECK, created is unix seconds from
-- the injected Clock, seq orders lists. Like refunds and disputes, both reference their charge and
-- PaymentIntent with foreign keys (payment objects keep theirs; only account_id has none, see V2).

CREATE TABLE reviews (
    seq               bigint  GENERATED ALWAYS AS IDENTITY,
    id                text    PRIMARY KEY CHECK (id ~ '^prv_[A-Za-z0-9]{1,40}$'),
    account_id        text    NOT NULL,
    livemode          boolean NOT NULL,
    created           bigint  NOT NULL,
    charge_id         text    NOT NULL REFERENCES charges (id),
    payment_intent_id text    REFERENCES payment_intents (id),
    open              boolean NOT NULL,
    opened_reason     text    NOT NULL CHECK (opened_reason IN ('rule', 'manual')),
    closed_reason     text    CHECK (closed_reason IN ('approved', 'disputed', 'redacted', 'refunded',
                                  'refunded_as_fraud', 'canceled', 'payment_never_settled', 'acknowledged')),
    -- When the review was closed (unix seconds); not shown by the API, kept to explain the row.
    closed_at         bigint,
    billing_zip       text    CHECK (char_length(billing_zip) <= 64),
    ip_address        text    CHECK (char_length(ip_address) <= 64),
    CHECK (open = (closed_reason IS NULL)),
    CHECK (open = (closed_at IS NULL))
);
-- GET /v1/reviews lists open reviews only, as Stripe does.
CREATE INDEX reviews_open_list ON reviews (account_id, livemode, created DESC, seq DESC) WHERE open;
-- A charge has at most one open review at a time.
CREATE UNIQUE INDEX reviews_open_charge ON reviews (charge_id) WHERE open;
-- The latest review of a charge (the charge's review field).
CREATE INDEX reviews_charge ON reviews (charge_id, created DESC, seq DESC);

CREATE TABLE early_fraud_warnings (
    seq               bigint  GENERATED ALWAYS AS IDENTITY,
    id                text    PRIMARY KEY CHECK (id ~ '^issfr_[A-Za-z0-9]{1,40}$'),
    account_id        text    NOT NULL,
    livemode          boolean NOT NULL,
    created           bigint  NOT NULL,
    charge_id         text    NOT NULL REFERENCES charges (id),
    payment_intent_id text    REFERENCES payment_intents (id),
    -- True until the charge is disputed or fully refunded; never true again after that.
    actionable        boolean NOT NULL,
    fraud_type        text    NOT NULL CHECK (fraud_type IN ('card_never_received', 'fraudulent_card_application',
                                  'made_with_counterfeit_card', 'made_with_lost_card', 'made_with_stolen_card',
                                  'misc', 'unauthorized_use_of_card'))
);
CREATE INDEX early_fraud_warnings_list ON early_fraud_warnings (account_id, livemode, created DESC, seq DESC);
CREATE INDEX early_fraud_warnings_charge ON early_fraud_warnings (charge_id);
CREATE INDEX early_fraud_warnings_payment_intent ON early_fraud_warnings (payment_intent_id)
    WHERE payment_intent_id IS NOT NULL;
