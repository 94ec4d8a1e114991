#!/usr/bin/env sh
# Runs QuiesceBench (loadtest/bench/dev/apigw/emulator/bench/QuiesceBench.java), compiled here against the gateway's
# classes and test support (real Redis, test gateway): the benchmark is not part of the build.
# Options as system properties: -Dconcurrency=64 -DdelayMs=200 -Drecords=10000 -DredisUrl=redis://127.0.0.1:6379
# -DabortShare=0.2 (a fifth of the clients abort their requests) -DquiesceOnly=true (skip the flush figures)
# Without -DredisUrl the bench starts its own redis-server (from PATH or the embedded-redis artifact).
set -e
cd "$(dirname "$0")/.."
mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
cp="target/test-classes:target/classes:$(cat target/bench.classpath)"
mkdir -p target/bench-classes
javac -q -d target/bench-classes -cp "$cp" loadtest/bench/dev/apigw/emulator/bench/*.java 2>/dev/null \
  || javac -d target/bench-classes -cp "$cp" loadtest/bench/dev/apigw/emulator/bench/*.java
exec java -cp "target/bench-classes:$cp" "$@" dev.apigw.emulator.bench.QuiesceBench
