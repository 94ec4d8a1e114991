# Setup of the issue-3 benchmark modes (Identify & Authorize by API key, and by OAuth2 bearer token).
# Meant to be sourced by loadtest/bench.sh (via loadtest/bench-policies.sh) while the throw-away gateway runs;
# uses $GW, $AUTH and the register/activate helpers defined there. Each setup_* registers a second API routed to
# the same backend, enforces evaluatePolicy on it, creates an application registered for it, and sets
# POLICY_URL and HEADERS (the credential the load generator sends). Tokens live one hour by default
# (auth.tokenTtlSeconds): enough for a bench run, and the embedded store keeps them across the gateway restart.

# evaluatePolicy with one strict IdentificationRule of the given type, in the IAM stage of the API's service policy
bench_auth_enforce() { # api-id identification-type
  local action policy
  action=$(curl -sf -u "$AUTH" -H 'Content-Type: application/json' -X POST "$GW/rest/apigateway/policyActions" -d '{"policyAction":{
    "names":[{"value":"Identify & Authorize","locale":"en"}],"templateKey":"evaluatePolicy","parameters":[
    {"templateKey":"logicalConnector","values":["OR"]},{"templateKey":"allowAnonymous","values":["false"]},
    {"templateKey":"IdentificationRule","parameters":[{"templateKey":"applicationLookup","values":["strict"]},
     {"templateKey":"identificationType","values":["'"$2"'"]}]}]}}' | jq -r .policyAction.id)
  policy=$(curl -sf -u "$AUTH" "$GW/rest/apigateway/apis/$1" | jq -r '.apiResponse.api.policies[0]')
  curl -sf -u "$AUTH" "$GW/rest/apigateway/policies/$policy" \
    | jq --arg a "$action" '.policy.policyEnforcements += [{"stageKey":"IAM","enforcements":[{"enforcementObjectId":$a,"order":null}]}]' \
    | curl -sf -u "$AUTH" -H 'Content-Type: application/json' -X PUT -d @- "$GW/rest/apigateway/policies/$policy" >/dev/null
}

# creates an application registered for the API; prints the create response (the only one with the client secret)
bench_auth_app() { # api-id
  local app
  app=$(curl -sf -u "$AUTH" -H 'Content-Type: application/json' -X POST "$GW/rest/apigateway/applications" -d '{"name":"bench"}')
  curl -sf -u "$AUTH" -H 'Content-Type: application/json' -X PUT \
    -d '{"apiIDs":["'"$1"'"]}' "$GW/rest/apigateway/applications/$(jq -r .id <<<"$app")/apis" >/dev/null
  echo "$app"
}

setup_apikey() {
  local api app
  api=$(register echokey); activate "$api"
  bench_auth_enforce "$api" apiKey
  app=$(bench_auth_app "$api")
  POLICY_URL="$GW/gateway/echokey/1.0/"
  HEADERS=("x-Gateway-APIKey: $(jq -r .accessTokens.apiAccessKey_credentials.apiAccessKey <<<"$app")")
}

setup_bearer() {
  local api app token
  api=$(register echotoken); activate "$api"
  bench_auth_enforce "$api" oAuth2Token
  app=$(bench_auth_app "$api")
  token=$(curl -sf -u "$(jq -r .accessTokens.oauth_credentials.clientID <<<"$app"):$(jq -r .accessTokens.oauth_credentials.clientSecret <<<"$app")" \
    -d grant_type=client_credentials "$GW/invoke/pub.apigateway.oauth2/getAccessToken" | jq -r .access_token)
  POLICY_URL="$GW/gateway/echotoken/1.0/"
  HEADERS=("Authorization: Bearer $token")
}
