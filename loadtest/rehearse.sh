#!/usr/bin/env bash
# Rehearses the zero-downtime upgrade between two local emulator nodes under traffic, in one command:
#   loadtest/rehearse.sh                       # embedded stores, built-in traffic, 200 calls/s for 60 s
#   loadtest/rehearse.sh --redis               # old and new node each on its own Redis
#   loadtest/rehearse.sh --gatling             # the traffic is Gatling simulation (c), HTML report included
#   loadtest/rehearse.sh --rate 2000 --duration 60 --node-instances 1   # the benchmark (docs/rehearsal.md)
# All options: loadtest/rehearse.sh --help. The report is printed and written to loadtest/results/<timestamp>/.
# Needs Java 17 and Maven only: the jar is built when missing or older than the sources, and with --redis the
# redis-server binary is found as the tests find it: on the PATH, else the one inside the embedded-redis artifact.
set -euo pipefail
cd "$(dirname "$0")/.."

jar=target/apigw-emulator.jar
if [ ! -f "$jar" ] || [ -n "$(find src/main pom.xml -newer "$jar" -print -quit)" ]; then
  echo "building $jar ..." >&2
  mvn -q -B package -DskipTests
fi

extra=()
if [[ " $* " == *" --redis "* && " $* " != *" --redis-server "* ]]; then
  redis="$(command -v redis-server || true)"
  if [ -z "$redis" ]; then
    # the binary the tests use (support/RedisServer): inside the embedded-redis test dependency, which the build above
    # downloaded; extracted once to the same file the tests extract it to
    case "$(uname -m)" in
      aarch64|arm64) entry=redis-server-6.2.7-linux-arm64 ;;
      *) entry=redis-server-6.2.6-v5-linux-amd64 ;;
    esac
    redis="${TMPDIR:-/tmp}/apigw-test-$entry"
    if [ ! -x "$redis" ]; then
      version="$(sed -n 's:.*<embedded-redis.version>\(.*\)</embedded-redis.version>.*:\1:p' pom.xml)"
      artifact="${MAVEN_REPO:-$HOME/.m2/repository}/com/github/codemonstur/embedded-redis/$version/embedded-redis-$version.jar"
      [ -f "$artifact" ] || mvn -q -B dependency:get -Dartifact="com.github.codemonstur:embedded-redis:$version" -Dtransitive=false
      work="$(mktemp -d)"
      (cd "$work" && jar xf "$artifact" "$entry")
      chmod +x "$work/$entry"
      mv "$work/$entry" "$redis"
      rmdir "$work"
    fi
  fi
  extra=(--redis-server "$redis")
fi

exec java -cp "$jar" dev.apigw.emulator.rehearsal.Rehearse "$@" "${extra[@]}"
