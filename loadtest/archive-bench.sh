#!/usr/bin/env sh
# Runs ArchiveBench (loadtest/bench/dev/apigw/emulator/bench/ArchiveBench.java), compiled here against the gateway's
# classes and test support (real nodes on loopback, embedded stores): the benchmark is not part of the build.
# Issue 11 targets: export and import of 1,000 APIs with their policies and 1,000 applications each under 5 s,
# reindex core of the same from another node under 10 s, with bounded memory.
# Options as system properties: -Dapis=1000 -Dapps=1000 (a smoke run: -Dapis=50 -Dapps=50).
set -e
cd "$(dirname "$0")/.."
mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
cp="target/test-classes:target/classes:$(cat target/bench.classpath)"
mkdir -p target/bench-classes
javac -q -d target/bench-classes -cp "$cp" loadtest/bench/dev/apigw/emulator/bench/*.java 2>/dev/null \
  || javac -d target/bench-classes -cp "$cp" loadtest/bench/dev/apigw/emulator/bench/*.java
exec java -Xmx512m -cp "target/bench-classes:$cp" "$@" dev.apigw.emulator.bench.ArchiveBench
