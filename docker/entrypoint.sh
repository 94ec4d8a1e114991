#!/bin/sh
# Starts the emulator as PID 1 (exec), so SIGTERM from `docker stop` / Kubernetes reaches the JVM and drains.
# JVM options: the container-aware defaults below, then JAVA_OPTS (the caller's, appended so they win). They are
# passed on the command line, not through JAVA_TOOL_OPTIONS, which makes every JVM print "Picked up ...".
exec java -XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError $JAVA_OPTS \
    -jar /opt/apigw/apigw-emulator.jar "$@"
