#!/usr/bin/env bash
# Benchmarks of apigw-emulator against the references of ../shared/bench (nginx proxy_pass and a minimal
# Vert.x-core pass-through proxy), in ONE interleaved run on pinned cores (5 rounds, medians, paired ratios).
#
#   loadtest/bench.sh routing    gateway (routing only) vs the Vert.x floor proxy vs nginx      (issue 2)
#   loadtest/bench.sh auth       APIs with Identify & Authorize by API key and by OAuth2 token vs the same gateway
#                                without identification, one run                                     (issue 3)
#   loadtest/bench.sh throttle   API with a never-tripping Redis throttle vs without (events off for both), plus
#                                Redis calls per request from INFO commandstats                      (issues 4, 17)
#   loadtest/bench.sh events     routing with transactional events recorded (gw1, the default) vs the same gateway
#                                with events.enabled=false (gw2, a second process pinned to the same CPU, :5556);
#                                target gw1_over_gw2_rps >= 0.95                                     (issue 14)
#   loadtest/bench.sh compare    gateway now (events off) vs an earlier build (BEFORE_JAR, e.g. eeba02a) vs the
#                                Vert.x floor proxy: throughput only, target gw1_over_gw2_rps >= 0.97     (issues 8, 9)
#   loadtest/bench.sh all        gw1 = API key + never-tripping Redis throttle + plan quota, gw2 = the same gateway's
#                                routing-only API, gw3 = the floor proxy (loadtest/vertx-ref, NIO), plus nginx; Redis
#                                calls per request of gw1                                           (issue 17)
#   loadtest/bench.sh transport  gw1 = the gateway (routing only) on epoll, gw2 = the floor proxy on NIO, gw3 = the
#                                floor proxy on epoll (both loadtest/vertx-ref), plus nginx          (issue 17)
#   loadtest/bench.sh stack      gw1 = the gateway (routing only, its defaults), gw2 = the Vert.x floor proxy on epoll
#                                (loadtest/vertx-ref), gw3 = a proxy on Netty alone on epoll (loadtest/netty-ref),
#                                plus nginx; all phases (paced p99, c=1): what a data path below Vert.x would buy (issue 17)
#
# Environment: ROUNDS (default 5), BENCH (default ../shared/bench), OUT (results dir, default loadtest/results/<mode>),
# BENCH_OPTS (more options for baseline.sh, e.g. "-d 2 -w 1" for a smoke run of a few seconds), GW_HEAP (the
# gateways' -Xms/-Xmx, default 256m like the floor proxy's; RSS is about the heap plus 90 MiB, so GW_HEAP=160m shows
# the footprint the default event retention needs).
# The gateway is started by the harness (-g), pinned to the system-under-test CPU, with a config made here;
# the APIs are registered beforehand through the admin API and persist in the embedded store.
set -euo pipefail
MODE=${1:-routing}
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-5}
BENCH=${BENCH:-../shared/bench}
OUT=${OUT:-$PWD/loadtest/results/$MODE}
GW=http://127.0.0.1:5555
AUTH=Administrator:manage
log() { printf '[bench] %s\n' "$*" >&2; }

mvn -q -B -DskipTests package
WORK=$(mktemp -d /tmp/apigw-bench.XXXXXX)
REDIS_PID=""
cleanup() { [ -n "${GW_PID:-}" ] && kill "$GW_PID" 2>/dev/null; [ -n "${REF:-}" ] && kill "$REF" 2>/dev/null;
            [ -n "${OFF:-}" ] && kill "$OFF" 2>/dev/null;
            [ -n "${REF2:-}" ] && kill "$REF2" 2>/dev/null;
            [ -n "$REDIS_PID" ] && kill "$REDIS_PID" 2>/dev/null; true; }
trap cleanup EXIT

REDIS_URL=""
if [ "$MODE" = throttle ] || [ "$MODE" = all ]; then
  command -v redis-server >/dev/null || { apt-get update -qq && apt-get install -y -qq redis-server >/dev/null; }
  # Redis shares the load generator's CPU (the harness pins the gateway alone on the first allowed CPU)
  CPU1=$(taskset -cp $$ | sed 's/.*: //' | tr ',' '\n' | tail -1 | sed 's/.*-//')
  taskset -c "$CPU1" redis-server --port 18379 --bind 127.0.0.1 --save '' --appendonly no >/dev/null 2>&1 & REDIS_PID=$!
  sleep 0.5
  REDIS_URL=redis://127.0.0.1:18379
fi
cat > "$WORK/gateway.yaml" <<YAML
host: 127.0.0.1
port: 5555
dataDir: $WORK/data
redis: {url: "$REDIS_URL"}
demo: {enabled: false}
YAML
[ "$MODE" = compare ] && echo "events: {enabled: false}" >> "$WORK/gateway.yaml"
# the throttle comparison isolates the throttle's own cost: with events recorded, every request of both routes also
# XADDs to the Redis that shares the load generator's core, which made both routes range 11-24 k req/s between rounds
# (events on every policy together are measured by `all`)
[ "$MODE" = throttle ] && echo "events: {enabled: false}" >> "$WORK/gateway.yaml"
# the transport comparison pins the gateway to epoll (auto would choose it too on Linux, but says nothing if it cannot)
if [ "$MODE" = transport ]; then echo 'runtime: {transport: epoll}' >> "$WORK/gateway.yaml"; fi
GW_HEAP=${GW_HEAP:-256m}
JAVA_CMD="java -XX:+UseParallelGC -Xms$GW_HEAP -Xmx$GW_HEAP -jar $PWD/target/apigw-emulator.jar --config $WORK/gateway.yaml"

# ---- register the APIs with a throw-away run of the gateway
$JAVA_CMD > "$WORK/setup.log" 2>&1 & GW_PID=$!
for _ in $(seq 1 100); do curl -sf "$GW/rest/apigateway/health" >/dev/null && break; sleep 0.2; done
source "$PWD/loadtest/bench-apis.sh"   # register, activate (routed to the harness backend, nginx on :18080)
PLAIN=$(register echo); activate "$PLAIN"
HEADERS=()
URLS=("$GW/gateway/echo/1.0/")
if [ "$MODE" != routing ] && [ "$MODE" != events ] && [ "$MODE" != transport ] && [ "$MODE" != compare ] \
   && [ "$MODE" != stack ]; then
  command -v jq >/dev/null || { apt-get update -qq && apt-get install -y -qq jq >/dev/null; }
  # the policy variants on the same gateway; mode-specific setup lives in loadtest/bench-policies.sh
  source "$PWD/loadtest/bench-policies.sh"
  setup_"$MODE"   # sets POLICY_URLS and HEADERS
  URLS=("${POLICY_URLS[@]}" "$GW/gateway/echo/1.0/")
  if [ "$MODE" = throttle ] || [ "$MODE" = all ]; then
    mkdir -p "$OUT"; count_redis_calls "${POLICY_URLS[0]}" 18379 2000 "${HEADERS[0]:-}" | tee "$OUT/redis-commandstats.txt"
  fi
fi
kill "$GW_PID"; wait "$GW_PID" 2>/dev/null || true; GW_PID=""

HARGS=(); for h in "${HEADERS[@]:-}"; do [ -n "$h" ] && HARGS+=(-H "$h"); done
read -r -a EXTRA <<<"${BENCH_OPTS:-}"
mkdir -p "$OUT"
CPU0=$(taskset -cp $$ | sed 's/.*: //' | cut -d, -f1 | cut -d- -f1)
# the floor proxy of this repository (loadtest/vertx-ref: the shared one plus -Dtransport), pinned to the gateway's CPU;
# the same for another reference jar (loadtest/netty-ref) given with a name of its own for its log
start_floor() { # transport port [jar name] -> pid
  taskset -c "$CPU0" java -XX:+UseParallelGC -Xms256m -Xmx256m -Dtransport="$1" -Dport="$2" -Dinstances=1 \
    -jar "${3:-$PWD/loadtest/vertx-ref/target/vertx-ref-proxy.jar}" > "$WORK/ref-${4:-$1}.log" 2>&1 &
  echo $!
}
wait_floor() { # transport: until its log says it listens
  for _ in $(seq 1 100); do grep -q listening "$WORK/ref-$1.log" 2>/dev/null && return; sleep 0.2; done
  log "floor proxy ($1) did not start: $(cat "$WORK/ref-$1.log")"; exit 1
}
# paired per-round ratios of one target over another (the tput phase of rounds.tsv), as name=value lines
paired_ratios() { # rounds.tsv a:b...
  python3 - "$@" <<'PY'
import csv, statistics, sys
rows = [r for r in csv.DictReader(open(sys.argv[1]), delimiter="\t") if r["phase"] == "tput"]
rps = {(r["round"], r["target"]): float(r["rps"]) for r in rows}
for pair in sys.argv[2:]:
    a, b = pair.split(":")
    ratios = [rps[(rd, a)] / rps[(rd, b)] for (rd, t) in rps if t == b and (rd, a) in rps]
    print(f"{a}_over_{b}_rps_paired_median={statistics.median(ratios):.3f}" if ratios else f"{a}_over_{b}=n/a")
PY
}
if [ "$MODE" = all ] || [ "$MODE" = transport ] || [ "$MODE" = stack ]; then
  mvn -q -B -f loadtest/vertx-ref/pom.xml package
fi
if [ "$MODE" = all ]; then
  # gw2 (same host:port as gw1, no pid of its own) is charged to the gateway; gw3 is the floor proxy on NIO
  REF=$(start_floor nio 18090); wait_floor nio
  REDIS_WATCH_PORT=18379 "$BENCH/baseline.sh" -r "$ROUNDS" -q 0 -l 0 -o "$OUT" "${HARGS[@]}" -p ",$REF" "${EXTRA[@]}" \
    -g "$JAVA_CMD" "${URLS[0]}" "$GW/gateway/echo/1.0/" "http://127.0.0.1:18090/gateway/echo/1.0/"
  paired_ratios "$OUT/rounds.tsv" gw1:gw2 gw2:gw3 gw1:nginx gw2:nginx gw3:nginx | tee "$OUT/policy-ratios.env"
elif [ "$MODE" = transport ]; then
  REF=$(start_floor nio 18090); REF2=$(start_floor epoll 18091); wait_floor nio; wait_floor epoll
  "$BENCH/baseline.sh" -r "$ROUNDS" -q 0 -l 0 -o "$OUT" -p "$REF,$REF2" "${EXTRA[@]}" -g "$JAVA_CMD" \
    "$GW/gateway/echo/1.0/" "http://127.0.0.1:18090/gateway/echo/1.0/" "http://127.0.0.1:18091/gateway/echo/1.0/"
  paired_ratios "$OUT/rounds.tsv" gw1:gw2 gw1:gw3 gw3:gw2 gw1:nginx gw2:nginx gw3:nginx | tee "$OUT/transport-ratios.env"
  grep -h "transport" "$WORK"/ref-*.log "$OUT/gateway.log" >&2 || true
elif [ "$MODE" = stack ]; then
  mvn -q -B -f loadtest/netty-ref/pom.xml package
  REF=$(start_floor epoll 18090)
  REF2=$(start_floor epoll 18092 "$PWD/loadtest/netty-ref/target/netty-ref-proxy.jar" netty)
  wait_floor epoll; wait_floor netty
  "$BENCH/baseline.sh" -r "$ROUNDS" -o "$OUT" -p "$REF,$REF2" "${EXTRA[@]}" -g "$JAVA_CMD" \
    "$GW/gateway/echo/1.0/" "http://127.0.0.1:18090/gateway/echo/1.0/" "http://127.0.0.1:18092/gateway/echo/1.0/"
  paired_ratios "$OUT/rounds.tsv" gw1:gw2 gw1:gw3 gw3:gw2 gw1:nginx gw2:nginx gw3:nginx | tee "$OUT/stack-ratios.env"
elif [ "$MODE" = events ]; then
  # the same registered API on a second data directory, for a second gateway that records nothing
  cp -r "$WORK/data" "$WORK/data-off"; rm -f "$WORK/data-off/node-id"
  sed -e 's/^port: 5555/port: 5556/' -e "s#^dataDir: .*#dataDir: $WORK/data-off#" "$WORK/gateway.yaml" > "$WORK/gateway-off.yaml"
  echo "events: {enabled: false}" >> "$WORK/gateway-off.yaml"
  CPU0=$(taskset -cp $$ | sed 's/.*: //' | cut -d, -f1 | cut -d- -f1)
  taskset -c "$CPU0" java -XX:+UseParallelGC -Xms"$GW_HEAP" -Xmx"$GW_HEAP" -jar "$PWD/target/apigw-emulator.jar" \
    --config "$WORK/gateway-off.yaml" > "$WORK/off.log" 2>&1 & OFF=$!
  for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:5556/rest/apigateway/health" >/dev/null && break; sleep 0.2; done
  # throughput ratio only (paced and c=1 phases skipped); gw1 records, gw2 does not
  "$BENCH/baseline.sh" -r "$ROUNDS" -q 0 -l 0 -o "$OUT" -p "$OFF" "${EXTRA[@]}" -g "$JAVA_CMD" \
    "$GW/gateway/echo/1.0/" "http://127.0.0.1:5556/gateway/echo/1.0/"
  log "events target: gw1_over_gw2_rps >= 0.95 (recording on / off)"
elif [ "$MODE" = compare ]; then
  : "${BEFORE_JAR:?set BEFORE_JAR to the jar of the earlier build}"
  CPU0=$(taskset -cp $$ | sed 's/.*: //' | cut -d, -f1 | cut -d- -f1)
  printf 'host: 127.0.0.1\nport: 5557\ndataDir: %s\ndemo: {enabled: false}\n' "$WORK/data-before" > "$WORK/gateway-before.yaml"
  taskset -c "$CPU0" java -XX:+UseParallelGC -Xms"$GW_HEAP" -Xmx"$GW_HEAP" -jar "$BEFORE_JAR" --config "$WORK/gateway-before.yaml" \
    > "$WORK/before.log" 2>&1 & OFF=$!
  for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:5557/rest/apigateway/health" >/dev/null && break; sleep 0.2; done
  GW=http://127.0.0.1:5557; BEFORE=$(register echo); activate "$BEFORE"; GW=http://127.0.0.1:5555
  mvn -q -B -f "$BENCH/vertx-ref/pom.xml" package
  taskset -c "$CPU0" java -XX:+UseParallelGC -Xms256m -Xmx256m -jar "$BENCH/vertx-ref/target/vertx-ref-proxy.jar" \
    > "$WORK/ref.log" 2>&1 & REF=$!
  sleep 2
  # throughput only (paced and c=1 phases skipped); gw1 = now, gw2 = before, gw3 = the floor proxy
  "$BENCH/baseline.sh" -r "$ROUNDS" -q 0 -l 0 -o "$OUT" -p "$OFF,$REF" "${EXTRA[@]}" -g "$JAVA_CMD" \
    "$GW/gateway/echo/1.0/" "http://127.0.0.1:5557/gateway/echo/1.0/" "http://127.0.0.1:18090/gateway/echo/1.0/"
  log "compare target: gw1_over_gw2_rps >= 0.97 (now / before)"
elif [ "$MODE" = routing ]; then
  mvn -q -B -f "$BENCH/vertx-ref/pom.xml" package
  taskset -c "$CPU0" java -XX:+UseParallelGC -Xms256m -Xmx256m -jar "$BENCH/vertx-ref/target/vertx-ref-proxy.jar" \
    > "$WORK/ref.log" 2>&1 & REF=$!
  sleep 2
  "$BENCH/baseline.sh" -A -r "$ROUNDS" -o "$OUT" -p "$REF" "${EXTRA[@]}" -g "$JAVA_CMD" \
    "$GW/gateway/echo/1.0/" "http://127.0.0.1:18090/gateway/echo/1.0/"
else
  # throughput ratios only: the paced and c=1 phases are skipped to keep the run short
  REDIS_WATCH_PORT=$([ "$MODE" = throttle ] && echo 18379 || true) \
    "$BENCH/baseline.sh" -r "$ROUNDS" -q 0 -l 0 -o "$OUT" "${HARGS[@]}" "${EXTRA[@]}" -g "$JAVA_CMD" "${URLS[@]}"
  # paired per-round ratio of each policy route over the plain route (the last URL)
  python3 - "$OUT/rounds.tsv" "${#URLS[@]}" <<'PY' | tee "$OUT/policy-ratios.env"
import csv, statistics, sys
rows = [r for r in csv.DictReader(open(sys.argv[1]), delimiter="\t") if r["phase"] == "tput"]
n = int(sys.argv[2]); plain = f"gw{n}"
rps = {(r["round"], r["target"]): float(r["rps"]) for r in rows}
for i in range(1, n):
    ratios = [rps[(rd, f"gw{i}")] / rps[(rd, plain)] for (rd, t) in rps if t == plain and (rd, f"gw{i}") in rps]
    print(f"gw{i}_over_{plain}_rps_paired_median={statistics.median(ratios):.3f}")
PY
fi
log "results in $OUT (ratios.env, summary.tsv)"
cat "$OUT/ratios.env"
