#!/usr/bin/env bash
# Allocation and CPU profile of the gateway's runtime hot path (issue 17): the gateway jar under JFR (settings=profile)
# routes `wrk -t1 -c20` to a local nginx for a short run; the top allocation sites and execution-sample frames of
# dev.apigw.emulator.* are summarised, with allocated bytes per request (jdk.ThreadAllocationStatistics over the
# requests wrk counted). Not a throughput benchmark: the measure is allocation per request and profile shares.
#
#   loadtest/profile-hotpath.sh [seconds=15]     (OUT=dir for the .jfr and summaries, default loadtest/results/profile;
#                                                WARMUP=seconds of JIT warm-up before it, default 5)
#
# Ports: nginx backend 19180, gateway 19155 (override with BACKEND_PORT / GW_PORT). Stops only what it started.
set -euo pipefail
cd "$(dirname "$0")/.."
SECS=${1:-15}
OUT=${OUT:-$PWD/loadtest/results/profile}
BACKEND_PORT=${BACKEND_PORT:-19180}
GW_PORT=${GW_PORT:-19155}
GW=http://127.0.0.1:$GW_PORT
AUTH=Administrator:manage
mkdir -p "$OUT"
WORK=$(mktemp -d /tmp/apigw-profile.XXXXXX)
GW_PID="" NGINX_STARTED=""
cleanup() {
  [ -n "$GW_PID" ] && kill "$GW_PID" 2>/dev/null && wait "$GW_PID" 2>/dev/null
  [ -n "$NGINX_STARTED" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null
  true
}
trap cleanup EXIT

[ -f target/apigw-emulator.jar ] || mvn -q -B -DskipTests package
mkdir -p "$WORK/logs" "$WORK/tmp"
cat > "$WORK/nginx.conf" <<NGINX
worker_processes 1; pid $WORK/nginx.pid; error_log $WORK/logs/error.log warn;
events { worker_connections 4096; }
http { access_log off; client_body_temp_path $WORK/tmp;
  server { listen 127.0.0.1:$BACKEND_PORT; keepalive_requests 1000000;
    location / { default_type application/json; return 200 '{"status":"ok","service":"bench-backend","items":[1,2,3],"msg":"hello"}'; } } }
NGINX
/usr/sbin/nginx -c "$WORK/nginx.conf" -p "$WORK" && NGINX_STARTED=1

cat > "$WORK/gateway.yaml" <<YAML
host: 127.0.0.1
port: $GW_PORT
dataDir: $WORK/data
demo: {enabled: false}
YAML
java -XX:+UseParallelGC -Xms256m -Xmx256m \
  -XX:StartFlightRecording=filename="$OUT/gateway.jfr",settings=profile,dumponexit=true \
  -jar target/apigw-emulator.jar --config "$WORK/gateway.yaml" > "$WORK/gateway.log" 2>&1 & GW_PID=$!
for _ in $(seq 1 150); do curl -sf "$GW/rest/apigateway/health" >/dev/null && break; sleep 0.2; done
BACKEND_URL=http://127.0.0.1:$BACKEND_PORT
source loadtest/bench-apis.sh   # register, activate
activate "$(register echo)"
curl -sf -o /dev/null "$GW/gateway/echo/1.0/"

wrk -t1 -c20 -d"${WARMUP:-5}s" "$GW/gateway/echo/1.0/" >/dev/null   # JIT warm-up (WARMUP seconds), excluded below by time
START=$(date -u +%H:%M:%S)
wrk -t1 -c20 -d"${SECS}s" "$GW/gateway/echo/1.0/" | tee "$OUT/wrk.txt"
kill "$GW_PID"; wait "$GW_PID" 2>/dev/null || true; GW_PID=""
REQS=$(awk '/requests in/ {print $1}' "$OUT/wrk.txt")

python3 loadtest/jfr-summary.py "$OUT/gateway.jfr" "$REQS" "$START" | tee "$OUT/summary.txt"
