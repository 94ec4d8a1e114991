#!/usr/bin/env bash
# Benchmarks of apigw-emulator against the references of ../shared/bench (nginx proxy_pass and a minimal
# Vert.x-core pass-through proxy), in ONE interleaved run on pinned cores (5 rounds, medians, paired ratios).
#
#   loadtest/bench.sh routing    gateway (routing only) vs the Vert.x floor proxy vs nginx      (issue 2)
#   loadtest/bench.sh auth       APIs with Identify & Authorize by API key and by OAuth2 token vs the same gateway
#                                without identification, one run                                     (issue 3)
#   loadtest/bench.sh throttle   API with a never-tripping Redis throttle vs without, plus Redis calls per
#                                request from INFO commandstats                                      (issue 4)
#   loadtest/bench.sh events     routing with transactional events recorded (gw1, the default) vs the same gateway
#                                with events.enabled=false (gw2, a second process pinned to the same CPU, :5556);
#                                target gw1_over_gw2_rps >= 0.95                                     (issue 14)
#   loadtest/bench.sh compare    gateway now (events off) vs an earlier build (BEFORE_JAR, e.g. eeba02a) vs the
#                                Vert.x floor proxy: throughput only, target gw1_over_gw2_rps >= 0.97     (issues 8, 9)
#
# Environment: ROUNDS (default 5), BENCH (default ../shared/bench), OUT (results dir, default loadtest/results/<mode>).
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
            [ -n "$REDIS_PID" ] && kill "$REDIS_PID" 2>/dev/null; true; }
trap cleanup EXIT

REDIS_URL=""
if [ "$MODE" = throttle ]; then
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
JAVA_CMD="java -XX:+UseParallelGC -Xms256m -Xmx256m -jar $PWD/target/apigw-emulator.jar --config $WORK/gateway.yaml"

# ---- register the APIs with a throw-away run of the gateway
$JAVA_CMD > "$WORK/setup.log" 2>&1 & GW_PID=$!
for _ in $(seq 1 100); do curl -sf "$GW/rest/apigateway/health" >/dev/null && break; sleep 0.2; done
register() { # name -> api id; routed to the harness backend (nginx on :18080)
  local def='{"openapi":"3.0.3","info":{"title":"'$1'","version":"1.0"},"servers":[{"url":"http://127.0.0.1:18080"}],
    "paths":{"/":{"get":{"responses":{"200":{"description":"ok"}}}}}}'
  local id
  id=$(curl -sf -u $AUTH -H 'Content-Type: application/json' -X POST "$GW/rest/apigateway/apis" \
    -d '{"apiName":"'$1'","apiVersion":"1.0","type":"openapi","apiDefinition":'"$def"'}' | sed -E 's/.*"api":\{.*"id":"([^"]+)".*/\1/' )
  echo "$id"
}
activate() { curl -sf -u $AUTH -X PUT "$GW/rest/apigateway/apis/$1/activate" >/dev/null; }
PLAIN=$(register echo); activate "$PLAIN"
HEADERS=()
URLS=("$GW/gateway/echo/1.0/")
if [ "$MODE" != routing ] && [ "$MODE" != events ]; then
  command -v jq >/dev/null || { apt-get update -qq && apt-get install -y -qq jq >/dev/null; }
  # the policy variants on the same gateway; mode-specific setup lives in loadtest/bench-policies.sh
  source "$PWD/loadtest/bench-policies.sh"
  setup_"$MODE"   # sets POLICY_URLS and HEADERS
  URLS=("${POLICY_URLS[@]}" "$GW/gateway/echo/1.0/")
  if [ "$MODE" = throttle ]; then
    mkdir -p "$OUT"; count_redis_calls "${POLICY_URLS[0]}" 18379 2000 | tee "$OUT/redis-commandstats.txt"
  fi
fi
kill "$GW_PID"; wait "$GW_PID" 2>/dev/null || true; GW_PID=""

HARGS=(); for h in "${HEADERS[@]:-}"; do [ -n "$h" ] && HARGS+=(-H "$h"); done
mkdir -p "$OUT"
if [ "$MODE" = events ]; then
  # the same registered API on a second data directory, for a second gateway that records nothing
  cp -r "$WORK/data" "$WORK/data-off"; rm -f "$WORK/data-off/node-id"
  sed -e 's/^port: 5555/port: 5556/' -e "s#^dataDir: .*#dataDir: $WORK/data-off#" "$WORK/gateway.yaml" > "$WORK/gateway-off.yaml"
  echo "events: {enabled: false}" >> "$WORK/gateway-off.yaml"
  CPU0=$(taskset -cp $$ | sed 's/.*: //' | cut -d, -f1 | cut -d- -f1)
  taskset -c "$CPU0" java -XX:+UseParallelGC -Xms256m -Xmx256m -jar "$PWD/target/apigw-emulator.jar" \
    --config "$WORK/gateway-off.yaml" > "$WORK/off.log" 2>&1 & OFF=$!
  for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:5556/rest/apigateway/health" >/dev/null && break; sleep 0.2; done
  # throughput ratio only (paced and c=1 phases skipped); gw1 records, gw2 does not
  "$BENCH/baseline.sh" -r "$ROUNDS" -q 0 -l 0 -o "$OUT" -p "$OFF" -g "$JAVA_CMD" \
    "$GW/gateway/echo/1.0/" "http://127.0.0.1:5556/gateway/echo/1.0/"
  log "events target: gw1_over_gw2_rps >= 0.95 (recording on / off)"
elif [ "$MODE" = compare ]; then
  : "${BEFORE_JAR:?set BEFORE_JAR to the jar of the earlier build}"
  CPU0=$(taskset -cp $$ | sed 's/.*: //' | cut -d, -f1 | cut -d- -f1)
  printf 'host: 127.0.0.1\nport: 5557\ndataDir: %s\ndemo: {enabled: false}\n' "$WORK/data-before" > "$WORK/gateway-before.yaml"
  taskset -c "$CPU0" java -XX:+UseParallelGC -Xms256m -Xmx256m -jar "$BEFORE_JAR" --config "$WORK/gateway-before.yaml" \
    > "$WORK/before.log" 2>&1 & OFF=$!
  for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:5557/rest/apigateway/health" >/dev/null && break; sleep 0.2; done
  GW=http://127.0.0.1:5557; BEFORE=$(register echo); activate "$BEFORE"; GW=http://127.0.0.1:5555
  mvn -q -B -f "$BENCH/vertx-ref/pom.xml" package
  taskset -c "$CPU0" java -XX:+UseParallelGC -Xms256m -Xmx256m -jar "$BENCH/vertx-ref/target/vertx-ref-proxy.jar" \
    > "$WORK/ref.log" 2>&1 & REF=$!
  sleep 2
  # throughput only (paced and c=1 phases skipped); gw1 = now, gw2 = before, gw3 = the floor proxy
  "$BENCH/baseline.sh" -r "$ROUNDS" -q 0 -l 0 -o "$OUT" -p "$OFF,$REF" -g "$JAVA_CMD" \
    "$GW/gateway/echo/1.0/" "http://127.0.0.1:5557/gateway/echo/1.0/" "http://127.0.0.1:18090/gateway/echo/1.0/"
  log "compare target: gw1_over_gw2_rps >= 0.97 (now / before)"
elif [ "$MODE" = routing ]; then
  mvn -q -B -f "$BENCH/vertx-ref/pom.xml" package
  CPU0=$(taskset -cp $$ | sed 's/.*: //' | cut -d, -f1 | cut -d- -f1)
  taskset -c "$CPU0" java -XX:+UseParallelGC -Xms256m -Xmx256m -jar "$BENCH/vertx-ref/target/vertx-ref-proxy.jar" \
    > "$WORK/ref.log" 2>&1 & REF=$!
  sleep 2
  "$BENCH/baseline.sh" -A -r "$ROUNDS" -o "$OUT" -p "$REF" -g "$JAVA_CMD" \
    "$GW/gateway/echo/1.0/" "http://127.0.0.1:18090/gateway/echo/1.0/"
else
  # throughput ratios only: the paced and c=1 phases are skipped to keep the run short
  REDIS_WATCH_PORT=$([ "$MODE" = throttle ] && echo 18379 || true) \
    "$BENCH/baseline.sh" -r "$ROUNDS" -q 0 -l 0 -o "$OUT" "${HARGS[@]}" -g "$JAVA_CMD" "${URLS[@]}"
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
