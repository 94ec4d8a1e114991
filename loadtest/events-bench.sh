#!/usr/bin/env sh
# Runs EventSearchBench (loadtest/bench/dev/apigw/emulator/bench/EventSearchBench.java), compiled here against the
# gateway's classes and test support (a test gateway in this JVM, embedded store): the benchmark is not part of the
# build. Fills 1,000,000 events (~3 GB of JSON generated, ~0.5 GB stored), then times a search by apiName for the
# last hour (< 100 ms) and its _count (< 50 ms), and reports the heap the events take (bounded by maxEvents).
# Options as system properties: -Devents=1000000 -Dapis=50 -DspanHours=24 -Druns=20 (a smoke run: -Devents=20000)
set -e
cd "$(dirname "$0")/.."
mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
cp="target/test-classes:target/classes:$(cat target/bench.classpath)"
mkdir -p target/bench-classes
javac -q -d target/bench-classes -cp "$cp" loadtest/bench/dev/apigw/emulator/bench/*.java 2>/dev/null \
  || javac -d target/bench-classes -cp "$cp" loadtest/bench/dev/apigw/emulator/bench/*.java
exec java -Xmx1g -XX:+UseParallelGC -cp "target/bench-classes:$cp" "$@" dev.apigw.emulator.bench.EventSearchBench
