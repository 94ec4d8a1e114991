#!/usr/bin/env bash
# Where the CPU of one request goes (issue 17): one proxy pinned alone on the first CPU, routing `wrk -t1 -c20` to a
# local nginx backend (nginx and wrk share the second CPU), sampled by `perf record -C <cpu> -g` after a warm-up.
# Java frames are named through the JIT's perf map (`jcmd <pid> Compiler.perfmap`, -XX:+PreserveFramePointer), and
# loadtest/perf-summary.py turns the samples into microseconds of CPU per request, by thread and by where the
# sampled instruction was (kernel, Netty, Vert.x, the gateway, the JDK, the JVM itself, libc, nginx).
#
#   loadtest/profile-cpu.sh gateway|gateway-throttle|floor|floor-nio|nginx [seconds=20]   (OUT=dir, default
#                                                                     loadtest/results/profile-cpu; WARMUP=seconds
#                                                                     of load before sampling, default 10)
#
# gateway = the gateway jar with its defaults (events recorded; GW_CONFIG='yaml' appends to its configuration),
# gateway-throttle = the same with a Redis (on the load generator's CPU) and an API with a never-tripping throttle,
# floor = loadtest/vertx-ref on epoll (floor-nio: NIO),
# nginx = an nginx proxy_pass with a keep-alive upstream. Needs perf (linux-perf), nginx, wrk (and jq for gateway-throttle). Not a throughput
# benchmark (perf adds its own cost): compare the split between targets of one session, not the totals across days.
# Ports: backend 19180, proxy 19155 (BACKEND_PORT / PROXY_PORT). Stops only what it started.
set -euo pipefail
cd "$(dirname "$0")/.."
TARGET=${1:-gateway}
SECS=${2:-20}
OUT=${OUT:-$PWD/loadtest/results/profile-cpu}
BACKEND_PORT=${BACKEND_PORT:-19180}
PROXY_PORT=${PROXY_PORT:-19155}
HZ=1999
CPUS=$(taskset -cp $$ | sed 's/.*: //')
CPU0=$(echo "$CPUS" | cut -d, -f1 | cut -d- -f1)
CPU1=$(echo "$CPUS" | tr ',' '\n' | tail -1 | sed 's/.*-//')
mkdir -p "$OUT"
WORK=$(mktemp -d /tmp/apigw-profile-cpu.XXXXXX)
PID=""
cleanup() { # (set -e must not stop it half way: a killed JVM's wait returns 143)
  for p in "$WORK"/*.pid; do [ -f "$p" ] && kill "$(cat "$p")" 2>/dev/null || true; done
  if [ -n "$PID" ]; then kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; fi
}
trap cleanup EXIT

nginx_conf() { # name port body -> starts an nginx with one worker on the given CPU
  mkdir -p "$WORK/$1/logs" "$WORK/$1/tmp"
  cat > "$WORK/$1/nginx.conf" <<NGINX
worker_processes 1; pid $WORK/$1.pid; error_log $WORK/$1/logs/error.log warn;
events { worker_connections 4096; }
http { access_log off; client_body_temp_path $WORK/$1/tmp; $3 }
NGINX
  taskset -c "$4" /usr/sbin/nginx -c "$WORK/$1/nginx.conf" -p "$WORK/$1"
}
nginx_conf backend "$BACKEND_PORT" "server { listen 127.0.0.1:$BACKEND_PORT; keepalive_requests 1000000;
  location / { default_type application/json; return 200 '{\"status\":\"ok\",\"service\":\"bench-backend\",\"items\":[1,2,3],\"msg\":\"hello\"}'; } }" "$CPU1"

JAVA_FLAGS=(-XX:+UseParallelGC -Xms256m -Xmx256m -XX:+PreserveFramePointer)
URL=http://127.0.0.1:$PROXY_PORT/gateway/echo/1.0/
GW=http://127.0.0.1:$PROXY_PORT
AUTH=Administrator:manage
BACKEND_URL=http://127.0.0.1:$BACKEND_PORT
source loadtest/bench-apis.sh   # register, activate
case "$TARGET" in
  gateway|gateway-throttle)
    [ -f target/apigw-emulator.jar ] || mvn -q -B -DskipTests package
    printf 'host: 127.0.0.1\nport: %s\ndataDir: %s/data\ndemo: {enabled: false}\n' "$PROXY_PORT" "$WORK" > "$WORK/gateway.yaml"
    if [ "$TARGET" = gateway-throttle ]; then # a never-tripping Redis throttle (loadtest/bench-policies.sh)
      taskset -c "$CPU1" redis-server --port 19379 --bind 127.0.0.1 --save '' --appendonly no >/dev/null 2>&1 &
      echo $! > "$WORK/redis.pid"; sleep 0.5
      echo 'redis: {url: "redis://127.0.0.1:19379"}' >> "$WORK/gateway.yaml"
    fi
    [ -n "${GW_CONFIG:-}" ] && echo "$GW_CONFIG" >> "$WORK/gateway.yaml"   # e.g. GW_CONFIG='events: {enabled: false}'
    taskset -c "$CPU0" java "${JAVA_FLAGS[@]}" -jar target/apigw-emulator.jar --config "$WORK/gateway.yaml" \
      > "$WORK/proxy.log" 2>&1 & PID=$!
    for _ in $(seq 1 150); do curl -sf "$GW/rest/apigateway/health" >/dev/null && break; sleep 0.2; done
    if [ "$TARGET" = gateway-throttle ]; then
      source loadtest/bench-policies.sh; setup_throttle; URL=${POLICY_URLS[0]}
    else
      activate "$(register echo)"
    fi ;;
  floor|floor-nio)
    [ "$TARGET" = floor ] && TRANSPORT=epoll || TRANSPORT=nio
    [ -f loadtest/vertx-ref/target/vertx-ref-proxy.jar ] || mvn -q -B -f loadtest/vertx-ref/pom.xml package
    taskset -c "$CPU0" java "${JAVA_FLAGS[@]}" -Dtransport=$TRANSPORT -Dport="$PROXY_PORT" \
      -Dorigin.port="$BACKEND_PORT" -Dinstances=1 -jar loadtest/vertx-ref/target/vertx-ref-proxy.jar \
      > "$WORK/proxy.log" 2>&1 & PID=$!
    for _ in $(seq 1 100); do grep -q listening "$WORK/proxy.log" && break; sleep 0.2; done ;;
  nginx)
    nginx_conf proxy "$PROXY_PORT" "upstream be { server 127.0.0.1:$BACKEND_PORT; keepalive 64; }
      server { listen 127.0.0.1:$PROXY_PORT; keepalive_requests 1000000;
        location / { proxy_pass http://be; proxy_http_version 1.1; proxy_set_header Connection \"\"; } }" "$CPU0" ;;
  *) echo "usage: $0 gateway|gateway-throttle|floor|floor-nio|nginx [seconds]" >&2; exit 2 ;;
esac
curl -sf -o /dev/null "$URL" || { echo "the $TARGET proxy does not answer on $URL" >&2; cat "$WORK/proxy.log" >&2; exit 1; }

taskset -c "$CPU1" wrk -t1 -c20 -d"${WARMUP:-10}s" "$URL" >/dev/null   # JIT warm-up (WARMUP seconds, default 10)
taskset -c "$CPU1" wrk -t1 -c20 -d"$((SECS + 2))s" "$URL" > "$OUT/wrk-$TARGET.txt" &
WRK=$!
sleep 1
perf record -q -F "$HZ" -g -C "$CPU0" -o "$OUT/perf-$TARGET.data" -- sleep "$SECS" 2>/dev/null
wait "$WRK"
[ -n "$PID" ] && jcmd "$PID" Compiler.perfmap >/dev/null
RPS=$(awk '/Requests\/sec/ {print $2}' "$OUT/wrk-$TARGET.txt")
perf script -i "$OUT/perf-$TARGET.data" -F comm,tid,ip,sym,dso 2>/dev/null \
  | python3 loadtest/perf-summary.py --hz "$HZ" --requests "$(python3 -c "print(round($RPS * $SECS))")" \
  | tee "$OUT/summary-$TARGET.txt"
echo "wrk: $RPS req/s under perf (the requests of the $SECS s sampled are estimated from it)" | tee -a "$OUT/summary-$TARGET.txt"
