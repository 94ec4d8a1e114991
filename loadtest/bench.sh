#!/usr/bin/env bash
# Benchmarks of apigw-emulator against the references of ../shared/bench (nginx proxy_pass and a minimal
# Vert.x-core pass-through proxy), in ONE interleaved run on pinned cores (5 rounds, medians, paired ratios).
#
#   loadtest/bench.sh routing    gateway (routing only) vs the Vert.x floor proxy vs nginx      (issue 2)
#   loadtest/bench.sh apikey     API with Identify & Authorize by API key vs the same gateway without (issue 3)
#   loadtest/bench.sh bearer     API with Identify & Authorize by OAuth2 token vs without             (issue 3)
#   loadtest/bench.sh throttle   API with a never-tripping Redis throttle vs without                  (issue 4)
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
            [ -n "$REDIS_PID" ] && kill "$REDIS_PID" 2>/dev/null; true; }
trap cleanup EXIT

REDIS_URL=""
if [ "$MODE" = throttle ]; then
  command -v redis-server >/dev/null || { apt-get update -qq && apt-get install -y -qq redis-server >/dev/null; }
  redis-server --port 18379 --bind 127.0.0.1 --save '' --appendonly no >/dev/null 2>&1 & REDIS_PID=$!
  REDIS_URL=redis://127.0.0.1:18379
fi
cat > "$WORK/gateway.yaml" <<YAML
host: 127.0.0.1
port: 5555
dataDir: $WORK/data
redis: {url: "$REDIS_URL"}
demo: {enabled: false}
YAML
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
if [ "$MODE" != routing ]; then
  # the policy variant of the same gateway; mode-specific setup lives in loadtest/bench-policies.sh
  source "$PWD/loadtest/bench-policies.sh"
  setup_"$MODE"   # sets POLICY_URL and HEADERS
  URLS=("$POLICY_URL" "$GW/gateway/echo/1.0/")
fi
kill "$GW_PID"; wait "$GW_PID" 2>/dev/null || true; GW_PID=""

HARGS=(); for h in "${HEADERS[@]:-}"; do [ -n "$h" ] && HARGS+=(-H "$h"); done
mkdir -p "$OUT"
if [ "$MODE" = routing ]; then
  mvn -q -B -f "$BENCH/vertx-ref/pom.xml" package
  CPU0=$(taskset -cp $$ | sed 's/.*: //' | cut -d, -f1 | cut -d- -f1)
  taskset -c "$CPU0" java -XX:+UseParallelGC -Xms256m -Xmx256m -jar "$BENCH/vertx-ref/target/vertx-ref-proxy.jar" \
    > "$WORK/ref.log" 2>&1 & REF=$!
  sleep 2
  "$BENCH/baseline.sh" -A -r "$ROUNDS" -o "$OUT" -p "$REF" -g "$JAVA_CMD" \
    "$GW/gateway/echo/1.0/" "http://127.0.0.1:18090/gateway/echo/1.0/"
else
  REDIS_WATCH_PORT=$([ "$MODE" = throttle ] && echo 18379 || true) \
    "$BENCH/baseline.sh" -A -r "$ROUNDS" -o "$OUT" "${HARGS[@]}" -g "$JAVA_CMD" "${URLS[@]}"
fi
log "results in $OUT (ratios.env, summary.tsv)"
cat "$OUT/ratios.env"
