#!/usr/bin/env bash
# Benchmarks of apigw-emulator past one Redis (issue 16), on loopback, with private Redis processes (ports 18379,
# 18400-18402 and their cluster bus ports 28400-28402, 18500-18501, 18510-18512) and gateways (5555, 5556).
#
#   loadtest/bench-cluster.sh throttle   routing with a never-tripping Redis throttle, the gateway on a three-master
#                                        Redis Cluster (gw1) vs the same on one Redis server (gw2), ONE interleaved
#                                        run of ../shared/bench/baseline.sh (both gateways pinned to the SUT CPU,
#                                        one measured at a time); target gw1_over_gw2_rps >= 0.9
#   loadtest/bench-cluster.sh failover   a gateway on a Sentinel set (1 master, 1 replica, 3 Sentinels with
#                                        down-after-milliseconds $DOWN_AFTER_MS): wrk on a route with a FAIL_OPEN
#                                        throttle, the master killed (kill -9) at the start of the load; reports the
#                                        time until the Sentinels promoted the replica, until the first design-time
#                                        write was accepted again, and the requests answered meanwhile
#
# Environment: ROUNDS (5), DURATION (wrk seconds per target and round, 10), WARMUP (seconds, 20), DOWN_AFTER_MS
# (1000), BENCH (../shared/bench), OUT (loadtest/results/cluster-<mode>), SKIP_BUILD (set: use target/ as it is),
# KEEP_WORK (set: keep the temp dir with every process's log). A smoke run:
#   ROUNDS=1 DURATION=2 WARMUP=1 loadtest/bench-cluster.sh throttle ; loadtest/bench-cluster.sh failover
# redis-server: from the PATH, else the binary the tests extract from embedded-redis (/tmp/apigw-test-redis-server-*).
# Slots are assigned with CLUSTER ADDSLOTS/MEET (no redis-cli needed). Only processes started here are stopped.
set -euo pipefail
MODE=${1:-throttle}
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-5} DURATION=${DURATION:-10} WARMUP=${WARMUP:-20} DOWN_AFTER_MS=${DOWN_AFTER_MS:-1000}
BENCH=${BENCH:-../shared/bench}
OUT=${OUT:-$PWD/loadtest/results/cluster-$MODE}
AUTH=Administrator:manage
log() { printf '[bench-cluster] %s\n' "$*" >&2; }

WORK=$(mktemp -d /tmp/apigw-bench-cluster.XXXXXX)
PIDS=()
cleanup() { for p in "${PIDS[@]:-}"; do [ -n "$p" ] && { kill -9 "$p" 2>/dev/null || true; }; done
            if [ -n "${KEEP_WORK:-}" ]; then log "logs kept in $WORK"; else rm -rf "$WORK"; fi; }
trap cleanup EXIT

REDIS_BIN=$(command -v redis-server || ls /tmp/apigw-test-redis-server-* 2>/dev/null | head -1 || true)
[ -x "${REDIS_BIN:-}" ] || { log "no redis-server: run the tests once (they extract one) or install redis-server"; exit 2; }
log "redis: $("$REDIS_BIN" --version)"
CPU0=$(taskset -cp $$ | sed 's/.*: //' | cut -d, -f1 | cut -d- -f1)
CPU1=$(taskset -cp $$ | sed 's/.*: //' | tr ',' '\n' | tail -1 | sed 's/.*-//')

# one Redis command over a socket (no redis-cli needed); prints the reply, lines for arrays
resp() {
  python3 - "$@" <<'PY'
import socket, sys
port, args = int(sys.argv[1]), sys.argv[2:]
s = socket.create_connection(("127.0.0.1", port), 2)
s.sendall(("*%d\r\n" % len(args) + "".join("$%d\r\n%s\r\n" % (len(a.encode()), a) for a in args)).encode())
f = s.makefile("rb")
def read():
    line = f.readline().decode().rstrip("\r\n"); t, rest = line[0], line[1:]
    if t in "+:": return rest
    if t == "-": sys.exit("redis error: " + rest)
    if t == "$": return "" if int(rest) < 0 else f.read(int(rest) + 2)[:-2].decode()
    return "\n".join(read() for _ in range(max(0, int(rest))))
print(read())
PY
}
redis() { # port [args...]: a private redis-server on the Redis CPU (it shares CPU1 with wrk and the backend)
  local port=$1; shift; mkdir -p "$WORK/r$port"
  taskset -c "$CPU1" "$REDIS_BIN" --port "$port" --bind 127.0.0.1 --save '' --appendonly no --dir "$WORK/r$port" \
    "$@" >"$WORK/r$port.log" 2>&1 & PIDS+=($!)
  for _ in $(seq 1 50); do resp "$port" PING >/dev/null 2>&1 && return; sleep 0.1; done
  log "redis on $port did not start"; exit 1
}
gateway() { # port redis-url [extra yaml] -> pid in GW_PID; the command in GW_CMD
  mkdir -p "$WORK/gw$1"
  printf 'host: 127.0.0.1\nport: %s\ndataDir: %s\nredis: {url: "%s"}\ndemo: {enabled: %s, echoPort: 18091}\n' \
    "$1" "$WORK/gw$1/data" "$2" "${3:-false}" > "$WORK/gw$1/gateway.yaml"
  GW_CMD="java -XX:+UseParallelGC -Xms256m -Xmx256m -jar $PWD/target/apigw-emulator.jar --config $WORK/gw$1/gateway.yaml"
}
start_gateway() { # port [taskset cpu]
  if [ -n "${2:-}" ]; then taskset -c "$2" $GW_CMD >"$WORK/gw$1.log" 2>&1 & else $GW_CMD >"$WORK/gw$1.log" 2>&1 & fi
  GW_PID=$!; PIDS+=($GW_PID)
  for _ in $(seq 1 150); do curl -sf "127.0.0.1:$1/rest/apigateway/health" >/dev/null && return; sleep 0.2; done
  log "gateway on $1 did not start: $(tail -5 "$WORK/gw$1.log")"; exit 1
}
stop_gateway() { kill "$GW_PID"; wait "$GW_PID" 2>/dev/null || true; }
throttled_api() { # gateway-port name backend-url onStoreError: an API with a throttle that never trips
  local gw=http://127.0.0.1:$1 api action policy
  api=$(curl -sf -u $AUTH -H 'Content-Type: application/json' -X POST "$gw/rest/apigateway/apis" -d '{"apiName":"'"$2"'",
    "apiVersion":"1.0","type":"openapi","apiDefinition":{"openapi":"3.0.3","info":{"title":"'"$2"'","version":"1.0"},
    "servers":[{"url":"'"$3"'"}],"paths":{"/":{"get":{"responses":{"200":{"description":"ok"}}}},
    "/get":{"get":{"responses":{"200":{"description":"ok"}}}}}}}' | jq -r .apiResponse.api.id)
  action=$(curl -sf -u $AUTH -H 'Content-Type: application/json' -X POST "$gw/rest/apigateway/policyActions" -d '{"policyAction":{
    "names":[{"value":"Traffic Optimization","locale":"en"}],"templateKey":"throttle","parameters":[
    {"templateKey":"throttleRule","parameters":[{"templateKey":"throttleRuleName","values":["requestCount"]},
      {"templateKey":"monitorRuleOperator","values":["GT"]},{"templateKey":"value","values":["1000000000000"]}]},
    {"templateKey":"destination","parameters":[{"templateKey":"destinationType","values":["GATEWAY"]}]},
    {"templateKey":"alertInterval","values":["1"]},{"templateKey":"alertIntervalUnit","values":["hours"]},
    {"templateKey":"consumerIds","values":["AnyConsumers"]},{"templateKey":"onStoreError","values":["'"$4"'"]}],
    "active":false}}' | jq -r .policyAction.id)
  policy=$(curl -sf -u $AUTH "$gw/rest/apigateway/apis/$api" | jq -r '.apiResponse.api.policies[0]')
  curl -sf -u $AUTH "$gw/rest/apigateway/policies/$policy" \
    | jq --arg a "$action" '.policy.policyEnforcements += [{"stageKey":"LMT","enforcements":[{"enforcementObjectId":$a,"order":null}]}]' \
    | curl -sf -u $AUTH -H 'Content-Type: application/json' -X PUT -d @- "$gw/rest/apigateway/policies/$policy" >/dev/null
  curl -sf -u $AUTH -X PUT "$gw/rest/apigateway/apis/$api/activate" >/dev/null
}
now_ms() { date +%s%3N; }

command -v jq >/dev/null || { apt-get update -qq && apt-get install -y -qq jq >/dev/null; }
[ -n "${SKIP_BUILD:-}" ] || mvn -q -B -DskipTests package
mkdir -p "$OUT"

if [ "$MODE" = throttle ]; then
  redis 18379
  for p in 18400 18401 18402; do redis "$p" --cluster-enabled yes --cluster-config-file nodes.conf --cluster-node-timeout 2000; done
  resp 18400 CLUSTER ADDSLOTS $(seq 0 5460) >/dev/null
  resp 18401 CLUSTER ADDSLOTS $(seq 5461 10922) >/dev/null
  resp 18402 CLUSTER ADDSLOTS $(seq 10923 16383) >/dev/null
  i=1; for p in 18400 18401 18402; do resp "$p" CLUSTER SET-CONFIG-EPOCH $i >/dev/null; i=$((i + 1)); done
  resp 18400 CLUSTER MEET 127.0.0.1 18401 >/dev/null; resp 18400 CLUSTER MEET 127.0.0.1 18402 >/dev/null
  for _ in $(seq 1 100); do [[ $(resp 18402 CLUSTER INFO) == *cluster_state:ok* ]] && break; sleep 0.1; done
  [[ $(resp 18402 CLUSTER INFO) == *cluster_state:ok* ]] || { log "cluster did not form"; exit 1; }
  # the same API and throttle on each store (the backend is the harness's nginx on :18080)
  gateway 5555 "redis-cluster://127.0.0.1:18400,127.0.0.1:18401,127.0.0.1:18402"; CLUSTER_CMD=$GW_CMD
  start_gateway 5555; throttled_api 5555 echothrottle http://127.0.0.1:18080 FAIL_OPEN; stop_gateway
  gateway 5556 "redis://127.0.0.1:18379"; SINGLE_CMD=$GW_CMD
  start_gateway 5556; throttled_api 5556 echothrottle http://127.0.0.1:18080 FAIL_OPEN; stop_gateway
  GW_CMD=$SINGLE_CMD; start_gateway 5556 "$CPU0"; SINGLE_PID=$GW_PID
  "$BENCH/baseline.sh" -r "$ROUNDS" -d "$DURATION" -w "$WARMUP" -q 0 -l 0 -o "$OUT" -p "$SINGLE_PID" -g "$CLUSTER_CMD" \
    http://127.0.0.1:5555/gateway/echothrottle/1.0/ http://127.0.0.1:5556/gateway/echothrottle/1.0/
  ratio=$(grep '^gw1_over_gw2_rps=' "$OUT/ratios.env" | cut -d= -f2)
  # script calls each Redis ran: a gateway deciding without Redis (onStoreError) would show far fewer
  calls() { for p in "$@"; do resp "$p" INFO commandstats | grep -Eo 'cmdstat_eval(sha)?:calls=[0-9]+' | cut -d= -f2; done \
    | paste -sd+ | sed 's/^$/0/' | bc; }
  { echo "cluster_over_standalone_rps=$ratio target>=0.9 $(python3 -c "print('met' if float('$ratio') >= 0.9 else 'NOT met')")"
    echo "cluster_script_calls=$(calls 18400 18401 18402)"; echo "standalone_script_calls=$(calls 18379)"; } \
    | tee "$OUT/cluster.env"
  exit 0
fi

[ "$MODE" = failover ] || { log "unknown mode $MODE (throttle | failover)"; exit 2; }
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
redis 18500; MASTER_PID=${PIDS[-1]}
redis 18501 --replicaof 127.0.0.1 18500
for _ in $(seq 1 100); do [[ $(resp 18501 INFO replication) == *master_link_status:up* ]] && break; sleep 0.1; done
for p in 18510 18511 18512; do
  printf 'port %s\nbind 127.0.0.1\nprotected-mode no\ndir %s\nsentinel monitor mymaster 127.0.0.1 18500 2\nsentinel down-after-milliseconds mymaster %s\nsentinel failover-timeout mymaster 10000\n' \
    "$p" "$WORK" "$DOWN_AFTER_MS" > "$WORK/s$p.conf"
  taskset -c "$CPU1" "$REDIS_BIN" "$WORK/s$p.conf" --sentinel >"$WORK/s$p.log" 2>&1 & PIDS+=($!)
done
for _ in $(seq 1 200); do
  [ "$(resp 18512 SENTINEL MASTER mymaster | tr '\n' ' ' | grep -o 'num-other-sentinels [0-9]*')" = 'num-other-sentinels 2' ] && break
  sleep 0.1
done
gateway 5555 "redis-sentinel://127.0.0.1:18510,127.0.0.1:18511,127.0.0.1:18512/mymaster" true
start_gateway 5555 "$CPU0"
throttled_api 5555 echothrottle http://127.0.0.1:18091 FAIL_OPEN
URL=http://127.0.0.1:5555/gateway/echothrottle/1.0/get
for _ in $(seq 1 50); do curl -sf -o /dev/null "$URL" && break; sleep 0.1; done
taskset -c "$CPU1" wrk -t1 -c20 -d"${WARMUP}s" "$URL" >/dev/null
write() { curl -s -o /dev/null -w '%{http_code}' -u $AUTH -H 'Content-Type: application/json' -X POST \
  http://127.0.0.1:5555/rest/apigateway/policyActions -d '{"policyAction":{"templateKey":"logInvocation"}}'; }
[ "$(write)" = 201 ] || { log "design-time writes fail before the failover"; exit 1; }

echo 'done = function(s) io.write(string.format("non2xx=%d\n", s.errors.status)) end' > "$WORK/count.lua"
taskset -c "$CPU1" timeout 120 wrk -t1 -c20 -d100s -s "$WORK/count.lua" "$URL" >"$WORK/wrk.out" 2>&1 & WRK=$!; PIDS+=($WRK)
T0=$(now_ms); kill -9 "$MASTER_PID"
WRITES_503=0 OTHER=0
while :; do
  code=$(write)
  [ "$code" = 201 ] && break
  if [ "$code" = 503 ]; then WRITES_503=$((WRITES_503 + 1)); else OTHER=$((OTHER + 1)); fi
  [ $(( $(now_ms) - T0 )) -gt 60000 ] && { log "no write accepted within 60 s"; break; }
done
T1=$(( $(now_ms) - T0 ))
kill -INT "$WRK"; wait "$WRK" 2>/dev/null || true
REQS=$(grep -Eo '^ *[0-9]+ requests in' "$WORK/wrk.out" | grep -Eo '[0-9]+' | head -1)
NON2XX=$(grep -Eo 'non2xx=[0-9]+' "$WORK/wrk.out" | cut -d= -f2)
SOCKERR=$(grep -Eo 'Socket errors:.*' "$WORK/wrk.out" || echo 'Socket errors: none')
# the Sentinels' part: when the first of them logged +switch-master (Redis logs local time, to the millisecond)
PROMOTED=$(python3 - "$T0" "$WORK"/s185*.log <<'PY'
import datetime, re, sys
t0, times = int(sys.argv[1]), []
for path in sys.argv[2:]:
    for line in open(path):
        m = re.search(r"(\d+ \w+ \d{4} [\d:.]+) # \+switch-master", line)
        if m: times.append(datetime.datetime.strptime(m.group(1), "%d %b %Y %H:%M:%S.%f").timestamp() * 1000)
print(int(min(times) - t0) if times else "unknown")
PY
)
{ echo "kill_to_promoted_ms=$PROMOTED"; echo "kill_to_write_accepted_ms=$T1"
  echo "writes_refused_503=$WRITES_503"; echo "writes_other_status=$OTHER"
  echo "requests_answered_meanwhile=${REQS:-0}"; echo "requests_non2xx_meanwhile=${NON2XX:-unknown}"
  echo "wrk_$(echo "$SOCKERR" | tr ' :,' '_=_')"; } | tee "$OUT/failover.env"
