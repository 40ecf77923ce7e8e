-- The database work of one POST /v1/customers with an Idempotency-Key, as pgbench runs it:
-- the key's claim (advisory lock + lookup), the customer, the key with its stored response, COMMIT.
-- It measures PostgreSQL's own ceiling for this transaction on a machine (docs/performance.md):
--   pgbench -n -h 127.0.0.1 -p PORT -U postgres -c 8 -j 2 -T 10 -M prepared \
--     -D account=acct_... -f bench/customer-create.pgbench.sql postgres
\set r random(1, 1000000000000)
BEGIN;
SELECT pg_try_advisory_xact_lock(:r), request_method, request_path, request_sha256, request_id, recovery_point, locked_at_ms, response_status, response_body, state::text FROM (SELECT 1) AS one LEFT JOIN idempotency_keys ON account_id = :account AND livemode = false AND idempotency_key = 'pgb-' || :r || '-' || :client_id;
INSERT INTO customers (id, account_id, livemode, created, email, name, invoice_settings, invoice_prefix, next_invoice_sequence, preferred_locales, tax_exempt, metadata) VALUES ('cus_pgb' || :r || :client_id, :account, false, 1795295253, 'loadgen@example.com', 'Load Gen', jsonb_build_object('custom_fields', null, 'footer', null), upper(substr(md5(:r::text || :client_id), 1, 8)), 1, '[]', 'none', jsonb_build_object('run', 'x')) ON CONFLICT (account_id, livemode, invoice_prefix) DO NOTHING;
INSERT INTO idempotency_keys (account_id, livemode, idempotency_key, created, request_method, request_path, request_sha256, request_id, recovery_point, response_status, response_body) VALUES (:account, false, 'pgb-' || :r || '-' || :client_id, 1795295253, 'POST', '/v1/customers', decode(md5(:r::text) || md5(:r::text), 'hex'), 'req_abcdefghijklmn', 'finished', 200, repeat('x', 750));
COMMIT;
