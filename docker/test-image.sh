#!/usr/bin/env bash
# Builds docker/Dockerfile with podman and tests the image for real, then the two-node compose file (docs/container.md).
# Run from anywhere:  docker/test-image.sh            (needs root for rootful podman; ~1-5 min; prints the figures)
# Environment: IMAGE (apigw-emulator:test), SKIP_BUILD=1 to reuse the image, SKIP_COMPOSE=1 for the single container,
#              CONTAINERS_CONF (default ../shared/containers/containers.conf next to the repository, if present).
# Checks: health, the demo API, admin with ADMINISTRATOR_PASSWORD, the HEALTHCHECK command, liveness, a quiesce
# through the quiesce port from outside the container, promtool on /metrics (when installed), SIGTERM drains and
# exits 0; then podman-compose: Redis and two nodes, an API created on node 1 is served by node 2.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
SHARED=$(cd "$ROOT/.." && pwd)/shared/containers
for c in "$SHARED" /work/shared/containers; do
  if [ -z "${CONTAINERS_CONF:-}" ] && [ -f "$c/containers.conf" ]; then export CONTAINERS_CONF="$c/containers.conf"; fi
done
IMAGE=${IMAGE:-apigw-emulator:test}
NAME=apigw-image-test-$$
PW=s3cret-$$
MAIN=${TEST_MAIN_PORT:-17555}
QUIESCE=${TEST_QUIESCE_PORT:-17444}
pass=0
ok() { pass=$((pass + 1)); echo "ok   $*"; }
fail() { echo "FAIL $*" >&2; podman logs --tail 40 "$NAME" >&2 2>/dev/null || true; exit 1; }
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
status() { curl -s -o /dev/null -w '%{http_code}' "$@" || true; }
cleanup() {
  podman rm -f "$NAME" >/dev/null 2>&1 || true
  if [ -n "${COMPOSE_UP:-}" ]; then podman-compose -f docker/docker-compose.yml down -v >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT
command -v podman >/dev/null || fail "podman is not installed (see ../shared/containers/README.md)"

if [ -z "${SKIP_BUILD:-}" ]; then
  t0=$(now)
  podman build --format docker --pull=never -f docker/Dockerfile -t "$IMAGE" . >/tmp/apigw-image-build.log 2>&1 \
    || { tail -30 /tmp/apigw-image-build.log; fail "podman build"; }
  BUILD_S=$(secs "$t0" "$(now)")
  ok "image built in ${BUILD_S} s"
fi
SIZE=$(podman image inspect "$IMAGE" --format '{{.Size}}')
SIZE_MB=$(awk -v s="$SIZE" 'BEGIN { printf "%.0f", s / 1000000 }')
ok "image size ${SIZE_MB} MB"
[ "$(podman image inspect "$IMAGE" --format '{{json .Config.Healthcheck.Test}}')" = '["CMD","/opt/apigw/healthcheck.sh"]' ] \
  || fail "the image has no HEALTHCHECK (built without --format docker?)"

# --- one container --------------------------------------------------------------------------------------------
t0=$(now)
podman run -d --name "$NAME" -p "$MAIN:5555" -p "$QUIESCE:4444" -e ADMINISTRATOR_PASSWORD="$PW" \
  -e APIGW_SHUTDOWN_DRAIN_TIMEOUT_MS=5000 "$IMAGE" >/dev/null
until [ "$(status "localhost:$MAIN/rest/apigateway/health")" = 200 ]; do
  [ "$(secs "$t0" "$(now)" | cut -d. -f1)" -lt 60 ] || fail "not ready within 60 s"
  sleep 0.1
done
READY_S=$(secs "$t0" "$(now)")
ok "ready (health 200) ${READY_S} s after podman run"
podman logs "$NAME" 2>&1 | grep -q 'Picked up' && fail "the JVM printed 'Picked up ...' options noise"
ok "no 'Picked up JAVA_TOOL_OPTIONS' in the log"
curl -sf "localhost:$MAIN/gateway/EchoAPI/1.0/get?foo=bar" | grep -q '"foo"' || fail "demo API"
ok "demo API answers through the gateway"
[ "$(status -u "Administrator:$PW" "localhost:$MAIN/rest/apigateway/apis")" = 200 ] || fail "admin with ADMINISTRATOR_PASSWORD"
[ "$(status -u Administrator:manage "localhost:$MAIN/rest/apigateway/apis")" = 401 ] || fail "the default password still works"
ok "admin takes ADMINISTRATOR_PASSWORD (200) and refuses the default (401)"
podman healthcheck run "$NAME" >/dev/null || fail "HEALTHCHECK command"
ok "HEALTHCHECK command passes (podman healthcheck run)"
[ "$(status "localhost:$QUIESCE/emulator/health/liveness")" = 200 ] || fail "liveness on the quiesce port"
ok "liveness 200 on the quiesce port from outside"
if command -v promtool >/dev/null; then
  curl -sf "localhost:$MAIN/metrics" | promtool check metrics || fail "promtool check metrics"
  ok "promtool check metrics passes"
else
  echo "skip promtool is not installed (apt-get install prometheus brings it)"
fi

# quiesce through the quiesce port, from outside the container, and back
[ "$(status -u "Administrator:$PW" "localhost:$QUIESCE/invoke/wm.server.quiesce/setQuiesceMode?isQuiesceMode=true")" = 200 ] \
  || fail "setQuiesceMode on the quiesce port"
t0=$(now)
until [ "$(status "localhost:$QUIESCE/rest/apigateway/health")" = 503 ]; do
  [ "$(secs "$t0" "$(now)" | cut -d. -f1)" -lt 30 ] || fail "not quiesced within 30 s"
  sleep 0.1
done
[ "$(status "localhost:$MAIN/rest/apigateway/health")" != 200 ] || fail "the main port still reports ready while quiesced"
[ "$(status "localhost:$QUIESCE/emulator/health/liveness")" = 200 ] || fail "liveness while quiesced"
ok "quiesced through the quiesce port: quiesce health 503, main port not ready, liveness still 200"
[ "$(status -X POST -u "Administrator:$PW" "localhost:$QUIESCE/invoke/wm.server.quiesce/setActiveMode")" = 200 ] \
  || fail "setActiveMode"
t0=$(now)
until [ "$(status "localhost:$MAIN/rest/apigateway/health")" = 200 ]; do
  [ "$(secs "$t0" "$(now)" | cut -d. -f1)" -lt 30 ] || fail "not active again within 30 s"
  sleep 0.1
done
ok "setActiveMode: the main port is ready again"

# SIGTERM with a request in flight: it is answered, then the JVM exits 0
curl -s -o /tmp/apigw-inflight.out -w '%{http_code}' "localhost:$MAIN/gateway/EchoAPI/1.0/delay/1500" >/tmp/apigw-inflight.code &
CURL=$!
sleep 0.5
t0=$(now)
podman stop -t 60 "$NAME" >/dev/null
STOP_S=$(secs "$t0" "$(now)")
wait "$CURL" || true
[ "$(cat /tmp/apigw-inflight.code)" = 200 ] || fail "the request in flight at SIGTERM got $(cat /tmp/apigw-inflight.code)"
CODE=$(podman inspect "$NAME" --format '{{.State.ExitCode}}')
[ "$CODE" = 0 ] || fail "exit code $CODE after SIGTERM"
ok "SIGTERM drained the request in flight (200) and exited 0 in ${STOP_S} s"
podman rm -f "$NAME" >/dev/null

# --- compose: Redis and two nodes -----------------------------------------------------------------------------
if [ -z "${SKIP_COMPOSE:-}" ]; then
  command -v podman-compose >/dev/null || fail "podman-compose is not installed (apt-get install podman-compose)"
  export GW1_PORT=17655 GW2_PORT=17656 GW1_QUIESCE_PORT=17644 GW2_QUIESCE_PORT=17645 ADMINISTRATOR_PASSWORD="$PW"
  podman tag "$IMAGE" apigw-emulator:local
  COMPOSE_UP=1
  # services named: podman-compose 1.0.3 knows no profiles, so the monitoring profile would start too
  podman-compose -f docker/docker-compose.yml up -d --no-build redis gateway1 gateway2 >/tmp/apigw-compose.log 2>&1 \
    || { tail -30 /tmp/apigw-compose.log; fail "podman-compose up"; }
  t0=$(now)
  for port in $GW1_PORT $GW2_PORT; do
    until [ "$(status "localhost:$port/gateway/EchoAPI/1.0/get")" = 200 ]; do
      [ "$(secs "$t0" "$(now)" | cut -d. -f1)" -lt 90 ] || { podman-compose -f docker/docker-compose.yml logs >&2 || true; fail "node on $port not serving EchoAPI within 90 s"; }
      sleep 0.2
    done
  done
  ok "compose: both nodes serve the demo API registered once in Redis"
  API=$(curl -sf -u "Administrator:$PW" -H 'Content-Type: application/json' -X POST "localhost:$GW1_PORT/rest/apigateway/apis" -d '{
    "apiName": "Shared", "apiVersion": "1.0", "type": "openapi",
    "apiDefinition": {"openapi": "3.0.3", "info": {"title": "Shared", "version": "1.0"},
      "servers": [{"url": "http://127.0.0.1:9091"}], "paths": {"/get": {"get": {"responses": {"200": {"description": "ok"}}}}}}}' \
    | python3 -c 'import json, sys; print(json.load(sys.stdin)["apiResponse"]["api"]["id"])') || fail "create an API on node 1"
  [ "$(status -u "Administrator:$PW" -X PUT "localhost:$GW1_PORT/rest/apigateway/apis/$API/activate")" = 200 ] || fail "activate on node 1"
  t0=$(now)
  until [ "$(status "localhost:$GW2_PORT/gateway/Shared/1.0/get")" = 200 ]; do
    [ "$(secs "$t0" "$(now)" | cut -d. -f1)" -lt 10 ] || fail "node 2 does not serve the API created on node 1"
    sleep 0.05
  done
  ok "an API created and activated on node 1 is served by node 2 after $(secs "$t0" "$(now)") s"
fi

echo
echo "figures: build ${BUILD_S:-skipped} s, image ${SIZE_MB} MB, start-to-ready ${READY_S} s, SIGTERM-to-exit ${STOP_S} s (1.5 s request in flight)"
echo "$pass passed, 0 failed"
