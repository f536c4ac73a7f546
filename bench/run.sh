#!/usr/bin/env bash
# ./cleave bench: throughput and latency of a bare Helidon endpoint, the monolith and the split services, measured
# in one run on loopback with wrk; start-up time and idle memory of the monolith with and without the JDK's AOT
# cache. Prints a table and writes docs/benchmarks.md. Not part of ./cleave test.
#
# ./cleave bench cost measures only what metrics and tracing cost (bench/cost.sh) and rewrites only its section.
# ./cleave bench events measures only the events path (bench/events-probe: outbox -> RabbitMQ -> consumer) and
# rewrites only the "Events" section of docs/benchmarks.md; plain ./cleave bench measures everything. The events
# case needs RabbitMQ at 127.0.0.1:5672 (guest/guest) and rabbitmqctl, to give each run a virtual host of its own;
# or set BENCH_EVENTS_URL to a broker URL (the run then isolates itself by a namespace and leaves its queues).
# Its tunables: BENCH_EVENTS (30000 events in the saturation phase), BENCH_EVENTS_RATE (1000 events/s in the paced
# phase), BENCH_EVENTS_SECONDS (15).
#
# Tunables (environment): BENCH_THREADS (2), BENCH_CONNECTIONS (64), BENCH_DURATION (5s, one measured pass),
# BENCH_WARMUP (40: at most this many seconds of warm-up per endpoint and topology, in 5 s steps until the rate
# stops rising), BENCH_ROUNDS (3 interleaved passes; medians are reported),
# BENCH_PACED_RATE (POST /v1/orders req/s of the paced passes; default half the split's measured rate),
# BENCH_STARTS (3 launches per start-up mode), BENCH_SETTLE (10: at most this many seconds after a pass for the
# servers to go idle), BENCH_QUIET_WAIT (45: at most this many seconds for other work on the machine to settle
# before each phase), BENCH_SKIP_BUILD=1 (use the jars already built), BENCH_DOC (default docs/benchmarks.md).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

# The JDK is the one ./cleave finds; run through it if called directly.
if [ -z "${JAVA_HOME:-}" ] || [ ! -x "${JAVA_HOME}/bin/java" ]; then
  exec "$ROOT/cleave" bench "$@"
fi
JAVA="$JAVA_HOME/bin/java"

THREADS="${BENCH_THREADS:-2}"
CONNECTIONS="${BENCH_CONNECTIONS:-64}"
DURATION="${BENCH_DURATION:-5s}"
WARMUP="${BENCH_WARMUP:-40}"
WARMUP_STEP=5
ROUNDS="${BENCH_ROUNDS:-3}"
STARTS="${BENCH_STARTS:-3}"
DOC="${BENCH_DOC:-$ROOT/docs/benchmarks.md}"
HOST=127.0.0.1
USERS_TO_SEED=20

# Targets from the issues.
TARGET_GET_MONO_VS_BARE=60
TARGET_POST_MONO_VS_BARE=25
TARGET_POST_SPLIT_VS_MONO=60
TARGET_P50_HOP_MS=1
TARGET_FIRST_RESPONSE_MS=1000
TARGET_IDLE_RSS_MB=150
TARGET_EVENTS_PER_S=3000
TARGET_EVENTS_P99_MS=250

say() { echo "bench: $*" >&2; }
die() { echo "bench: $*" >&2; exit 1; }

LOGS="$ROOT/bench/target/run"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/cleave-bench.XXXXXX")"
PIDS=()

# Stops a JVM this script started (TERM, then KILL after 10 s) and forgets its PID, so a PID the system hands out
# again later is never signalled.
stop_pid() {
  local pid="$1" i kept=() p
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 100; i++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
  for p in "${PIDS[@]+"${PIDS[@]}"}"; do [ "$p" = "$pid" ] || kept+=("$p"); done
  PIDS=("${kept[@]+"${kept[@]}"}")
}

EVENTS_VHOST=""

cleanup() {
  local pid
  for pid in "${PIDS[@]+"${PIDS[@]}"}"; do
    stop_pid "$pid"
  done
  if [ -n "$EVENTS_VHOST" ]; then
    rabbitmqctl -q delete_vhost "$EVENTS_VHOST" >/dev/null 2>&1 || say "could not delete the virtual host $EVENTS_VHOST"
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------------------------------------------------------
# Tools

ensure_wrk() {
  command -v wrk >/dev/null 2>&1 && return 0
  command -v apt-get >/dev/null 2>&1 || die "wrk is missing and there is no apt-get; install wrk and run again"
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  say "installing wrk from Debian's packages"
  if ! $sudo apt-get install -y -q wrk >/dev/null 2>&1; then
    $sudo apt-get update -q >/dev/null 2>&1 || true
    $sudo apt-get install -y -q wrk >/dev/null || die "could not install wrk"
  fi
  command -v curl >/dev/null 2>&1 || $sudo apt-get install -y -q curl >/dev/null || die "could not install curl"
}

jdk_feature_version() {
  sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$JAVA_HOME/release"
}

# ---------------------------------------------------------------------------------------------------------------
# Build, then copy each module path aside: a concurrent build elsewhere in the tree cannot swap jars under a
# running JVM, and the AOT cache always matches the jars it was trained on.

build() {
  if [ "${BENCH_SKIP_BUILD:-0}" = 1 ]; then
    say "BENCH_SKIP_BUILD=1: using the jars already built"
  else
    say "building app-monolith, app-user, app-order (main code only; tests are not compiled)"
    "$ROOT/cleave" mvn -q -Dmaven.test.skip=true package -pl app-monolith,app-user,app-order -am \
      || die "building the assemblies failed"
    say "building the bare Helidon baseline (bench/bare-helidon)"
    "$ROOT/cleave" mvn -q -Dmaven.test.skip=true -f "$ROOT/bench/bare-helidon/pom.xml" package \
      || die "building bench/bare-helidon failed"
  fi
  local app
  for app in monolith user order; do
    [ -d "$ROOT/app-$app/target/modules" ] || die "app-$app/target/modules is missing; build it first"
    mkdir -p "$WORK/modules"
    cp -r "$ROOT/app-$app/target/modules" "$WORK/modules/$app"
  done
  [ -d "$ROOT/bench/bare-helidon/target/modules" ] || die "bench/bare-helidon/target/modules is missing"
  cp -r "$ROOT/bench/bare-helidon/target/modules" "$WORK/modules/bare"
  # Authentication stays on: every request carries an admin token of the development issuer, whose key all the
  # assemblies of this run share, and each service verifies it. The rate limits are off, as for any load test:
  # one admin subject sending as fast as wrk can is what they exist to stop.
  export CLEAVE_AUTH_DEV=true CLEAVE_AUTH_DEV_KEY="$WORK/dev-issuer-key.json" CLEAVE_RATE_LIMIT=off CLEAVE_ACCESS_LOG=off
  TOKEN="$("$JAVA" -p "$WORK/modules/monolith" -m dev.cleave.platform.auth/dev.cleave.platform.auth.TokenCommand \
             bench-admin --admin)" || die "minting the benchmark's token failed"
  AUTH_HEADER="Authorization: Bearer $TOKEN"
}

# ---------------------------------------------------------------------------------------------------------------
# Processes

# A port nothing listens on, on loopback.
free_port() {
  local port i low=32768
  # Below the kernel's ephemeral range: a port an outgoing connection (wrk, a broker client) holds accepts no
  # connection, so it looks free here, yet binding it fails.
  read -r low _ </proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || true
  [ "$low" -gt 12000 ] || die "the ephemeral port range starts at $low; no room below it for the servers"
  for ((i = 0; i < 200; i++)); do
    port=$((10000 + RANDOM % (low - 10000)))
    if ! (exec 3<>"/dev/tcp/$HOST/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  die "no free port found"
}

# start_app NAME MODULES MAIN_MODULE PORT [ENV=VALUE...] -- [JVM OPTIONS...]; sets STARTED_PID.
start_app() {
  local name="$1" modules="$2" main="$3" port="$4" envs=() opts=()
  shift 4
  while [ $# -gt 0 ] && [ "$1" != -- ]; do envs+=("$1"); shift; done
  [ $# -gt 0 ] && shift
  opts=("$@")
  env PORT="$port" HOST="$HOST" "${envs[@]+"${envs[@]}"}" \
    "$JAVA" "${opts[@]+"${opts[@]}"}" -p "$modules" -m "$main" >"$LOGS/$name.log" 2>&1 &
  STARTED_PID=$!
  PIDS+=("$STARTED_PID")
}

# wait_ok URL PID SECONDS: until URL answers 2xx; fails if the process dies or time runs out.
# The poll is cheap while the port is closed (a connect from bash, a 10 ms nap on a pipe that never delivers,
# no process started), so polling does not take CPU from the JVM whose start-up it times; curl runs only once
# the port accepts connections.
wait_ok() {
  local url="$1" pid="$2" seconds="$3" deadline code hostport
  hostport="${url#http://}"
  hostport="${hostport%%/*}"
  deadline=$(( SECONDS + seconds ))
  [ -n "${NAP_FD:-}" ] || exec {NAP_FD}<> <(:)
  while [ "$SECONDS" -lt "$deadline" ]; do
    if (exec 3<>"/dev/tcp/${hostport%:*}/${hostport##*:}") 2>/dev/null; then
      code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 -H "$AUTH_HEADER" "$url" || true)"
      case "$code" in 2??) return 0 ;; esac
    fi
    kill -0 "$pid" 2>/dev/null || return 1
    read -r -t 0.01 -u "$NAP_FD" _ || true
  done
  return 1
}

# Milliseconds since the epoch, without starting a process.
now_ms() {
  local t="${EPOCHREALTIME/[.,]/}"
  echo $(( t / 1000 ))
}

# CPU accounting, to tell how much of the machine other work took during a measurement. A snapshot is
# "busy total mine" in clock ticks: the whole machine's busy and total time (/proc/stat), and the time of this
# script, of its reaped children (wrk, curl), of the JVMs it runs and of the RabbitMQ broker they send events
# through (its Erlang VM, found once). Builtins only: a snapshot forks nothing.
BROKER_PIDS=($(pgrep -x beam.smp 2>/dev/null || true))
cpu_snapshot() {
  local label user nice system idle iowait irq softirq steal rest mine=0 pid line
  read -r label user nice system idle iowait irq softirq steal rest </proc/stat
  line="$(</proc/$$/stat)"
  set -- ${line##*) }
  mine=$(( ${12} + ${13} + ${14} + ${15} ))
  for pid in "${PIDS[@]+"${PIDS[@]}"}" "${BROKER_PIDS[@]+"${BROKER_PIDS[@]}"}"; do
    [ -r "/proc/$pid/stat" ] || continue
    line="$(</proc/$pid/stat)" || continue
    set -- ${line##*) }
    mine=$(( mine + ${12} + ${13} ))
  done
  local busy=$(( user + nice + system + irq + softirq + steal ))
  echo "$busy $(( busy + idle + iowait )) $mine"
}

# other_cpu SNAPSHOT_BEFORE SNAPSHOT_AFTER: percent of the machine's capacity (all cores) used by other work.
other_cpu() {
  local -a a=($1) b=($2)
  awk -v busy=$(( b[0] - a[0] )) -v total=$(( b[1] - a[1] )) -v mine=$(( b[2] - a[2] )) 'BEGIN {
    other = total > 0 ? 100 * (busy - mine) / total : 0; if (other < 0) other = 0; printf "%.0f", other }'
}

# wait_quiet: waits (at most BENCH_QUIET_WAIT seconds, default 45) until other work takes under a quarter of the
# machine, sampled over 2 s; sets QUIET to the last sample. Other builds on a shared machine skew every number.
wait_quiet() {
  local deadline s0 s1
  deadline=$(( $(date +%s) + ${BENCH_QUIET_WAIT:-45} ))
  while :; do
    s0="$(cpu_snapshot)"; sleep 2; s1="$(cpu_snapshot)"
    QUIET="$(other_cpu "$s0" "$s1")"
    [ "$QUIET" -lt 25 ] && return 0
    [ "$(date +%s)" -lt "$deadline" ] || { say "other work still takes $QUIET % of the machine; going on"; return 0; }
    say "other work takes $QUIET % of the machine; waiting for it to settle"
  done
}

rss_mb() {
  awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"
}

# seed_users BASE_URL COUNT: registers users over the API; prints the first user's id.
seed_users() {
  local base="$1" count="$2" i body first=""
  for ((i = 1; i <= count; i++)); do
    body="$(curl -s --max-time 5 -X POST "$base/v1/users" -H "$AUTH_HEADER" -H 'Content-Type: application/json' \
              -d "{\"name\":\"Bench User $i\",\"email\":\"bench$i.$RANDOM@example.com\"}")"
    [ -n "$first" ] || first="$(sed -n 's/^{"id":\([0-9][0-9]*\).*/\1/p' <<<"$body")"
  done
  [ -n "$first" ] || die "seeding users at $base failed: $body"
  echo "$first"
}

# ---------------------------------------------------------------------------------------------------------------
# wrk: run and parse

# to_ms VALUE_WITH_UNIT (wrk prints us, ms, s or m)
to_ms() {
  awk -v v="$1" 'BEGIN {
    n = v; sub(/[a-z]+$/, "", n); u = v; sub(/^[0-9.]+/, "", u);
    f = (u == "us") ? 0.001 : (u == "ms") ? 1 : (u == "s") ? 1000 : (u == "m") ? 60000 : -1;
    if (f < 0) { print "nan" } else { printf "%.2f", n * f } }'
}

# run_wrk OUTFILE DURATION URL [SCRIPT]
run_wrk() {
  local out="$1" duration="$2" url="$3" script="${4:-}" args=()
  # The bare endpoint ignores the token; sending it everywhere keeps the requests of every cell alike.
  args=(-t"$THREADS" -c"$CONNECTIONS" -d"$duration" --latency -H "$AUTH_HEADER")
  [ -n "$script" ] && args+=(-s "$script")
  wrk "${args[@]}" "$url" >"$out" 2>&1 || die "wrk failed on $url; see $out"
}

# parse_wrk FILE: prints "rps p50_ms p99_ms errors" (errors: non-2xx/3xx plus socket errors).
parse_wrk() {
  local f="$1" rps p50 p99 non2xx sock
  rps="$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$f")"
  p50="$(to_ms "$(awk '$1 == "50%" { print $2 }' "$f")")"
  p99="$(to_ms "$(awk '$1 == "99%" { print $2 }' "$f")")"
  non2xx="$(awk '/Non-2xx or 3xx responses:/ { print $NF }' "$f")"
  sock="$(awk '/Socket errors:/ { gsub(/,/, ""); print $4 + $6 + $8 + $10 }' "$f")"
  echo "${rps:-0} ${p50:-nan} ${p99:-nan} $(( ${non2xx:-0} + ${sock:-0} ))"
}

# ---------------------------------------------------------------------------------------------------------------
# Start-up: time from launch to the first successful API response, and resident memory when idle after it.

STARTUP_NOAOT=""
STARTUP_AOT=""
STARTUP_NOTE=""

# measure_starts LABEL [JVM OPTIONS...]: sets MEASURED to "median_ms min_ms max_ms median_rss_mb other_cpu_pct"
# over $STARTS
# launches. (Not a $(...) subshell: the JVMs it starts must stay known to the exit trap.)
measure_starts() {
  local label="$1" i port t0 t1 pid s0 s1 others=0 times=() rsses=()
  shift
  for ((i = 1; i <= STARTS; i++)); do
    port="$(free_port)"
    s0="$(cpu_snapshot)"
    t0="$(now_ms)"
    start_app "start-$label-$i" "$WORK/modules/monolith" dev.cleave.app.monolith "$port" \
      CLEAVE_DATA_DIR="$WORK/data/startup" -- "$@"
    pid="$STARTED_PID"
    wait_ok "http://$HOST:$port/v1/users?limit=1" "$pid" 60 \
      || die "the monolith ($label) did not answer; see $LOGS/start-$label-$i.log"
    t1="$(now_ms)"
    s1="$(cpu_snapshot)"
    others=$(( others + $(other_cpu "$s0" "$s1") ))
    sleep 2
    times+=($(( t1 - t0 )))
    rsses+=("$(rss_mb "$pid")")
    stop_pid "$pid"
  done
  local sorted_t sorted_r mid=$(( (STARTS - 1) / 2 ))
  sorted_t=($(printf '%s\n' "${times[@]}" | sort -n))
  sorted_r=($(printf '%s\n' "${rsses[@]}" | sort -n))
  MEASURED="${sorted_t[$mid]} ${sorted_t[0]} ${sorted_t[$((STARTS - 1))]} ${sorted_r[$mid]} $(( others / STARTS ))"
}

measure_startup() {
  mkdir -p "$WORK/data/startup"
  # The data directory is created (and migrated) once first, so every measured launch opens existing data, as a
  # restart of ./cleave run does. The training run of the AOT cache doubles as that first launch where it exists.
  local cache="$WORK/app-monolith.aot" trained=0
  if [ "$(jdk_feature_version)" -ge 25 ]; then
    say "training the AOT cache of the monolith (as ./cleave run does)"
    if env PORT=0 HOST="$HOST" CLEAVE_DATA_DIR="$WORK/data/startup" CLEAVE_TRAINING_RUN=true \
         "$JAVA" -XX:AOTCacheOutput="$cache" -Xlog:aot*=error -p "$WORK/modules/monolith" \
         -m dev.cleave.app.monolith >"$LOGS/aot-training.log" 2>&1 && [ -f "$cache" ]; then
      trained=1
    else
      STARTUP_NOTE="The AOT training run failed (see bench/target/run/aot-training.log)."
    fi
  else
    STARTUP_NOTE="JDK $(jdk_feature_version) has no AOT cache (JDK 25+), so only the plain start is measured."
  fi
  if [ "$trained" = 0 ]; then
    local port pid
    port="$(free_port)"
    start_app "start-initial" "$WORK/modules/monolith" dev.cleave.app.monolith "$port" \
      CLEAVE_DATA_DIR="$WORK/data/startup"
    pid="$STARTED_PID"
    wait_ok "http://$HOST:$port/v1/users?limit=1" "$pid" 60 || die "the monolith did not start"
    stop_pid "$pid"
  fi
  say "start-up without AOT cache ($STARTS launches)"
  measure_starts noaot
  STARTUP_NOAOT="$MEASURED"
  if [ "$trained" = 1 ]; then
    say "start-up with AOT cache ($STARTS launches)"
    measure_starts aot -XX:AOTCache="$cache" -Xlog:aot*=error
    STARTUP_AOT="$MEASURED"
  fi
}

# ---------------------------------------------------------------------------------------------------------------
# Throughput: all topologies up at once, passes interleaved, so each ratio compares numbers taken minutes apart
# at most under the same background load.

declare -A URL_GET URL_POST RESULT RSS_AFTER PIDOF USER_ID IDLE_CPU WARMED LIGHT PACED
TOPOLOGIES=(bare monolith split)

start_topologies() {
  local port user_port order_port
  say "starting the bare baseline, the monolith and the split services on $HOST"

  port="$(free_port)"
  start_app bare "$WORK/modules/bare" dev.cleave.bench.bare "$port"
  PIDOF[bare]="$STARTED_PID"
  URL_GET[bare]="http://$HOST:$port"
  URL_POST[bare]="http://$HOST:$port"

  port="$(free_port)"
  mkdir -p "$WORK/data/monolith"
  start_app monolith "$WORK/modules/monolith" dev.cleave.app.monolith "$port" CLEAVE_DATA_DIR="$WORK/data/monolith"
  PIDOF[monolith]="$STARTED_PID"
  URL_GET[monolith]="http://$HOST:$port"
  URL_POST[monolith]="http://$HOST:$port"

  user_port="$(free_port)"
  mkdir -p "$WORK/data/user-service" "$WORK/data/order-service"
  # The split services send their events through RabbitMQ: a virtual host of this run's own, so they never share
  # queues with services a developer runs on the same broker.
  events_broker
  start_app split-user "$WORK/modules/user" dev.cleave.app.user "$user_port" \
    CLEAVE_DATA_DIR="$WORK/data/user-service" CLEAVE_AMQP_URL="$EVENTS_URL"
  PIDOF[split-user]="$STARTED_PID"
  order_port="$(free_port)"
  while [ "$order_port" = "$user_port" ]; do order_port="$(free_port)"; done
  start_app split-order "$WORK/modules/order" dev.cleave.app.order "$order_port" \
    CLEAVE_DATA_DIR="$WORK/data/order-service" USER_SERVICE_URL="http://$HOST:$user_port" CLEAVE_AMQP_URL="$EVENTS_URL"
  PIDOF[split]="$STARTED_PID"
  # In the split topology a user is read from the user service; an order is placed at the order service, which
  # asks the user service over HTTP whether the user exists.
  URL_GET[split]="http://$HOST:$user_port"
  URL_POST[split]="http://$HOST:$order_port"

  wait_ok "${URL_GET[bare]}/v1/users/1" "${PIDOF[bare]}" 90 || die "bare baseline did not start; see $LOGS/bare.log"
  wait_ok "${URL_GET[monolith]}/observe/health" "${PIDOF[monolith]}" 90 \
    || die "monolith did not start; see $LOGS/monolith.log"
  wait_ok "${URL_GET[split]}/observe/health" "${PIDOF[split-user]}" 90 \
    || die "user service did not start; see $LOGS/split-user.log"
  wait_ok "${URL_POST[split]}/observe/health" "${PIDOF[split]}" 90 \
    || die "order service did not start; see $LOGS/split-order.log"

  say "seeding $USERS_TO_SEED users in the monolith and in the user service"
  USER_ID[bare]=1
  USER_ID[monolith]="$(seed_users "${URL_GET[monolith]}" "$USERS_TO_SEED")"
  USER_ID[split]="$(seed_users "${URL_GET[split]}" "$USERS_TO_SEED")"

  # One correct request of each kind first, so a wrong setup fails here and not as a column of errors.
  local topo code
  for topo in "${TOPOLOGIES[@]}"; do
    code="$(curl -s -o /dev/null -w '%{http_code}' -H "$AUTH_HEADER" "${URL_GET[$topo]}/v1/users/${USER_ID[$topo]}")"
    [ "$code" = 200 ] || die "GET /v1/users/${USER_ID[$topo]} on $topo answered $code"
    code="$(curl -s -o "$LOGS/first-order-$topo.json" -w '%{http_code}' -X POST "${URL_POST[$topo]}/v1/orders" \
              -H "$AUTH_HEADER" -H 'Content-Type: application/json' \
              -d "{\"userId\":${USER_ID[$topo]},\"items\":[{\"sku\":\"BOOK-1\",\"quantity\":1,\"unitPriceCents\":100}]}")"
    [ "$code" = 201 ] || die "POST /v1/orders on $topo answered $code: $(cat "$LOGS/first-order-$topo.json")"
  done
}

# load TOPOLOGY ENDPOINT DURATION OUTFILE
load() {
  local topo="$1" endpoint="$2" duration="$3" out="$4"
  if [ "$endpoint" = get ]; then
    run_wrk "$out" "$duration" "${URL_GET[$topo]}/v1/users/${USER_ID[$topo]}"
  else
    BENCH_USER_ID="${USER_ID[$topo]}" run_wrk "$out" "$duration" "${URL_POST[$topo]}/v1/orders" \
      "$ROOT/bench/post-order.lua"
  fi
}

# CPU ticks so far of one JVM (builtins only).
jvm_ticks() {
  local line
  line="$(</proc/$1/stat)" || { echo 0; return; }
  set -- ${line##*) }
  echo $(( ${12} + ${13} ))
}

# The server JVMs of the phase under way (keys of PIDOF): the topologies, or the observability-cost monoliths.
SERVERS=(bare monolith split-user split)

# Ticks of all the server JVMs together.
servers_ticks() {
  local topo sum=0
  for topo in "${SERVERS[@]}"; do sum=$(( sum + $(jvm_ticks "${PIDOF[$topo]}") )); done
  echo "$sum"
}

# measure_idle: each server's CPU over 3 s with no load (background work such as polling), in % of one core.
measure_idle() {
  local topo start=() i=0 end
  for topo in "${SERVERS[@]}"; do start+=("$(jvm_ticks "${PIDOF[$topo]}")"); done
  sleep 3
  IDLE_TICKS_PER_S=0
  for topo in "${SERVERS[@]}"; do
    end="$(jvm_ticks "${PIDOF[$topo]}")"
    IDLE_CPU[$topo]="$(awk -v d=$(( end - start[i] )) 'BEGIN { printf "%.0f", d / 3 }')"
    IDLE_TICKS_PER_S=$(( IDLE_TICKS_PER_S + ${IDLE_CPU[$topo]} ))
    i=$(( i + 1 ))
  done
}

# settle: after a pass, waits (at most BENCH_SETTLE seconds, default 10) until the servers are back to their idle
# CPU, so work a pass left behind (an outbox to drain, a database to compact) does not slow the next pass down;
# sets SETTLED to the seconds it took.
settle() {
  local t0 deadline s0 s1 limit
  t0="$(date +%s%N)"
  deadline=$(( $(date +%s) + ${BENCH_SETTLE:-10} ))
  limit=$(( IDLE_TICKS_PER_S + $(nproc) * 5 ))
  while [ "$(date +%s)" -lt "$deadline" ]; do
    s0="$(servers_ticks)"; sleep 1; s1="$(servers_ticks)"
    [ $(( s1 - s0 )) -le "$limit" ] && break
  done
  SETTLED="$(awk -v d=$(( $(date +%s%N) - t0 )) 'BEGIN { printf "%.0f", d / 1e9 }')"
}

# warm_up TOPOLOGY ENDPOINT: load in steps of $WARMUP_STEP s until the rate stops rising (a step less than 5 %
# above the best before it, after at least 15 s) or $WARMUP s have passed. A JVM serving these routes needs tens
# of seconds of load before the JIT has compiled its hot paths: measured cold, the monolith's GET ran at a fifth
# of its warm rate. Sets WARMED[TOPOLOGY,ENDPOINT] to the seconds it took and the rates of the steps.
warm_up() {
  local topo="$1" endpoint="$2" elapsed=0 best=0 rps steps=""
  while [ "$elapsed" -lt "$WARMUP" ]; do
    load "$topo" "$endpoint" "${WARMUP_STEP}s" "$LOGS/wrk-warmup-$topo-$endpoint-$elapsed.txt"
    elapsed=$(( elapsed + WARMUP_STEP ))
    rps="$(parse_wrk "$LOGS/wrk-warmup-$topo-$endpoint-$(( elapsed - WARMUP_STEP )).txt")"
    rps="${rps%% *}"
    steps="${steps:+$steps, }$rps"
    if [ "$elapsed" -ge 15 ] && [ $(( rps * 100 )) -lt $(( best * 105 )) ]; then break; fi
    [ "$rps" -gt "$best" ] && best="$rps"
  done
  say "warmed up $topo $endpoint in $elapsed s (req/s per step: $steps)"
  WARMED[$topo,$endpoint]="$elapsed s ($steps)"
}

# measure_pass TOPOLOGY ENDPOINT ROUND OUTFILE [PID]: one measured pass of $DURATION, then the servers settle;
# RESULT[TOPOLOGY,ENDPOINT,ROUND] gets "req/s p50 p99 errors other-CPU settle-s". With PID, PID_SHARE gets the
# share of the machine (all cores, %) that process took during the load.
measure_pass() {
  local topo="$1" endpoint="$2" round="$3" out="$4" pid="${5:-}" s0 s1 t0 this
  [ -z "$pid" ] || t0="$(jvm_ticks "$pid")"
  s0="$(cpu_snapshot)"
  load "$topo" "$endpoint" "$DURATION" "$out"
  s1="$(cpu_snapshot)"
  [ -z "$pid" ] || PID_SHARE="$(awk -v d=$(( $(jvm_ticks "$pid") - t0 )) -v s="${DURATION%s}" -v n="$(nproc)" \
                                  'BEGIN { printf "%.0f", d / (s * n) }')"
  this="$(parse_wrk "$out") $(other_cpu "$s0" "$s1")"
  settle
  RESULT[$topo,$endpoint,$round]="$this $SETTLED"
}

measure_throughput() {
  local topo endpoint round
  measure_idle
  # All GET passes first: POSTs leave work behind in the servers (outbox, database) that would weigh on them.
  for endpoint in get post; do
    for topo in "${TOPOLOGIES[@]}"; do
      warm_up "$topo" "$endpoint"
      settle
    done
    for ((round = 1; round <= ROUNDS; round++)); do
      for topo in "${TOPOLOGIES[@]}"; do
        say "pass $round/$ROUNDS, $DURATION: $topo $endpoint"
        measure_pass "$topo" "$endpoint" "$round" "$LOGS/wrk-$topo-$endpoint-$round.txt"
      done
    done
  done
  measure_paced
  # The hop alone: one connection, so no request waits behind another and p50 is one order's own latency.
  for ((round = 1; round <= 2; round++)); do
    for topo in monolith split; do
      say "one connection, pass $round/2, $DURATION: $topo post"
      THREADS=1 CONNECTIONS=1 load "$topo" post "$DURATION" "$LOGS/wrk-c1-$topo-post-$round.txt"
      LIGHT[$topo,$round]="$(parse_wrk "$LOGS/wrk-c1-$topo-post-$round.txt")"
      settle
    done
  done
  for topo in bare monolith split-user split; do
    RSS_AFTER[$topo]="$(rss_mb "${PIDOF[$topo]}")"
  done
}

# measure_paced: POST /v1/orders at a fixed rate both topologies sustain (half the split's measured rate), over
# $CONNECTIONS connections, so p50 is an order's latency under concurrent load and not the length of the queue a
# saturated server builds; the difference between the topologies is what the hop adds.
measure_paced() {
  local topo round values=()
  for ((round = 1; round <= ROUNDS; round++)); do values+=("$(field "${RESULT[split,post,$round]}" 0)"); done
  PACED_RATE="${BENCH_PACED_RATE:-$(median '%.0f' "${values[@]}")}"
  [ -z "${BENCH_PACED_RATE:-}" ] && PACED_RATE=$(( PACED_RATE / 2 ))
  [ "$PACED_RATE" -ge 1 ] || die "no POST rate to pace at (the split's POST passes measured $PACED_RATE req/s)"
  PACE_MS=$(( CONNECTIONS * 1000 / PACED_RATE ))
  for ((round = 1; round <= 2; round++)); do
    for topo in monolith split; do
      say "paced at $PACED_RATE req/s over $CONNECTIONS connections, pass $round/2, $DURATION: $topo post"
      BENCH_PACE_MS="$PACE_MS" load "$topo" post "$DURATION" "$LOGS/wrk-paced-$topo-post-$round.txt"
      PACED[$topo,$round]="$(parse_wrk "$LOGS/wrk-paced-$topo-post-$round.txt")"
      settle
    done
  done
}

# ---------------------------------------------------------------------------------------------------------------
# Report

# p50_difference TABLE: the median over the two passes of split p50 − monolith p50 in the named array (LIGHT or
# PACED), each split pass beside the monolith pass just before it.
p50_difference() {
  local -n passes="$1"
  local round values=()
  for round in 1 2; do
    values+=("$(awk -v s="$(field "${passes[split,$round]}" 1)" -v m="$(field "${passes[monolith,$round]}" 1)" \
                 'BEGIN { printf "%.2f", s - m }')")
  done
  median '%.2f' "${values[@]}"
}

# median_of TABLE TOPOLOGY INDEX: the median of that field over the two passes in the named array.
median_of() {
  local -n passes="$1"
  median "$([ "$3" = 0 ] && echo '%.0f' || echo '%.2f')" "$(field "${passes[$2,1]}" "$3")" "$(field "${passes[$2,2]}" "$3")"
}

field() { local -a f=($1); echo "${f[$2]}"; }
pct() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.0f", 100 * a / b; else print "nan" }'; }
verdict_ge() { awk -v v="$1" -v t="$2" 'BEGIN { print (v != "nan" && v + 0 >= t + 0) ? "PASS" : "MISS" }'; }
verdict_le() { awk -v v="$1" -v t="$2" 'BEGIN { print (v != "nan" && v + 0 <= t + 0) ? "PASS" : "MISS" }'; }

# median FORMAT NUMBER...: the median ("nan" values are left out; "nan" if none is left).
median() {
  local format="$1"
  shift
  printf '%s\n' "$@" | grep -v nan | sort -g | awk -v f="$format" '{ v[NR] = $1 }
    END { if (NR == 0) { print "nan"; exit }
          m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf f "\n", m }'
}

# column TOPOLOGY ENDPOINT INDEX: that field of every pass.
column() {
  local round
  for ((round = 1; round <= ROUNDS; round++)); do field "${RESULT[$1,$2,$round]}" "$3"; done
}

# paired_pct A_TOPOLOGY B_TOPOLOGY ENDPOINT: the median over passes of 100 * A / B, each A beside the B of its
# own round (taken seconds apart), so load from other work that lasts for both mostly cancels out.
paired_pct() {
  local round values=()
  for ((round = 1; round <= ROUNDS; round++)); do
    values+=("$(pct "$(field "${RESULT[$1,$3,$round]}" 0)" "$(field "${RESULT[$2,$3,$round]}" 0)")")
  done
  median '%.0f' "${values[@]}"
}

# summarize_cells TOPOLOGY...: each cell of the table, RESULT[TOPOLOGY,ENDPOINT], from its $ROUNDS passes: the
# median pass (req/s, p50, p99, other CPU each a median on its own), errors summed.
summarize_cells() {
  local topo endpoint round errors
  for topo in "$@"; do
    for endpoint in get post; do
      errors=0
      for ((round = 1; round <= ROUNDS; round++)); do
        errors=$(( errors + $(field "${RESULT[$topo,$endpoint,$round]}" 3) ))
      done
      RESULT[$topo,$endpoint]="$(median '%.0f' $(column "$topo" "$endpoint" 0)) \
$(median '%.2f' $(column "$topo" "$endpoint" 1)) $(median '%.2f' $(column "$topo" "$endpoint" 2)) $errors \
$(median '%.0f' $(column "$topo" "$endpoint" 4))"
    done
  done
}

report() {
  local round values=()
  summarize_cells "${TOPOLOGIES[@]}"

  GET_MONO_PCT="$(paired_pct monolith bare get)"
  GET_SPLIT_PCT="$(paired_pct split monolith get)"
  POST_MONO_PCT="$(paired_pct monolith bare post)"
  POST_SPLIT_PCT="$(paired_pct split monolith post)"
  for ((round = 1; round <= ROUNDS; round++)); do
    values+=("$(awk -v s="$(field "${RESULT[split,post,$round]}" 1)" -v m="$(field "${RESULT[monolith,post,$round]}" 1)" \
                 'BEGIN { printf "%.2f", s - m }')")
  done
  P50_HOP="$(median '%.2f' "${values[@]}")"
  P50_HOP_C1="$(p50_difference LIGHT)"
  P50_MONO_C1="$(median_of LIGHT monolith 1)"
  P50_SPLIT_C1="$(median_of LIGHT split 1)"
  V_HOP_C1="$(verdict_le "$P50_HOP_C1" "$TARGET_P50_HOP_MS")"
  P50_HOP_PACED="$(p50_difference PACED)"
  P50_MONO_PACED="$(median_of PACED monolith 1)"
  P50_SPLIT_PACED="$(median_of PACED split 1)"
  RATE_MONO_PACED="$(median_of PACED monolith 0)"
  RATE_SPLIT_PACED="$(median_of PACED split 0)"
  V_HOP_PACED="$(verdict_le "$P50_HOP_PACED" "$TARGET_P50_HOP_MS")"

  V_GET_MONO="$(verdict_ge "$GET_MONO_PCT" "$TARGET_GET_MONO_VS_BARE")"
  V_POST_MONO="$(verdict_ge "$POST_MONO_PCT" "$TARGET_POST_MONO_VS_BARE")"
  V_POST_SPLIT="$(verdict_ge "$POST_SPLIT_PCT" "$TARGET_POST_SPLIT_VS_MONO")"

  if [ -n "$STARTUP_NOAOT" ]; then
    V_START_NOAOT="$(verdict_le "$(field "$STARTUP_NOAOT" 0)" "$TARGET_FIRST_RESPONSE_MS")"
    V_RSS_NOAOT="$(verdict_le "$(field "$STARTUP_NOAOT" 3)" "$TARGET_IDLE_RSS_MB")"
  fi
  if [ -n "$STARTUP_AOT" ]; then
    V_START_AOT="$(verdict_le "$(field "$STARTUP_AOT" 0)" "$TARGET_FIRST_RESPONSE_MS")"
    V_RSS_AOT="$(verdict_le "$(field "$STARTUP_AOT" 3)" "$TARGET_IDLE_RSS_MB")"
  fi
}

row() { # LABEL TOPOLOGY
  local g="${RESULT[$2,get]}" p="${RESULT[$2,post]}"
  printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s / %s |\n' "$1" \
    "$(field "$g" 0)" "$(field "$g" 1)" "$(field "$g" 2)" \
    "$(field "$p" 0)" "$(field "$p" 1)" "$(field "$p" 2)" \
    "$(( $(field "$g" 3) + $(field "$p" 3) ))" "$(field "$g" 4)" "$(field "$p" 4)"
}

table() {
  echo "| topology | GET /v1/users/{id} req/s | p50 ms | p99 ms | POST /v1/orders req/s | p50 ms | p99 ms | errors | other CPU % (GET / POST) |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
  row "bare Helidon (ceiling)" bare
  row "monolith" monolith
  row "split (GET: user service; POST: order service → user service)" split
}

ratios() {
  echo "| ratio (median of the passes taken back to back) | measured | target | |"
  echo "|---|---:|---:|---|"
  echo "| monolith / bare, \`GET /v1/users/{id}\` req/s | $GET_MONO_PCT % | ≥ $TARGET_GET_MONO_VS_BARE % | $V_GET_MONO |"
  echo "| monolith / bare, \`POST /v1/orders\` req/s | $POST_MONO_PCT % | ≥ $TARGET_POST_MONO_VS_BARE % | $V_POST_MONO |"
  echo "| split / monolith, \`POST /v1/orders\` req/s | $POST_SPLIT_PCT % | ≥ $TARGET_POST_SPLIT_VS_MONO % | $V_POST_SPLIT |"
  echo "| split − monolith, \`POST /v1/orders\` p50 at $PACED_RATE req/s over $CONNECTIONS connections ($P50_SPLIT_PACED − $P50_MONO_PACED ms) | $P50_HOP_PACED ms | ≤ $TARGET_P50_HOP_MS ms | $V_HOP_PACED |"
  echo "| split − monolith, \`POST /v1/orders\` p50 at one connection ($P50_SPLIT_C1 − $P50_MONO_C1 ms) | $P50_HOP_C1 ms | ≤ $TARGET_P50_HOP_MS ms | $V_HOP_C1 |"
  echo "| split − monolith, \`POST /v1/orders\` p50 saturated ($CONNECTIONS connections, as many requests as served) | $P50_HOP ms | — | info |"
  echo "| split (user service alone) / monolith, \`GET /v1/users/{id}\` req/s | $GET_SPLIT_PCT % | — | info |"
}

startup_table() {
  echo "| monolith start | first successful response, median (min–max) of $STARTS | idle RSS, median | targets | other CPU % |"
  echo "|---|---:|---:|---|---:|"
  if [ -n "$STARTUP_NOAOT" ]; then
    echo "| plain (\`java -p … -m …\`) | $(field "$STARTUP_NOAOT" 0) ms ($(field "$STARTUP_NOAOT" 1)–$(field "$STARTUP_NOAOT" 2)) | $(field "$STARTUP_NOAOT" 3) MB | ≤ $TARGET_FIRST_RESPONSE_MS ms: $V_START_NOAOT; ≤ $TARGET_IDLE_RSS_MB MB: $V_RSS_NOAOT | $(field "$STARTUP_NOAOT" 4) |"
  fi
  if [ -n "$STARTUP_AOT" ]; then
    echo "| with the AOT cache (\`-XX:AOTCache\`, as \`./cleave run\`) | $(field "$STARTUP_AOT" 0) ms ($(field "$STARTUP_AOT" 1)–$(field "$STARTUP_AOT" 2)) | $(field "$STARTUP_AOT" 3) MB | ≤ $TARGET_FIRST_RESPONSE_MS ms: $V_START_AOT; ≤ $TARGET_IDLE_RSS_MB MB: $V_RSS_AOT | $(field "$STARTUP_AOT" 4) |"
  fi
}

all_passes() {
  local topo endpoint round r
  echo "| topology | endpoint | pass | req/s | p50 ms | p99 ms | errors | other CPU % | settle s |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|---:|"
  for endpoint in get post; do
    for topo in "${TOPOLOGIES[@]}"; do
      for ((round = 1; round <= ROUNDS; round++)); do
        r="${RESULT[$topo,$endpoint,$round]}"
        echo "| $topo | $endpoint | $round | $(field "$r" 0) | $(field "$r" 1) | $(field "$r" 2) | $(field "$r" 3) | $(field "$r" 4) | $(field "$r" 5) |"
      done
    done
  done
  post_passes PACED "post, paced at $PACED_RATE req/s"
  post_passes LIGHT "post, one connection"
}

# post_passes TABLE LABEL: the rows of the two POST passes of each topology in the named array (PACED or LIGHT).
post_passes() {
  local -n passes="$1"
  local round topo r
  for round in 1 2; do
    for topo in monolith split; do
      r="${passes[$topo,$round]}"
      echo "| $topo | $2 | $round | $(field "$r" 0) | $(field "$r" 1) | $(field "$r" 2) | $(field "$r" 3) | — | — |"
    done
  done
}

machine() {
  local cpu mem jdk
  cpu="$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)"
  mem="$(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo 2>/dev/null || true)"
  jdk="$("$JAVA" -version 2>&1 | head -n 2 | paste -sd ';' | sed 's/;/; /')"
  echo "- CPU: ${cpu:-unknown}, $(nproc) cores online (\`nproc\`)"
  echo "- memory: ${mem:-unknown}"
  echo "- kernel: $(uname -sr)"
  echo "- JDK: $jdk (\`$JAVA_HOME\`), default JVM options (no \`-Xmx\`, default GC)"
  echo "- Cleave settings: authentication on (every request carries a development-issuer admin token, RS256, verified"
  echo "  by each service, in full once a minute per token and remembered in between: \`CLEAVE_AUTH_DEV=true\`), rate"
  echo "  limits and the access log off (\`CLEAVE_RATE_LIMIT=off CLEAVE_ACCESS_LOG=off\`); in the split the order"
  echo "  service calls the user service with its own service token"
  echo "- load generator: $(wrk -v 2>&1 | head -n 1 | cut -d' ' -f1-2)"
  echo "- load average (1/5/15 min) at the start of the run, before building: $LOAD_BEFORE; before the load: $LOAD_LOAD; after it: $LOAD_AFTER"
  echo "- other work on the machine (CPU not used by this benchmark, share of all cores, 2 s sample) before the"
  echo "  start-up measurements: $QUIET_STARTUP %; before the load: $QUIET_LOAD %"
}

interpretation() {
  local g_bare="${RESULT[bare,get]}" p_bare="${RESULT[bare,post]}" p_mono="${RESULT[monolith,post]}"
  local p_split="${RESULT[split,post]}" errors=0 topo endpoint
  for topo in "${TOPOLOGIES[@]}"; do
    for endpoint in get post; do errors=$(( errors + $(field "${RESULT[$topo,$endpoint]}" 3) )); done
  done
  echo "- **The ceiling.** The bare app answers the same routes from memory with Helidon and Jackson:"
  echo "  $(field "$g_bare" 0) GET/s and $(field "$p_bare" 0) POST/s here. wrk and every server JVM share the same"
  echo "  $(nproc) cores, so wrk's own CPU time is in every number and absolute rates are lower than on a machine"
  echo "  where the client runs elsewhere; the ratios, measured in the same run, are the point."
  echo "- **\`GET /v1/users/{id}\`, monolith vs bare: $GET_MONO_PCT % ($V_GET_MONO).** The monolith adds the bearer"
  echo "  token's check (its signature once a minute, then remembered), a pooled H2 connection and one indexed"
  echo "  \`SELECT\` per request, mapping and the \`ETag\`; the bare app does none of it."
  echo "- **\`POST /v1/orders\`, monolith vs bare: $POST_MONO_PCT % ($V_POST_MONO).** Each order is parsed strictly,"
  echo "  validated, the user looked up (in-process), and the order, its lines and whatever else the order context"
  echo "  records with it written in one transaction. H2 serializes and writes a new chunk of its file on every"
  echo "  commit (\`WRITE_DELAY=0\`, so a crash loses nothing committed), one commit at a time: this path is bounded"
  echo "  by the embedded database, not by HTTP, and the bare app's POST (no database at all) is a distant ceiling."
  echo "- **\`POST /v1/orders\`, split vs monolith: $POST_SPLIT_PCT % ($V_POST_SPLIT); the hop adds $P50_HOP_PACED ms to"
  echo "  p50 at $PACED_RATE req/s over $CONNECTIONS connections ($V_HOP_PACED) and $P50_HOP_C1 ms at one connection"
  echo "  ($V_HOP_C1).** The order service asks the user service over HTTP (\`GET /v1/users/{id}\` through Helidon's"
  echo "  WebClient with retry, circuit breaker and bulkhead) for every order, so one order costs two HTTP exchanges"
  echo "  and three processes (wrk, order service, user service) share $(nproc) cores: the hop costs CPU here, not"
  echo "  only network latency, which on loopback is microseconds. The hop's latency is measured where both"
  echo "  topologies keep up: $CONNECTIONS connections each waiting about $PACE_MS ms (at random, ±50 %) between a"
  echo "  response and its next request (\`BENCH_PACE_MS\` in \`bench/post-order.lua\`), so about $PACED_RATE orders"
  echo "  a second, half of what the split served saturated (achieved: monolith $RATE_MONO_PACED, split"
  echo "  $RATE_SPLIT_PACED req/s). Saturated, wrk keeps $CONNECTIONS requests in flight and p50 is mostly the time a"
  echo "  request waits behind the others ($CONNECTIONS divided by the rate): there the split's lower rate shows as"
  echo "  $P50_HOP ms more p50, which is the throughput ratio above seen again, not the hop's own latency."
  local worst
  worst="$(printf '%s\n' "${QUIET_LOAD:-0}" $(for topo in "${TOPOLOGIES[@]}"; do for endpoint in get post; do \
             field "${RESULT[$topo,$endpoint]}" 4; done; done) | sort -n | tail -n 1)"
  if [ "$worst" -ge 25 ]; then
    echo "- **Disturbed run.** Other work took up to $worst % of the machine's CPU around or during the load"
    echo "  (see *other CPU %*); absolute rates are lower and latencies higher than on a quiet machine, and ratios"
    echo "  between cells disturbed unequally are off too. Run it again when the machine is idle."
  fi
  if [ -n "$STARTUP_NOAOT" ] && [ "$(field "$STARTUP_NOAOT" 4)" -ge 25 ]; then
    echo "- **Start-up under load.** Other work took $(field "$STARTUP_NOAOT" 4) % of the CPU while the monolith"
    echo "  started; a JVM start is CPU-bound (class loading, JIT), so these times are inflated accordingly."
  fi
  if [ "$errors" -gt 0 ]; then
    echo "- **Errors:** $errors non-2xx responses or socket errors in the reported passes; see the wrk outputs in"
    echo "  \`bench/target/run/\`. Rates that include errors are not comparable."
  fi
  echo "- **Caveats.** wrk measures closed-loop: latency under saturation, with coordinated omission (a stalled"
  echo "  server delays the next request rather than counting the wait), so p99 understates what an open-loop client"
  echo "  would see. $ROUNDS passes of $DURATION per cell after a warm-up; the table shows medians, the ratios"
  echo "  are medians of per-pass ratios (every pass is listed below, with how much CPU other work took meanwhile)."
  echo "  Other work on the machine moves absolute numbers between runs, and between passes of one run."
}

write_doc() {
  mkdir -p "$(dirname "$DOC")"
  {
    echo "# Benchmarks"
    echo
    echo "Written by \`./cleave bench\` (sources in [\`bench/\`](../bench)) on $(date -u '+%Y-%m-%d %H:%M UTC');"
    echo "every number below comes from that one run. Run it again to refresh this page; it is not part of"
    echo "\`./cleave test\`."
    echo
    echo "## Machine"
    echo
    machine
    echo
    echo "Load generator and servers share the same cores: every server JVM and wrk run on this machine, on"
    echo "loopback (\`$HOST\`), each server on a free port with a fresh temporary data directory (embedded H2)."
    echo
    echo "## What runs"
    echo
    echo "- **bare**: [\`bench/bare-helidon\`](../bench/bare-helidon), Helidon 4.5 WebServer with Jackson, the same two"
    echo "  routes answered from memory (no database, no validation): the ceiling on this machine."
    echo "- **monolith**: \`java -p app-monolith/target/modules -m dev.cleave.app.monolith\`."
    echo "- **split**: \`app-user\` and \`app-order\` (with \`USER_SERVICE_URL\` pointing at the user service)."
    echo "  \`GET /v1/users/{id}\` goes to the user service directly; \`POST /v1/orders\` goes to the order service,"
    echo "  which looks the user up in the user service over HTTP."
    echo
    echo "Before the load, $USERS_TO_SEED users are registered over the API in the monolith and in the user service."
    echo "All servers run at once, started without the AOT cache; for each endpoint and topology a warm-up, then"
    echo "$ROUNDS measured passes, interleaved across topologies so each ratio compares numbers taken close together"
    echo "(all GET passes first, then the POST passes, each after the servers went idle again);"
    echo "the table shows each cell's median over the passes, and each ratio is the median of the ratios of passes"
    echo "taken back to back (\`monolith\` right after \`bare\`, \`split\` right after \`monolith\`)."
    echo
    echo '```'
    echo "wrk -t$THREADS -c$CONNECTIONS -d${WARMUP_STEP}s --latency -H 'Authorization: Bearer <token>' <url>      # warm-up steps until the rate stops rising (≤ $WARMUP s)"
    echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency -H 'Authorization: Bearer <token>' http://$HOST:<port>/v1/users/<seeded id>   # GET, $ROUNDS passes"
    echo "BENCH_USER_ID=<seeded id> wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency -H 'Authorization: Bearer <token>' -s bench/post-order.lua http://$HOST:<port>/v1/orders"
    echo "BENCH_PACE_MS=$PACE_MS BENCH_USER_ID=<seeded id> wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency -H 'Authorization: Bearer <token>' -s bench/post-order.lua <same>   # paced, 2 passes"
    echo "BENCH_USER_ID=<seeded id> wrk -t1 -c1 -d$DURATION --latency -H 'Authorization: Bearer <token>' -s bench/post-order.lua <same>   # one connection, 2 passes"
    echo '```'
    echo
    echo "The POST body (\`bench/post-order.lua\`) is an order of two lines with \`Content-Type: application/json\`."
    echo
    echo "## Throughput and latency"
    echo
    table
    echo
    echo "Latencies are wrk's (closed loop, $CONNECTIONS connections). *errors*: non-2xx responses plus socket errors."
    echo "*other CPU %*: the share of the machine's CPU (all cores) that processes other than this benchmark's used"
    echo "during the pass (from \`/proc/stat\`, less the time of wrk, the server JVMs and RabbitMQ, which carries the"
    echo "split services' events); the machine is shared with"
    echo "other builds, and a pass with a high value is a disturbed one."
    echo
    echo "## Ratios against the targets"
    echo
    ratios
    echo
    echo "## Start-up and idle memory (monolith)"
    echo
    echo "Time from launching the JVM to the first \`200\` of \`GET /v1/users?limit=1\` (polled every 10 ms: a"
    echo "connect from bash until the port is open, then curl), then resident set size (\`VmRSS\`) after 2 s idle."
    echo "Each launch opens an existing data directory, as a restart does. The AOT cache is trained like"
    echo "\`./cleave run\` does it: one run with \`CLEAVE_TRAINING_RUN=true -XX:AOTCacheOutput=<file>\`, then launches"
    echo "with \`-XX:AOTCache=<file>\`."
    echo
    startup_table
    [ -z "$STARTUP_NOTE" ] || { echo; echo "$STARTUP_NOTE"; }
    echo
    echo "Resident memory after the load: bare ${RSS_AFTER[bare]} MB, monolith ${RSS_AFTER[monolith]} MB,"
    echo "user service ${RSS_AFTER[split-user]} MB, order service ${RSS_AFTER[split]} MB."
    echo
    echo "## Idle servers"
    echo
    echo "CPU each server used with no request at all, over 3 s after seeding and before the load, in % of one core:"
    echo "bare ${IDLE_CPU[bare]} %, monolith ${IDLE_CPU[monolith]} %, user service ${IDLE_CPU[split-user]} %, order service ${IDLE_CPU[split]} %."
    echo "Background work (pollers, housekeeping) shows here; the bare app has none."
    echo
    echo "## Reading the numbers"
    echo
    interpretation
    echo
    echo "## Every pass"
    echo
    echo "In run order: GET before POST, then the paced POST passes, then those at one connection. *settle s*: how"
    echo "long the servers took after the pass to fall back to their idle CPU (at most ${BENCH_SETTLE:-10} s) before the"
    echo "next pass began: work a request left for later, such as"
    echo "draining an outbox or compacting the database file, is done by then and cannot weigh on the next pass."
    echo
    all_passes
    echo
    echo "Warm-up of each cell before its passes (5 s steps until the rate stopped rising; req/s of each step):"
    echo
    local topo endpoint
    for endpoint in get post; do
      for topo in "${TOPOLOGIES[@]}"; do echo "- $topo $endpoint: ${WARMED[$topo,$endpoint]}"; done
    done
  } >"$DOC.tmp"
  mv "$DOC.tmp" "$DOC"
}

print_summary() {
  echo
  table
  echo
  ratios
  echo
  startup_table
  echo
  echo "bench: written to ${DOC#"$ROOT"/}; wrk outputs and server logs in bench/target/run/"
}

# ---------------------------------------------------------------------------------------------------------------

# ---------------------------------------------------------------------------------------------------------------
# Events: bench/events-probe publishes through a real outbox, the platform's relay sends to RabbitMQ, a consumer
# applies them through its inbox; saturation rate, then delivery latency at a fixed rate.

declare -A EV

build_events() {
  if [ "${BENCH_SKIP_BUILD:-0}" = 1 ]; then
    say "BENCH_SKIP_BUILD=1: using the events probe already built"
  else
    # Installed, since the probe is built on its own against them; tests compiled (not run), so the platform's
    # test-fixtures jar installed beside it stays current.
    say "building the platform, its RabbitMQ transport and bench/events-probe (no tests run)"
    "$ROOT/cleave" mvn -q -DskipTests install -pl .,modules/platform-api,modules/platform-spi,modules/platform-persistence,modules/platform-amqp \
      || die "building the platform modules failed"
    "$ROOT/cleave" mvn -q -Dmaven.test.skip=true -f "$ROOT/bench/events-probe/pom.xml" package \
      || die "building bench/events-probe failed"
  fi
  [ -d "$ROOT/bench/events-probe/target/modules" ] || die "bench/events-probe/target/modules is missing"
  mkdir -p "$WORK/modules"
  rm -rf "$WORK/modules/events"
  cp -r "$ROOT/bench/events-probe/target/modules" "$WORK/modules/events"
}

# The broker URL of this run: a virtual host of its own (deleted on exit), unless BENCH_EVENTS_URL is set.
events_broker() {
  [ -n "${EVENTS_URL:-}" ] && return
  if [ -n "${BENCH_EVENTS_URL:-}" ]; then
    EVENTS_URL="$BENCH_EVENTS_URL"
    return
  fi
  command -v rabbitmqctl >/dev/null 2>&1 \
    || die "the events case needs rabbitmqctl (for a virtual host of its own) or BENCH_EVENTS_URL"
  EVENTS_VHOST="cleave-bench-$(date +%s)-$$"
  rabbitmqctl -q add_vhost "$EVENTS_VHOST" >/dev/null || die "rabbitmqctl add_vhost failed"
  rabbitmqctl -q set_permissions -p "$EVENTS_VHOST" guest '.*' '.*' '.*' >/dev/null \
    || die "rabbitmqctl set_permissions failed"
  EVENTS_URL="amqp://guest:guest@127.0.0.1:5672/$EVENTS_VHOST"
}

measure_events() {
  local s0 s1 pid rc=0 line
  EV[count]="${BENCH_EVENTS:-30000}"
  EV[rate]="${BENCH_EVENTS_RATE:-1000}"
  EV[seconds]="${BENCH_EVENTS_SECONDS:-15}"
  events_broker
  wait_quiet
  EV[quiet]="$QUIET"
  EV[load_before]="$(cut -d' ' -f1-3 /proc/loadavg)"
  say "events: ${EV[count]} events as fast as possible, then ${EV[rate]} events/s for ${EV[seconds]} s"
  s0="$(cpu_snapshot)"
  "$JAVA" -Devents.url="$EVENTS_URL" -Devents.count="${EV[count]}" -Devents.rate="${EV[rate]}" \
    -Devents.seconds="${EV[seconds]}" -p "$WORK/modules/events" -m dev.cleave.bench.events \
    >"$LOGS/events.log" 2>&1 &
  pid=$!
  PIDS+=("$pid")
  wait "$pid" || rc=$?
  # Reaped: its CPU time is now in this script's children's time, which cpu_snapshot counts as ours.
  local kept=() p
  for p in "${PIDS[@]}"; do [ "$p" = "$pid" ] || kept+=("$p"); done
  PIDS=("${kept[@]+"${kept[@]}"}")
  s1="$(cpu_snapshot)"
  [ "$rc" = 0 ] || die "the events probe failed (exit $rc); see $LOGS/events.log"
  EV[other]="$(other_cpu "$s0" "$s1")"
  EV[load_after]="$(cut -d' ' -f1-3 /proc/loadavg)"
  while IFS='=' read -r key value; do
    case "$key" in
      saturation.*|paced.*|warmup.*) EV[$key]="$value" ;;
    esac
  done < <(grep -E '^(saturation|paced|warmup)\.[a-z0-9_]+=' "$LOGS/events.log")
  [ -n "${EV[saturation.events_per_second]:-}" ] && [ -n "${EV[paced.p99_ms]:-}" ] \
    || die "the events probe printed no results; see $LOGS/events.log"
}

events_table() {
  local rate="${EV[saturation.events_per_second]}" p99="${EV[paced.p99_ms]}"
  echo "| measure | result | target | verdict |"
  echo "|---|---:|---:|:---:|"
  echo "| sustained rate, outbox → RabbitMQ → consumer (${EV[count]} events) | $rate events/s | ≥ $TARGET_EVENTS_PER_S events/s | $(verdict_ge "$rate" "$TARGET_EVENTS_PER_S") |"
  echo "| p99 delivery latency at ${EV[rate]} events/s | $p99 ms | ≤ $TARGET_EVENTS_P99_MS ms | $(verdict_le "$p99" "$TARGET_EVENTS_P99_MS") |"
}

events_section() {
  local cpu
  cpu="$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)"
  echo "## Events: outbox → RabbitMQ → consumer"
  echo
  echo "Written by \`./cleave bench events\` (or the events part of \`./cleave bench\`) on"
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'); a run of its own, so its machine load may differ from the sections above."
  echo "Machine: ${cpu:-unknown}, $(nproc) cores; $("$JAVA" -version 2>&1 | head -n 1); RabbitMQ at 127.0.0.1:5672"
  echo "(a virtual host of the run's own). Load average before: ${EV[load_before]}; after: ${EV[load_after]}."
  echo "Other work (neither the probe nor RabbitMQ) took ${EV[quiet]} % of the machine just before the run and"
  echo "${EV[other]} % during it."
  echo
  echo "[\`bench/events-probe\`](../bench/events-probe), one JVM on the module path: a publisher's outbox and a"
  echo "consumer's inbox in two embedded H2 databases (\`WRITE_DELAY=0\`, as \`./cleave run\` has them), the platform's"
  echo "\`OutboxRelay\` (batches of up to 1000, confirmed by the broker) and the RabbitMQ transport found through"
  echo "\`ServiceLoader\` (8 lanes, prefetch 200, a lane applies the events waiting for it in one transaction). The"
  echo "handler writes one row per event in the consumer's transaction, beside the inbox row."
  echo
  echo "- **Saturation**: ${EV[count]} events written to the outbox as fast as possible, 100 per transaction, after a"
  echo "  warm-up of ${EV[warmup.events]:-?} events; the rate is events applied per second from the first write to the last"
  echo "  event applied (${EV[saturation.seconds]} s; writing alone took ${EV[saturation.write_seconds]} s, ${EV[saturation.written_per_second]} events/s)."
  echo "  When writing stopped, ${EV[saturation.backlog_at_write_end]:-?} events were still on their way; relay and consumer"
  echo "  worked them off at ${EV[saturation.drain_per_second]:-?} events/s."
  echo "- **Paced**: ${EV[rate]} events/s for ${EV[seconds]} s, 10 per transaction every 10 ms on a fixed schedule"
  echo "  (achieved: ${EV[paced.written_per_second]} events/s written, ${EV[paced.late_ticks]} ticks more than 10 ms late). Delivery"
  echo "  latency: from the event's \`occurredAt\` (just before its outbox row is written) to its handler running in the"
  echo "  consumer (before that transaction's commit), recorded in an HdrHistogram."
  echo
  events_table
  echo
  echo "Delivery latency at ${EV[rate]} events/s: p50 ${EV[paced.p50_ms]} ms, p99 ${EV[paced.p99_ms]} ms, max ${EV[paced.max_ms]} ms"
  echo "(${EV[paced.latency_count]} events). Under saturation, where the backlog is the point, p50 ${EV[saturation.p50_ms]} ms,"
  echo "p99 ${EV[saturation.p99_ms]} ms."
  if [ "${EV[other]}" -ge 25 ]; then
    echo
    echo "**Disturbed run.** Other work took ${EV[other]} % of the machine's CPU during the measurement: the"
    echo "publisher, the relay, the broker and the consumer all compete with it for $(nproc) cores, so these numbers are"
    echo "lower (and latencies higher) than on a quiet machine. Run \`./cleave bench events\` again when it is idle."
  fi
}

# Replaces the Events section of the page (or appends it), leaving every other section as it was.
write_events_doc() {
  mkdir -p "$(dirname "$DOC")"
  {
    if [ -f "$DOC" ]; then
      awk '/^## Events: / { skip = 1; next } /^## / { skip = 0 } !skip' "$DOC" | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}'
    else
      echo "# Benchmarks"
      echo
      echo "Written by \`./cleave bench\` (sources in [\`bench/\`](../bench)); run it again to refresh this page."
    fi
    echo
    events_section
  } >"$DOC.tmp"
  mv "$DOC.tmp" "$DOC"
}

events_main() {
  build_events
  measure_events
  write_events_doc
  echo
  events_table
  echo
  echo "bench: p50 ${EV[paced.p50_ms]} ms, max ${EV[paced.max_ms]} ms at ${EV[rate]} events/s; other work took ${EV[other]} % of the CPU"
  echo "bench: written to ${DOC#"$ROOT"/} (section Events); probe output in bench/target/run/events.log"
}

# ---------------------------------------------------------------------------------------------------------------

# shellcheck source=bench/cost.sh
. "$ROOT/bench/cost.sh"

main() {
  case "${1:-all}" in
    events)
      rm -rf "$LOGS"
      mkdir -p "$LOGS" "$WORK/data"
      events_main
      return ;;
    cost)
      ensure_wrk
      rm -rf "$LOGS"
      mkdir -p "$LOGS" "$WORK/data"
      build
      cost_main
      return ;;
    all) ;;
    *) die "unknown case '$1': ./cleave bench [events|cost]" ;;
  esac
  ensure_wrk
  command -v curl >/dev/null 2>&1 || die "curl is needed"
  rm -rf "$LOGS"
  mkdir -p "$LOGS" "$WORK/data"
  LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
  build
  wait_quiet
  QUIET_STARTUP="$QUIET"
  measure_startup
  start_topologies
  wait_quiet
  QUIET_LOAD="$QUIET"
  LOAD_LOAD="$(cut -d' ' -f1-3 /proc/loadavg)"
  measure_throughput
  LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"
  local pid
  for pid in "${PIDS[@]+"${PIDS[@]}"}"; do stop_pid "$pid"; done
  report
  write_doc
  print_summary
  cost_main
  events_main
}

main "$@"
