-- Cheaper CHECK constraints on the tables every write touches (docs/performance.md, "What CHECK
-- constraints cost").
--
-- PostgreSQL re-reads every CHECK constraint of a table from its stored form and prepares it again
-- on each INSERT or UPDATE statement (ExecRelCheck: stringToNode + ExecPrepareExpr per statement),
-- then evaluates it. A profile of the checkout benchmark showed this at a fifth of PostgreSQL's CPU:
-- a checkout inserts into eight tables that carried 80 checks between them. Dropping the checks of
-- those tables cut PostgreSQL's CPU per checkout from 4.0 ms to 3.2 ms.
--
-- What goes: bounds on the length of text and JSON that the API validates before anything is written
-- (and that a request's body size bounds anyway), and the shape of IDs that only Pinstripe generates.
-- `octet_length(jsonb::text)` was the dearest of them: it printed the whole document on every write.
--
-- What stays: every invariant about money and state. Amount ranges, captured <= amount, refunded <=
-- captured, status and type enumerations, currency codes, a posting's non-zero amount, the
-- idempotency record's finished <=> response rule, and the ledger's triggers (balanced entries,
-- append-only postings and entries).

ALTER TABLE customers
    DROP CONSTRAINT customers_id_check,
    DROP CONSTRAINT customers_email_check,
    DROP CONSTRAINT customers_name_check,
    DROP CONSTRAINT customers_phone_check,
    DROP CONSTRAINT customers_description_check,
    DROP CONSTRAINT customers_business_name_check,
    DROP CONSTRAINT customers_individual_name_check,
    DROP CONSTRAINT customers_address_check,
    DROP CONSTRAINT customers_shipping_check,
    DROP CONSTRAINT customers_invoice_settings_check,
    DROP CONSTRAINT customers_invoice_prefix_check,
    DROP CONSTRAINT customers_preferred_locales_check,
    DROP CONSTRAINT customers_metadata_check;

ALTER TABLE idempotency_keys
    DROP CONSTRAINT idempotency_keys_idempotency_key_check,
    DROP CONSTRAINT idempotency_keys_request_method_check,
    DROP CONSTRAINT idempotency_keys_request_path_check,
    DROP CONSTRAINT idempotency_keys_request_sha256_check,
    DROP CONSTRAINT idempotency_keys_request_id_check,
    DROP CONSTRAINT idempotency_keys_recovery_point_check,
    DROP CONSTRAINT idempotency_keys_response_body_check;

ALTER TABLE payment_methods
    DROP CONSTRAINT payment_methods_id_check,
    DROP CONSTRAINT payment_methods_card_check,
    DROP CONSTRAINT payment_methods_network_profile_check,
    DROP CONSTRAINT payment_methods_billing_details_check,
    DROP CONSTRAINT payment_methods_metadata_check;

ALTER TABLE payment_intents
    DROP CONSTRAINT payment_intents_id_check,
    DROP CONSTRAINT payment_intents_latest_charge_id_check,
    DROP CONSTRAINT payment_intents_client_secret_check,
    DROP CONSTRAINT payment_intents_cancellation_reason_check,
    DROP CONSTRAINT payment_intents_metadata_check,
    DROP CONSTRAINT payment_intents_details_check;

ALTER TABLE charges
    DROP CONSTRAINT charges_id_check,
    DROP CONSTRAINT charges_balance_transaction_id_check,
    DROP CONSTRAINT charges_failure_code_check,
    DROP CONSTRAINT charges_failure_message_check,
    DROP CONSTRAINT charges_metadata_check,
    DROP CONSTRAINT charges_details_check;

ALTER TABLE events
    DROP CONSTRAINT events_id_check,
    DROP CONSTRAINT events_type_check,
    DROP CONSTRAINT events_object_id_check,
    DROP CONSTRAINT events_api_version_check,
    DROP CONSTRAINT events_request_id_check,
    DROP CONSTRAINT events_idempotency_key_check,
    DROP CONSTRAINT events_data_check;

ALTER TABLE journal_entries
    DROP CONSTRAINT journal_entries_id_check,
    DROP CONSTRAINT journal_entries_reporting_category_check,
    DROP CONSTRAINT journal_entries_source_id_check,
    DROP CONSTRAINT journal_entries_description_check;

ALTER TABLE postings
    DROP CONSTRAINT postings_fee_description_check;

ALTER TABLE webhook_deliveries
    DROP CONSTRAINT webhook_deliveries_endpoint_id_check,
    DROP CONSTRAINT webhook_deliveries_lease_owner_check;

ALTER TABLE request_logs
    DROP CONSTRAINT request_logs_request_id_check,
    DROP CONSTRAINT request_logs_account_id_check,
    DROP CONSTRAINT request_logs_method_check,
    DROP CONSTRAINT request_logs_path_check,
    DROP CONSTRAINT request_logs_route_check,
    DROP CONSTRAINT request_logs_client_ip_check,
    DROP CONSTRAINT request_logs_user_agent_check,
    DROP CONSTRAINT request_logs_idempotency_key_check,
    DROP CONSTRAINT request_logs_api_version_check,
    DROP CONSTRAINT request_logs_error_type_check,
    DROP CONSTRAINT request_logs_error_code_check,
    DROP CONSTRAINT request_logs_object_ids_check;
