#!/usr/bin/env bash
# CPU per request of each process in a benchmark: the server JVM, every PostgreSQL process, and the load
# generator, from /proc/<pid>/stat before and after one fixed-rate run on a fresh scratch database
# (docs/performance.md). Needs the machine PostgreSQL at 127.0.0.1:5432 (user postgres); run from the
# repository root. SCENARIO (default checkout), RATE (default 400), DURATION (default 30s);
# extra server environment can be passed as usual (e.g. PINSTRIPE_RADAR=off bash bench/cpu-split.sh).
set -uo pipefail
cd "$(dirname "$0")/.."
SCENARIO=${SCENARIO:-checkout}
RATE=${RATE:-400}
DURATION=${DURATION:-30s}
DB=pinstripe_cpu
URL=http://127.0.0.1:12199
TICKS=$(getconf CLK_TCK)

ticks_of() { # sum of utime+stime over the given pids, in clock ticks
  local total=0 pid f
  for pid in "$@"; do
    f=$(cat /proc/$pid/stat 2>/dev/null) || continue
    f=${f##*) }
    set -- $f
    total=$((total + ${12} + ${13}))
  done
  echo $total
}
postgres_pids() { pgrep -x postgres; }

psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB" >/dev/null 2>&1
PINSTRIPE_RATE_LIMITS=off PINSTRIPE_DATABASE_URL="jdbc:postgresql://127.0.0.1:5432/$DB?user=postgres" \
  PINSTRIPE_BOOTSTRAP_SECRET_KEY=sk_test_bench123 PINSTRIPE_PORT=12199 PINSTRIPE_LOG_LEVEL=WARN \
  ./pinstripe serve >/tmp/cpu-split-server.log 2>&1 &
LAUNCHER=$!
for i in $(seq 1 90); do curl -sf $URL/healthz >/dev/null && break; sleep 1; done
SERVER=$(pgrep -f 'dev.pinstripe|pinstripe.*\.jar' | while read p; do grep -q serve /proc/$p/cmdline 2>/dev/null && echo $p; done | tail -1)
# Two minutes of warm-up: on 2 shared cores the server's optimising compiler is still busy after one.
./pinstripe loadgen --key sk_test_bench123 --url $URL --scenario $SCENARIO --rate 200 --duration 120s --warmup 5s >/dev/null 2>&1
psql -q -h 127.0.0.1 -U postgres -d $DB -c ANALYZE >/dev/null

./pinstripe loadgen --key sk_test_bench123 --url $URL --scenario $SCENARIO --rate $RATE --duration $DURATION --warmup 5s \
  >/tmp/cpu-split-loadgen.out 2>&1 &
GEN_LAUNCHER=$!
sleep 6 # the generator's JVM start and warm-up are not counted
GEN=$(pgrep -f 'loadgen' | while read p; do grep -q java /proc/$p/cmdline 2>/dev/null && echo $p; done | tail -1)
PGS=$(postgres_pids)
s0=$(ticks_of $SERVER); p0=$(ticks_of $PGS); g0=$(ticks_of $GEN); t0=$(date +%s.%N); idle0=$(awk '/^cpu /{print $5+$6}' /proc/stat)
sleep 20
s1=$(ticks_of $SERVER); p1=$(ticks_of $PGS $(postgres_pids | grep -vxF "$PGS")); g1=$(ticks_of $GEN); t1=$(date +%s.%N); idle1=$(awk '/^cpu /{print $5+$6}' /proc/stat)
wait $GEN_LAUNCHER
grep -E 'throughput|latency|p50|p99|succe' /tmp/cpu-split-loadgen.out | head -8
awk -v s=$((s1-s0)) -v p=$((p1-p0)) -v g=$((g1-g0)) -v t0=$t0 -v t1=$t1 -v hz=$TICKS -v r=$RATE -v idle=$((idle1-idle0)) 'BEGIN {
  secs = t1 - t0; n = r * secs;
  printf "over %.1f s at %d/s (%d requests):\n", secs, r, n;
  printf "  server     %.2f cores  %.3f ms CPU/request\n", s/hz/secs, s/hz*1000/n;
  printf "  postgres   %.2f cores  %.3f ms CPU/request\n", p/hz/secs, p/hz*1000/n;
  printf "  generator  %.2f cores  %.3f ms CPU/request\n", g/hz/secs, g/hz*1000/n;
  printf "  machine idle %.2f cores\n", idle/hz/secs;
}'
kill $LAUNCHER 2>/dev/null; pkill -f "pinstripe.*serve" 2>/dev/null; wait $LAUNCHER 2>/dev/null
