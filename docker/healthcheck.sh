#!/bin/bash
# The image's HEALTHCHECK: GET /rest/apigateway/health (the product's readiness) through bash's /dev/tcp, so the
# image needs no curl and a check costs a few milliseconds (a JVM-based probe would cost ~0.5 s of CPU each time).
# Healthy = HTTP 200. Exit 1 otherwise (the status line is printed for `podman healthcheck run` / `docker inspect`).
port=${APIGW_PORT:-5555}
exec 3<>"/dev/tcp/127.0.0.1/$port" || { echo "port $port refuses connections"; exit 1; }
printf 'GET /rest/apigateway/health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n' >&3
IFS= read -r -t 3 status <&3 || { echo "no answer on port $port"; exit 1; }
exec 3<&-
echo "${status%$'\r'}"
[[ "$status" == "HTTP/1.1 200 "* ]]
