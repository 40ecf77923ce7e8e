#!/usr/bin/env bash
# Latency at a fixed rate and throughput at saturation for one loadgen scenario, on a fresh scratch
# database, after two minutes of warm-up (docs/performance.md, "Where the targets stand").
# Needs the machine PostgreSQL at 127.0.0.1:5432 (user postgres); run from the repository root.
#   bash bench/figures.sh [SCENARIO [WARM_RATE [RATE]]]     defaults: checkout 200 250
# e.g. bash bench/figures.sh customers.create 400 500
set -uo pipefail
cd "$(dirname "$0")/.."
SCENARIO=${1:-checkout}
WARM_RATE=${2:-200}
RATE=${3:-250}
URL=http://127.0.0.1:12199
DB=pinstripe_figures

psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB" >/dev/null 2>&1
PINSTRIPE_RATE_LIMITS=off PINSTRIPE_DATABASE_URL="jdbc:postgresql://127.0.0.1:5432/$DB?user=postgres" \
  PINSTRIPE_BOOTSTRAP_SECRET_KEY=sk_test_bench123 PINSTRIPE_PORT=12199 PINSTRIPE_LOG_LEVEL=WARN \
  ./pinstripe serve >/tmp/figures-server.log 2>&1 &
LAUNCHER=$!
for i in $(seq 1 90); do curl -sf $URL/healthz >/dev/null && break; sleep 1; done
LOADGEN="./pinstripe loadgen --key sk_test_bench123 --url $URL --scenario $SCENARIO"
# Two minutes of warm-up: on 2 shared cores the server's optimising compiler is still busy after one.
$LOADGEN --rate "$WARM_RATE" --duration 120s --warmup 5s >/dev/null 2>&1
# Autovacuum may be off on a benchmark machine; ANALYZE as it would.
psql -q -h 127.0.0.1 -U postgres -d $DB -c ANALYZE >/dev/null
echo "== $SCENARIO at $RATE/s"
$LOADGEN --rate "$RATE" --duration 30s --warmup 5s 2>&1 | grep -E "throughput|  corrected|Successes|behind"
echo "== $SCENARIO at 3000/s, 128 connections (saturation)"
$LOADGEN --rate 3000 --duration 20s --warmup 5s --connections 128 2>&1 | grep -E "throughput|uncorrected|Successes"
kill $LAUNCHER 2>/dev/null; pkill -f "pinstripe.jar serve" 2>/dev/null; wait $LAUNCHER 2>/dev/null
