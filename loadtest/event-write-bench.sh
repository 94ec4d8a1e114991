#!/usr/bin/env sh
# The event writer's CPU per transactional event (issue 14): EventWriteBench (loadtest/bench/dev/apigw/emulator/events/)
# compiled against the gateway's classes, one thread, an embedded store in a temporary directory (deleted after).
# Prints thread CPU ns per event: building the record, encoding it alone, and the store's append (encode + index +
# file write, user and kernel time). ~10 s by default; options as system properties: -Dsecs=10 -Dbatch=3000
# -DmaxEvents=100000, e.g. loadtest/event-write-bench.sh -Dsecs=5. A 1 GiB heap: segments dropped by retention are
# kept for the query grace (queryTimeoutMs + 5 s), and this loop writes millions of events in that time
set -e
cd "$(dirname "$0")/.."
mvn -B -q compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath
cp="target/classes:$(cat target/bench.classpath)"
mkdir -p target/bench-classes
javac -d target/bench-classes -cp "$cp" loadtest/bench/dev/apigw/emulator/events/*.java
exec java -Xms1g -Xmx1g -XX:+UseParallelGC -cp "target/bench-classes:$cp" "$@" dev.apigw.emulator.events.EventWriteBench
