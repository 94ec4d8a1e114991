#!/usr/bin/env sh
# Runs QuiesceBench (src/test/java/dev/apigw/emulator/quiesce/QuiesceBench.java) on the test classpath.
# Options as system properties: -Dconcurrency=64 -DdelayMs=200 -Drecords=10000 -DredisUrl=redis://127.0.0.1:6379
# Without -DredisUrl the bench starts its own redis-server (from PATH or the embedded-redis artifact).
set -e
cd "$(dirname "$0")/.."
mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
exec java -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" "$@" dev.apigw.emulator.quiesce.QuiesceBench
