# The admin calls every benchmark script makes to put an API in front of its backend, sourced by bench.sh and
# profile-cpu.sh. Uses $GW (the gateway's base URL), $AUTH (user:password) and BACKEND_URL (default the harness's
# nginx backend, http://127.0.0.1:18080). Also sourced by profile-hotpath.sh.

register() { # name -> api id: an OpenAPI API with one GET / resource, routed to BACKEND_URL
  local def='{"openapi":"3.0.3","info":{"title":"'$1'","version":"1.0"},"servers":[{"url":"'"${BACKEND_URL:-http://127.0.0.1:18080}"'"}],
    "paths":{"/":{"get":{"responses":{"200":{"description":"ok"}}}}}}'
  curl -sf -u "$AUTH" -H 'Content-Type: application/json' -X POST "$GW/rest/apigateway/apis" \
    -d '{"apiName":"'$1'","apiVersion":"1.0","type":"openapi","apiDefinition":'"$def"'}' \
    | sed -E 's/.*"api":\{.*"id":"([^"]+)".*/\1/'
}

activate() { # api id
  curl -sf -u "$AUTH" -X PUT "$GW/rest/apigateway/apis/$1/activate" >/dev/null
}
