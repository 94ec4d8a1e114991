# Setup of the policy benchmark modes, sourced by loadtest/bench.sh while its throw-away gateway runs
# (uses $GW, $AUTH and the register/activate helpers defined there).
source "$(dirname "${BASH_SOURCE[0]}")/bench-auth.sh"

# a throttle that never trips (AnyConsumers: every request hits one Redis key, the worst case) on a second API
setup_throttle() {
  local api policy action
  api=$(register echothrottle); activate "$api"
  action=$(curl -sf -u "$AUTH" -H 'Content-Type: application/json' -X POST "$GW/rest/apigateway/policyActions" -d '{"policyAction":{
    "names":[{"value":"Traffic Optimization","locale":"en"}],"templateKey":"throttle","parameters":[
    {"templateKey":"throttleRule","parameters":[{"templateKey":"throttleRuleName","values":["requestCount"]},
      {"templateKey":"monitorRuleOperator","values":["GT"]},{"templateKey":"value","values":["1000000000000"]}]},
    {"templateKey":"destination","parameters":[{"templateKey":"destinationType","values":["GATEWAY"]}]},
    {"templateKey":"alertInterval","values":["1"]},{"templateKey":"alertIntervalUnit","values":["hours"]},
    {"templateKey":"consumerIds","values":["AnyConsumers"]}],"active":false}}' | jq -r .policyAction.id)
  policy=$(curl -sf -u "$AUTH" "$GW/rest/apigateway/apis/$api" | jq -r '.apiResponse.api.policies[0]')
  curl -sf -u "$AUTH" "$GW/rest/apigateway/policies/$policy" \
    | jq --arg a "$action" '.policy.policyEnforcements += [{"stageKey":"LMT","enforcements":[{"enforcementObjectId":$a,"order":null}]}]' \
    | curl -sf -u "$AUTH" -H 'Content-Type: application/json' -X PUT -d @- "$GW/rest/apigateway/policies/$policy" >/dev/null
  POLICY_URLS=("$GW/gateway/echothrottle/1.0/")
  HEADERS=()
}

# API key and bearer token in one run: each credential header goes to every target, and each API reads only its own
setup_auth() {
  setup_apikey; local key_url=$POLICY_URL key_header=${HEADERS[0]}
  setup_bearer; local token_url=$POLICY_URL token_header=${HEADERS[0]}
  POLICY_URLS=("$key_url" "$token_url")
  HEADERS=("$key_header" "$token_header")
}

# Redis round trips per throttled request, measured exactly: reset the command stats, send N requests on one
# keep-alive connection, read the EVALSHA (and EVAL) call counts.
count_redis_calls() { # url redis-port n
  # the harness's backend (:18080) only exists during its run: a stand-in serves the counted requests
  local www; www=$(mktemp -d); echo '{"status":"ok"}' > "$www/index.html"
  python3 -m http.server 18080 --bind 127.0.0.1 --directory "$www" >/dev/null 2>&1 & local backend=$!
  for _ in $(seq 1 50); do curl -sf -o /dev/null http://127.0.0.1:18080/ && break; sleep 0.1; done
  redis-cli -p "$2" CONFIG RESETSTAT >/dev/null
  python3 - "$1" "$3" <<'PY'
import http.client, sys, urllib.parse
u = urllib.parse.urlparse(sys.argv[1]); n = int(sys.argv[2])
c = http.client.HTTPConnection(u.hostname, u.port)
for _ in range(n):
    c.request("GET", u.path); r = c.getresponse(); r.read()
    assert r.status == 200, r.status
PY
  redis-cli -p "$2" INFO commandstats | grep -E '^cmdstat_' || true
  kill "$backend"; wait "$backend" 2>/dev/null || true
}
