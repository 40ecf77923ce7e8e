-- What Radar saw and decided for each charge (docs/radar.md): the rule attributes (for backtests)
-- and, for payments the model scored, the feature vector and probability (for explanations).
-- Written after the charge's transaction commits, in batches off the request path; derived data,
-- so no foreign key: a row can only name a committed charge.
CREATE TABLE radar_assessments (
    charge_id   text    PRIMARY KEY CHECK (char_length(charge_id) <= 64),
    account_id  text    NOT NULL,
    livemode    boolean NOT NULL,
    created     bigint  NOT NULL,
    risk_score  integer NOT NULL CHECK (risk_score BETWEEN 0 AND 99),
    risk_level  text    NOT NULL CHECK (char_length(risk_level) <= 16),
    decision    text    NOT NULL CHECK (char_length(decision) <= 32),
    rule_id     text    CHECK (char_length(rule_id) <= 64),
    probability double precision,
    features    real[],
    attributes  jsonb   NOT NULL
);
CREATE INDEX radar_assessments_account ON radar_assessments (account_id, livemode, created);
