# Sourced by bench/run.sh: what metrics and tracing cost. The monolith runs three times over, all at once: with
# metrics and tracing off (CLEAVE_METRICS=off), with metrics on (the default), and with tracing on at 10 %
# sampling sent to a real Zipkin (metrics off, so each is compared with "off" alone); GET and POST passes are
# interleaved across the three, and each ratio is the median of ratios of passes taken back to back.
# ./cleave bench cost runs only this and rewrites only its section of docs/benchmarks.md.

COST_TOPOLOGIES=(plain metered traced)
COST_ROUNDS="${BENCH_COST_ROUNDS:-6}"
TARGET_METRICS_COST_PCT=5
TARGET_TRACING_COST_PCT=10
ZIPKIN_VERSION=3.5.1

# The Zipkin server's exec jar from Maven Central (the version the tracing test uses), copied once per checkout.
zipkin_jar() {
  ZIPKIN_JAR="$ROOT/bench/target/zipkin/zipkin-server-$ZIPKIN_VERSION-exec.jar"
  [ -f "$ZIPKIN_JAR" ] && return
  say "fetching the Zipkin server $ZIPKIN_VERSION (exec jar) from Maven Central"
  "$ROOT/cleave" mvn -q -N dependency:copy -Dartifact="io.zipkin:zipkin-server:$ZIPKIN_VERSION:jar:exec" \
    -DoutputDirectory="$ROOT/bench/target/zipkin" || die "fetching the Zipkin server failed"
}

start_cost_topologies() {
  local name port
  zipkin_jar
  ZIPKIN_PORT="$(free_port)"
  # Armeria binds every interface unless told one address.
  # In memory, bounded: at thousands of sampled spans a second the default (500,000 spans) outgrows its heap.
  MEM_MAX_SPANS=50000 "$JAVA" -Xmx512m -jar "$ZIPKIN_JAR" "--armeria.ports[0].ip=$HOST" "--armeria.ports[0].port=$ZIPKIN_PORT" \
    "--armeria.ports[0].protocols[0]=http" >"$LOGS/zipkin.log" 2>&1 &
  PIDOF[zipkin]=$!
  PIDS+=("${PIDOF[zipkin]}")
  wait_ok "http://$HOST:$ZIPKIN_PORT/health" "${PIDOF[zipkin]}" 120 || die "Zipkin did not start; see $LOGS/zipkin.log"

  say "starting three monoliths: metrics and tracing off, metrics on, tracing on (10 % sampled, to Zipkin)"
  for name in "${COST_TOPOLOGIES[@]}"; do
    port="$(free_port)"
    mkdir -p "$WORK/data/cost-$name"
    case "$name" in
      plain) set -- CLEAVE_METRICS=off ;;
      metered) set -- CLEAVE_METRICS=on ;;
      traced) set -- CLEAVE_METRICS=off OTEL_TRACES_EXPORTER=zipkin \
                OTEL_EXPORTER_ZIPKIN_ENDPOINT="http://$HOST:$ZIPKIN_PORT/api/v2/spans" \
                OTEL_TRACES_SAMPLER=parentbased_traceidratio OTEL_TRACES_SAMPLER_ARG=0.1 ;;
    esac
    start_app "cost-$name" "$WORK/modules/monolith" dev.cleave.app.monolith "$port" \
      CLEAVE_DATA_DIR="$WORK/data/cost-$name" "$@"
    PIDOF[$name]="$STARTED_PID"
    URL_GET[$name]="http://$HOST:$port"
    URL_POST[$name]="http://$HOST:$port"
  done
  for name in "${COST_TOPOLOGIES[@]}"; do
    wait_ok "${URL_GET[$name]}/observe/health" "${PIDOF[$name]}" 90 || die "cost-$name did not start; see $LOGS/cost-$name.log"
    USER_ID[$name]="$(seed_users "${URL_GET[$name]}" "$USERS_TO_SEED")"
  done
  # Each setting is what it claims: no meters when off, meters when on, a trace in Zipkin when traced.
  [ "$(curl -s -o /dev/null -w '%{http_code}' "${URL_GET[plain]}/observe/metrics")" = 404 ] \
    || die "the monolith with CLEAVE_METRICS=off still serves /observe/metrics"
  curl -s "${URL_GET[metered]}/observe/metrics" | grep -q '^http_server_request_duration_seconds_count' \
    || die "the metered monolith shows no request durations"
  grep -q 'traces exported to zipkin' "$LOGS/cost-traced.log" || die "the traced monolith does not trace; see $LOGS/cost-traced.log"
}

# Rates drift during a run on a shared machine (a JVM's later passes can run a third slower than its first), so
# each round starts with another of the three: drift then favours none of them over the rounds.
measure_cost() {
  local topo endpoint round i order
  SERVERS=(plain metered traced)
  measure_idle
  for endpoint in get post; do
    for topo in "${COST_TOPOLOGIES[@]}"; do
      warm_up "$topo" "$endpoint"
      settle
    done
    for ((round = 1; round <= COST_ROUNDS; round++)); do
      order=()
      for ((i = 0; i < ${#COST_TOPOLOGIES[@]}; i++)); do
        order+=("${COST_TOPOLOGIES[$(( (round - 1 + i) % ${#COST_TOPOLOGIES[@]} ))]}")
      done
      for topo in "${order[@]}"; do
        say "cost pass $round/$COST_ROUNDS, $DURATION: $topo $endpoint"
        measure_pass "$topo" "$endpoint" "$round" "$LOGS/wrk-cost-$topo-$endpoint-$round.txt" "${PIDOF[zipkin]}"
        ZIPKIN_CPU[$topo,$endpoint,$round]="$PID_SHARE"
      done
    done
  done
  curl -s "http://$HOST:$ZIPKIN_PORT/api/v2/services" | grep -q cleave-monolith \
    || die "no span of the traced monolith reached Zipkin; see $LOGS/cost-traced.log"
}

# cost_of TOPOLOGY ENDPOINT: 100 − (TOPOLOGY / plain) %, the throughput it costs.
cost_of() {
  local pct
  pct="$(paired_pct "$1" plain "$2")"
  awk -v p="$pct" 'BEGIN { if (p == "nan") print "nan"; else printf "%.0f", 100 - p }'
}

cost_report() {
  local endpoint round
  summarize_cells "${COST_TOPOLOGIES[@]}"
  for endpoint in get post; do
    COST[metered,$endpoint]="$(cost_of metered "$endpoint")"
    COST[traced,$endpoint]="$(cost_of traced "$endpoint")"
    V_COST[metered,$endpoint]="$(verdict_le "${COST[metered,$endpoint]}" "$TARGET_METRICS_COST_PCT")"
    ZIPKIN_SHARE[$endpoint]="$(median '%.0f' $(for ((round = 1; round <= COST_ROUNDS; round++)); do
                                 echo "${ZIPKIN_CPU[traced,$endpoint,$round]}"; done))"
    # The collector shares these cores only because this is one machine: the share of the machine it took is
    # capacity the traced monolith lost to it, not to tracing. The verdict is on what is left.
    COST[tracer,$endpoint]="$(awk -v c="${COST[traced,$endpoint]}" -v z="${ZIPKIN_SHARE[$endpoint]}" \
                                'BEGIN { if (c == "nan") print "nan"; else printf "%.0f", c - z }')"
    V_COST[traced,$endpoint]="$(verdict_le "${COST[tracer,$endpoint]}" "$TARGET_TRACING_COST_PCT")"
  done
}

cost_table() {
  echo "| monolith | GET /v1/users/{id} req/s | p50 ms | p99 ms | POST /v1/orders req/s | p50 ms | p99 ms | errors | other CPU % (GET / POST) |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
  row "metrics and tracing off (\`CLEAVE_METRICS=off\`)" plain
  row "metrics on (the default)" metered
  row "tracing on, 10 % sampled, to Zipkin (metrics off)" traced
  echo
  echo "| cost: throughput lost against \"off\" (median of paired passes) | GET | POST | target |"
  echo "|---|---:|---:|---|"
  echo "| metrics | ${COST[metered,get]} % (${V_COST[metered,get]}) | ${COST[metered,post]} % (${V_COST[metered,post]}) | ≤ $TARGET_METRICS_COST_PCT % |"
  echo "| tracing, with Zipkin on the same cores | ${COST[traced,get]} % | ${COST[traced,post]} % | info |"
  echo "| Zipkin's own share of the machine meanwhile | ${ZIPKIN_SHARE[get]} % | ${ZIPKIN_SHARE[post]} % | info |"
  echo "| tracing itself (the above less Zipkin's share) | ${COST[tracer,get]} % (${V_COST[traced,get]}) | ${COST[tracer,post]} % (${V_COST[traced,post]}) | ≤ $TARGET_TRACING_COST_PCT % |"
}

cost_section() {
  local cpu
  cpu="$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)"
  echo "## Observability cost: metrics and tracing"
  echo
  echo "Written by \`./cleave bench\` (or \`./cleave bench cost\`, which refreshes only this section) on"
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'). Machine: ${cpu:-unknown}, $(nproc) cores; $("$JAVA" -version 2>&1 | head -n 1)."
  echo "Load average before: $COST_LOAD_BEFORE; after: $COST_LOAD_AFTER. Other work took $COST_QUIET % of the"
  echo "machine just before the load."
  echo
  echo "Three monoliths run at once on loopback, each with its own embedded database and the same settings as the"
  echo "throughput runs above (authentication on, rate limits and access log off): one with \`CLEAVE_METRICS=off\` and no"
  echo "\`OTEL_*\` variable (nothing measured, nothing traced), one with metrics on (every meter of"
  echo "\`/observe/metrics\`: the route timer, the in-process binding's proxy and timer, the event counters), and"
  echo "one with metrics off and \`OTEL_TRACES_EXPORTER=zipkin OTEL_TRACES_SAMPLER=parentbased_traceidratio"
  echo "OTEL_TRACES_SAMPLER_ARG=0.1\`, sending to a Zipkin server (\`io.zipkin:zipkin-server\` $ZIPKIN_VERSION, in memory) on"
  echo "this machine. Each endpoint is warmed up on each, then $COST_ROUNDS passes of $DURATION ($CONNECTIONS connections)"
  echo "interleaved; a cost is 100 % less the median over passes of the setting's rate divided by the \"off\" rate"
  echo "measured just before it."
  echo
  cost_table
  echo
  echo "Every span is made either way (a no-op span carries the caller's trace context when tracing is off); with"
  echo "tracing on, nine requests in ten are traced as not sampled, and the tenth records its server span (for an"
  echo "order also its transaction, and the outbox row keeps its trace context) and exports them in batches. The server"
  echo "JVMs, wrk and Zipkin share $(nproc) cores, so the traced monolith's rate also loses the CPU Zipkin takes to"
  echo "store the sampled spans (its share of the machine during the traced passes, from \`/proc/<pid>/stat\`); a"
  echo "collector runs elsewhere in production, so the verdict is on tracing's cost less that share, a first-order"
  echo "correction (both are shown). Each round starts with another of the three,"
  echo "so the drift of rates during a run favours none; differences of a few percent are still within what the"
  echo "machine moves between passes."
  echo
  echo "Where metrics' CPU goes, from a JFR profile of the metered monolith under this GET load: Helidon's own"
  echo "request counting (the filter its metrics feature puts before every route, \`requests_count_total\`), Micrometer's"
  echo "composite and Prometheus timers (the histogram's buckets and its exemplar lookup), and the route timer's"
  echo "callback. Client-side percentiles, Helidon's default for every timer, are off (the buckets give p50 and p99"
  echo "in Prometheus); with them on, metrics cost about 10 % of this GET rate."
  echo
  echo "Every pass, in the order run:"
  echo
  echo "| monolith | endpoint | pass | req/s | p50 ms | p99 ms | errors | other CPU % | settle s |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|---:|"
  local topo endpoint round r
  local i
  for endpoint in get post; do
    for round in $(seq 1 "$COST_ROUNDS"); do
      for ((i = 0; i < ${#COST_TOPOLOGIES[@]}; i++)); do
        topo="${COST_TOPOLOGIES[$(( (round - 1 + i) % ${#COST_TOPOLOGIES[@]} ))]}"
        r="${RESULT[$topo,$endpoint,$round]}"
        echo "| $topo | $endpoint | $round | $(field "$r" 0) | $(field "$r" 1) | $(field "$r" 2) | $(field "$r" 3) | $(field "$r" 4) | $(field "$r" 5) |"
      done
    done
  done
}

# Replaces the cost section of the page (or appends it), leaving every other section as it was.
write_cost_doc() {
  mkdir -p "$(dirname "$DOC")"
  {
    if [ -f "$DOC" ]; then
      awk '/^## Observability cost/ { skip = 1; next } /^## / { skip = 0 } !skip' "$DOC" \
        | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}'
    else
      echo "# Benchmarks"
      echo
      echo "Written by \`./cleave bench\` (sources in [\`bench/\`](../bench)); run it again to refresh this page."
    fi
    echo
    cost_section
  } >"$DOC.tmp"
  mv "$DOC.tmp" "$DOC"
}

declare -A COST V_COST ZIPKIN_CPU ZIPKIN_SHARE

cost_main() {
  # column, paired_pct and the warm-up read ROUNDS: this phase's own number of rounds.
  local pid ROUNDS="$COST_ROUNDS"
  COST_LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
  start_cost_topologies
  wait_quiet
  COST_QUIET="$QUIET"
  measure_cost
  COST_LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"
  for pid in "${PIDOF[plain]}" "${PIDOF[metered]}" "${PIDOF[traced]}" "${PIDOF[zipkin]}"; do stop_pid "$pid"; done
  cost_report
  write_cost_doc
  echo
  cost_table
  echo "bench: written to ${DOC#"$ROOT"/} (section Observability cost)"
}
