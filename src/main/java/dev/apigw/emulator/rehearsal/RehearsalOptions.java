package dev.apigw.emulator.rehearsal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The rehearsal's parameters, from its command line. Defaults give about a minute of traffic at 200 requests/s,
 * which two nodes, the traffic and the backend sustain on a 2-core machine.
 *
 * @param redis        old and new node on two separate Redis instances (else embedded stores, one data dir each)
 * @param redisServer  the redis-server binary for {@code --redis} (null: found on the PATH)
 * @param rate         API calls per second, both APIs together
 * @param durationSec  seconds of traffic
 * @param users        virtual users (each moves to the new node on its own, as its load balancer sees the old one go)
 * @param gatling      the traffic is Gatling simulation (c), through Maven, instead of the built-in generator
 * @param jar          the emulator jar both nodes run
 * @param results      where {@code <timestamp>/} with the report, node logs and data directories is created
 * @param tokenTtlSec  OAuth2 token lifetime of both nodes: short, so the traffic renews tokens during the run
 * @param nodeJavaOpts more JVM options of both nodes (CI passes -XX:TieredStopAtLevel=1: a faster start, slower peak)
 * @param warmUpCalls  calls sent to the new node after the migration, before traffic moves to it ({@link WarmUp})
 * @param mvn          the Maven command for {@code --gatling}, with {@code mvnArgs} added (e.g. {@code -o})
 */
record RehearsalOptions(boolean redis, Path redisServer, int rate, int durationSec, int users, boolean gatling, Path jar,
                        Path results, int tokenTtlSec, int nodeInstances, String nodeHeap, List<String> nodeJavaOpts,
                        long backendDelayMs, int warmUpCalls, String mvn, List<String> mvnArgs) {

    static final String USAGE = """
        Usage: java -cp target/apigw-emulator.jar dev.apigw.emulator.rehearsal.Rehearse [options]
          (or loadtest/rehearse.sh [options])

        Rehearses the zero-downtime upgrade between two local emulator nodes under traffic, then writes a report.
          --redis                 old and new node each on its own Redis (default: embedded stores)
          --redis-server PATH     the redis-server binary for --redis (default: redis-server on the PATH)
          --rate N                API calls per second (default 200)
          --duration S            seconds of traffic (default 60)
          --users N               virtual users (default max(20, rate / 10))
          --gatling               traffic from Gatling simulation (c) via Maven (default: built-in Vert.x generator)
          --jar PATH              emulator jar (default target/apigw-emulator.jar)
          --results DIR           results root (default loadtest/results)
          --token-ttl S           OAuth2 token lifetime on both nodes (default 30)
          --node-instances N      event loops per node (default 1)
          --node-heap SIZE        -Xmx of each node (default 512m)
          --node-java-opts "OPTS" more JVM options of each node, space-separated (default none)
          --backend-delay-ms N    backend answer delay (default 0)
          --warm-up N             calls to the new node after the migration, before traffic moves to it: a
                                  load balancer's slow start (default 0)
          --mvn CMD               Maven command for --gatling (default mvn); --mvn-arg ARG adds an argument (e.g. -o)
        Exit status: 0 when no request failed and every total reconciles; 1 otherwise; 2 for bad options.
        """;

    /** Parses the command line; an {@link IllegalArgumentException} says what is wrong. */
    static RehearsalOptions parse(String... args) {
        Builder b = new Builder();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            switch (name) {
                case "--redis" -> b.redis = true;
                case "--gatling" -> b.gatling = true;
                default -> {
                    if (!Builder.VALUED.contains(name)) throw new IllegalArgumentException("unknown option " + name);
                    b.set(name, value(args, ++i, name));
                }
            }
        }
        RehearsalOptions o = new RehearsalOptions(b.redis, b.redisServer, b.rate, b.durationSec,
            b.users > 0 ? b.users : Math.max(20, b.rate / 10), b.gatling, b.jar, b.results, b.tokenTtlSec, b.nodeInstances,
            b.nodeHeap, List.copyOf(b.nodeJavaOpts), b.backendDelayMs, b.warmUpCalls, b.mvn, List.copyOf(b.mvnArgs));
        o.check();
        return o;
    }

    /** The options as they are read, before the defaults that depend on others (users from rate). */
    private static final class Builder {
        static final java.util.Set<String> VALUED = java.util.Set.of("--redis-server", "--rate", "--duration", "--users", "--warm-up",
            "--jar", "--results", "--token-ttl", "--node-instances", "--node-heap", "--node-java-opts", "--backend-delay-ms",
            "--mvn", "--mvn-arg");
        boolean redis;
        boolean gatling;
        Path redisServer;
        int rate = 200;
        int durationSec = 60;
        int users;
        Path jar = Path.of("target", "apigw-emulator.jar");
        Path results = Path.of("loadtest", "results");
        int tokenTtlSec = 30;
        int nodeInstances = 1;
        int warmUpCalls;
        String nodeHeap = "512m";
        final List<String> nodeJavaOpts = new ArrayList<>();
        long backendDelayMs;
        String mvn = "mvn";
        final List<String> mvnArgs = new ArrayList<>();

        void set(String name, String v) {
            switch (name) {
                case "--redis-server" -> redisServer = Path.of(v);
                case "--rate" -> rate = positive(name, v);
                case "--duration" -> durationSec = positive(name, v);
                case "--users" -> users = positive(name, v);
                case "--jar" -> jar = Path.of(v);
                case "--results" -> results = Path.of(v);
                case "--token-ttl" -> tokenTtlSec = positive(name, v);
                case "--node-instances" -> nodeInstances = positive(name, v);
                case "--node-heap" -> nodeHeap = v;
                case "--node-java-opts" -> nodeJavaOpts.addAll(List.of(v.trim().split("\\s+")));
                case "--backend-delay-ms" -> backendDelayMs = number(name, v);
                case "--warm-up" -> warmUpCalls = count(name, v);
                case "--mvn" -> mvn = v;
                case "--mvn-arg" -> mvnArgs.add(v);
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
    }

    private void check() {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException(jar + " is missing: build it first (mvn -q -B package -DskipTests)");
        }
        if (redis && redisServer != null && !Files.isExecutable(redisServer)) {
            throw new IllegalArgumentException("--redis-server " + redisServer + " is not an executable file");
        }
        if (durationSec < 3) throw new IllegalArgumentException("--duration must be at least 3 seconds");
    }

    /** The redis-server to run: {@code --redis-server}, else the first on the PATH. */
    Path redisBinary() {
        if (redisServer != null) return redisServer;
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path p = Path.of(dir, "redis-server");
            if (Files.isExecutable(p)) return p;
        }
        throw new IllegalArgumentException("--redis needs redis-server: put it on the PATH or pass --redis-server PATH"
            + " (loadtest/rehearse.sh finds the one the tests use)");
    }

    private static String value(String[] args, int i, String name) {
        if (i >= args.length) throw new IllegalArgumentException(name + " needs a value");
        return args[i];
    }

    private static int positive(String name, String v) {
        long n = number(name, v);
        if (n < 1 || n > Integer.MAX_VALUE) throw new IllegalArgumentException(name + " must be a positive number, was " + v);
        return (int) n;
    }

    private static int count(String name, String v) {
        long n = number(name, v);
        if (n < 0 || n > Integer.MAX_VALUE) throw new IllegalArgumentException(name + " must be 0 or more calls, was " + v);
        return (int) n;
    }

    private static long number(String name, String v) {
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, was " + v);
        }
    }
}
