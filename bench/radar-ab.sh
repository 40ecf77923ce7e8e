#!/usr/bin/env bash
# What Radar costs: checkout saturation with PINSTRIPE_RADAR on and off, on a fresh scratch database
# each run (docs/performance.md). Needs the machine PostgreSQL at 127.0.0.1:5432 (user postgres) and a
# built jar; run from the repository root. ROUNDS (default "1 2") names the rounds and ORDER (default
# "on off") the order within each, e.g. ROUNDS="3 4 5" ORDER="off on" bash bench/radar-ab.sh
set -uo pipefail
cd "$(dirname "$0")/.."

for round in ${ROUNDS:-1 2}; do
for radar in ${ORDER:-on off}; do
  psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS pinstripe_ab" -c "CREATE DATABASE pinstripe_ab" >/dev/null 2>&1
  PINSTRIPE_RADAR=$radar PINSTRIPE_RATE_LIMITS=off PINSTRIPE_DATABASE_URL='jdbc:postgresql://127.0.0.1:5432/pinstripe_ab?user=postgres' \
    PINSTRIPE_BOOTSTRAP_SECRET_KEY=sk_test_bench123 PINSTRIPE_PORT=12199 PINSTRIPE_LOG_LEVEL=WARN ./pinstripe serve >/tmp/radar-ab-server.log 2>&1 &
  PID=$!
  for i in $(seq 1 60); do curl -sf http://127.0.0.1:12199/healthz >/dev/null && break; sleep 1; done
  ./pinstripe loadgen --key sk_test_bench123 --url http://127.0.0.1:12199 --scenario checkout --rate 300 --duration 15s --warmup 10s >/dev/null 2>&1
  psql -q -h 127.0.0.1 -U postgres -d pinstripe_ab -c ANALYZE >/dev/null
  t=$(./pinstripe loadgen --key sk_test_bench123 --url http://127.0.0.1:12199 --scenario checkout --rate 3000 --duration 20s --warmup 5s --connections 128 2>&1 | grep throughput)
  echo "round $round radar=$radar: $t"
  kill $PID; wait $PID 2>/dev/null
done
done
