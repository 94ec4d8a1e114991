# Setup of the policy benchmark modes, sourced by loadtest/bench.sh while its throw-away gateway runs
# (uses $GW, $AUTH and the register/activate helpers of loadtest/bench-apis.sh).
source "$(dirname "${BASH_SOURCE[0]}")/bench-auth.sh"

# a throttle action that never trips (10^12 requests an hour, AnyConsumers: every request hits one key); prints its id
bench_throttle_action() {
  curl -sf -u "$AUTH" -H 'Content-Type: application/json' -X POST "$GW/rest/apigateway/policyActions" -d '{"policyAction":{
    "names":[{"value":"Traffic Optimization","locale":"en"}],"templateKey":"throttle","parameters":[
    {"templateKey":"throttleRule","parameters":[{"templateKey":"throttleRuleName","values":["requestCount"]},
      {"templateKey":"monitorRuleOperator","values":["GT"]},{"templateKey":"value","values":["1000000000000"]}]},
    {"templateKey":"destination","parameters":[{"templateKey":"destinationType","values":["GATEWAY"]}]},
    {"templateKey":"alertInterval","values":["1"]},{"templateKey":"alertIntervalUnit","values":["hours"]},
    {"templateKey":"consumerIds","values":["AnyConsumers"]}],"active":false}}' | jq -r .policyAction.id
}

# adds an enforcement to a policy in the given stage
bench_enforce() { # policy-id stage action-id
  curl -sf -u "$AUTH" "$GW/rest/apigateway/policies/$1" \
    | jq --arg s "$2" --arg a "$3" '.policy.policyEnforcements += [{"stageKey":$s,"enforcements":[{"enforcementObjectId":$a,"order":null}]}]' \
    | curl -sf -u "$AUTH" -H 'Content-Type: application/json' -X PUT -d @- "$GW/rest/apigateway/policies/$1" >/dev/null
}

# the never-tripping throttle in the LMT stage of an API's service policy (a Redis limiter call per request at most)
bench_throttle_enforce() { # api-id
  bench_enforce "$(curl -sf -u "$AUTH" "$GW/rest/apigateway/apis/$1" | jq -r '.apiResponse.api.policies[0]')" LMT \
    "$(bench_throttle_action)"
}

# a throttle that never trips on a second API
setup_throttle() {
  local api
  api=$(register echothrottle); activate "$api"
  bench_throttle_enforce "$api"
  POLICY_URLS=("$GW/gateway/echothrottle/1.0/")
  HEADERS=()
}

# every policy on one API (issue 17): Identify & Authorize by API key, the never-tripping throttle, and the quota of a
# plan the identified application subscribed to (a never-tripping throttle action in the plan's quota policy; the
# subscription's key is the credential); the routing-only API of bench.sh is the comparison in the same run
setup_all() {
  local api plan quota pkg key
  api=$(register echoall); activate "$api"
  bench_auth_enforce "$api" apiKey
  bench_throttle_enforce "$api"
  plan=$(curl -sf -u "$AUTH" -H 'Content-Type: application/json' -X POST "$GW/rest/apigateway/plans" \
    -d '{"name":"Bench","version":"1.0"}')
  quota=$(jq -r .planResponse.quota.enforcementPolicy <<<"$plan")
  bench_enforce "$quota" throttle "$(bench_throttle_action)"
  pkg=$(curl -sf -u "$AUTH" -H 'Content-Type: application/json' -X POST "$GW/rest/apigateway/packages" \
    -d '{"name":"Bench","apiIds":["'"$api"'"],"planIds":["'"$(jq -r .planResponse.id <<<"$plan")"'"]}' | jq -r .packageResponse.id)
  curl -sf -u "$AUTH" -X PUT "$GW/rest/apigateway/packages/$pkg/activate" >/dev/null
  key=$(curl -sf -u "$AUTH" -H 'Content-Type: application/json' -X POST "$GW/rest/apigateway/subscriptions" \
    -d '{"packageId":"'"$pkg"'","planId":"'"$(jq -r .planResponse.id <<<"$plan")"'","applicationName":"bench-all",
         "requesterId":"Administrator"}' | jq -r .accessTokens.apiAccessKey.apiAccessKey)
  POLICY_URLS=("$GW/gateway/echoall/1.0/")
  HEADERS=("x-Gateway-APIKey: $key")
}

# API key and bearer token in one run: each credential header goes to every target, and each API reads only its own
setup_auth() {
  setup_apikey; local key_url=$POLICY_URL key_header=${HEADERS[0]}
  setup_bearer; local token_url=$POLICY_URL token_header=${HEADERS[0]}
  POLICY_URLS=("$key_url" "$token_url")
  HEADERS=("$key_header" "$token_header")
}

# Redis round trips per throttled request, measured exactly: reset the command stats, send N requests on one
# keep-alive connection (with an optional request header), read the EVALSHA (and EVAL) call counts.
count_redis_calls() { # url redis-port n [header]
  # the harness's backend (:18080) only exists during its run: a stand-in serves the counted requests
  local www; www=$(mktemp -d); echo '{"status":"ok"}' > "$www/index.html"
  python3 -m http.server 18080 --bind 127.0.0.1 --directory "$www" >/dev/null 2>&1 & local backend=$!
  for _ in $(seq 1 50); do curl -sf -o /dev/null http://127.0.0.1:18080/ && break; sleep 0.1; done
  redis-cli -p "$2" CONFIG RESETSTAT >/dev/null
  python3 - "$1" "$3" "${4:-}" <<'PY'
import http.client, sys, urllib.parse
u = urllib.parse.urlparse(sys.argv[1]); n = int(sys.argv[2])
headers = dict([[p.strip() for p in sys.argv[3].split(":", 1)]]) if sys.argv[3] else {}
c = http.client.HTTPConnection(u.hostname, u.port)
for _ in range(n):
    c.request("GET", u.path, headers=headers); r = c.getresponse(); r.read()
    assert r.status == 200, r.status
PY
  local stats; stats=$(redis-cli -p "$2" INFO commandstats | grep -E '^cmdstat_' || true)
  echo "$stats"
  # every command counted by Redis, including those the scripts run inside Redis (TIME, HMGET, HSET, PEXPIREAT),
  # pipelined event XADDs and health PINGs; then the limiters' own round trips (the issue-17 target)
  awk -F'[:=,]' -v n="$3" '!/resetstat/ { calls += $3 } END { printf "redis_calls_per_request=%.4f\n", calls / n }' <<<"$stats"
  awk -F'[:=,]' -v n="$3" '/^cmdstat_(evalsha|eval):/ { calls += $3 } END { printf "limiter_round_trips_per_request=%.4f\n", calls / n }' <<<"$stats"
  kill "$backend"; wait "$backend" 2>/dev/null || true
}
