-- What Radar saw and decided for each charge (docs/radar.md): the rule attributes (for backtests)
-- and, for payments the model scored, the feature vector and probability (for explanations).
CREATE TABLE radar_assessments (
    charge_id   text    PRIMARY KEY REFERENCES charges (id),
    account_id  text    NOT NULL,
    livemode    boolean NOT NULL,
    created     bigint  NOT NULL,
    risk_score  integer NOT NULL CHECK (risk_score BETWEEN 0 AND 99),
    risk_level  text    NOT NULL,
    decision    text    NOT NULL,
    rule_id     text,
    probability double precision,
    features    real[],
    attributes  jsonb   NOT NULL
);
CREATE INDEX radar_assessments_account ON radar_assessments (account_id, livemode, created);
