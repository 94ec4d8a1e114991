package dev.apigw.emulator.rehearsal;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * How every API call of the traffic ended, in the form both generators write ({@code traffic.json}; Gatling's
 * simulation writes the same fields). A call is <em>sent</em> once and ends once: served by the old node, served by
 * the new node, or failed. A refusal by the old node (503 while it drains, connection refused or closed unanswered
 * once it stopped listening) is not an end: the call is retried on the new node, as a load balancer does.
 * {@code responses} holds every answer of an admitted call per node, API and status: what the nodes count.
 * Thread-safe (adders); the old node's served calls are also kept as start/end times for the quiesce bound.
 */
final class TrafficTally {
    static final String OLD = "old";
    static final String NEW = "new";

    private final LongAdder sent = new LongAdder();
    private final Map<String, LongAdder> refused = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Map<Integer, LongAdder>>> responses = new ConcurrentHashMap<>();
    private final Map<String, Map<String, LongAdder>> aborted = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> tokens = new ConcurrentHashMap<>();
    private final List<long[]> oldCalls = new ArrayList<>();
    private volatile long ranForMs;

    void sent() {
        sent.increment();
    }

    /** An admitted call answered with {@code status} (served when 2xx; the node counted it either way). */
    void answered(String node, String api, int status) {
        responses.computeIfAbsent(node, k -> new ConcurrentHashMap<>()).computeIfAbsent(api, k -> new ConcurrentHashMap<>())
            .computeIfAbsent(status, k -> new LongAdder()).increment();
    }

    /** The old node refused the call: {@code how} = status503, connectionRefused, noResponse; token calls too. */
    void refused(String how) {
        refused.computeIfAbsent(how, k -> new LongAdder()).increment();
    }

    void failed(String reason) {
        failures.computeIfAbsent(reason, k -> new LongAdder()).increment();
    }

    /** The client gave up on a call (timeout): the node, if the call reached it, counted it (499). */
    void aborted(String node, String api) {
        aborted.computeIfAbsent(node, k -> new ConcurrentHashMap<>()).computeIfAbsent(api, k -> new LongAdder()).increment();
    }

    /** How long calls were sent. */
    void ranFor(long millis) {
        ranForMs = millis;
    }

    void token(String node) {
        tokens.computeIfAbsent(node, k -> new LongAdder()).increment();
    }

    /** A call the old node served, from its start to its end (epoch microseconds). */
    synchronized void oldCall(long startMicros, long endMicros) {
        oldCalls.add(new long[] {startMicros, endMicros});
    }

    long sentCount() {
        return sent.sum();
    }

    long served(String node) {
        return responses.getOrDefault(node, Map.of()).values().stream().mapToLong(TrafficTally::served).sum();
    }

    long served(String node, String api) {
        return served(responses.getOrDefault(node, Map.of()).getOrDefault(api, Map.of()));
    }

    private static long served(Map<Integer, LongAdder> byStatus) {
        return byStatus.entrySet().stream().filter(e -> e.getKey() / 100 == 2).mapToLong(e -> e.getValue().sum()).sum();
    }

    /** Every answer of an admitted call to {@code api} on {@code node}: what that node counted. */
    long answered(String node, String api) {
        return responses.getOrDefault(node, Map.of()).getOrDefault(api, Map.of()).values().stream().mapToLong(LongAdder::sum).sum();
    }

    long abortedCount(String node, String api) {
        return sum(aborted.getOrDefault(node, Map.of()).get(api));
    }

    long failedCount() {
        return failures.values().stream().mapToLong(LongAdder::sum).sum();
    }

    long refusedCount() {
        return refused.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** The longest remaining time (ms) of the old node's calls in flight at {@code atMicros}; 0 if none was. */
    synchronized double longestInFlightMs(long atMicros) {
        long longest = 0;
        for (long[] c : oldCalls) if (c[0] <= atMicros && c[1] > atMicros) longest = Math.max(longest, c[1] - atMicros);
        return longest / 1000.0;
    }

    JsonObject toJson() {
        JsonObject byNode = new JsonObject();
        responses.forEach((node, apis) -> {
            JsonObject a = new JsonObject();
            apis.forEach((api, statuses) -> {
                JsonObject s = new JsonObject();
                new TreeMap<>(statuses).forEach((status, n) -> s.put(String.valueOf(status), n.sum()));
                a.put(api, s);
            });
            byNode.put(node, a);
        });
        JsonObject abortedJson = new JsonObject();
        aborted.forEach((node, apis) -> abortedJson.put(node, sums(apis)));
        return new JsonObject().put("ranForMs", ranForMs).put("sent", sent.sum()).put("servedOld", served(OLD)).put("servedNew", served(NEW))
            .put("refusedByOld", sums(refused)).put("failed", failedCount()).put("failures", sums(failures))
            .put("responses", byNode).put("aborted", abortedJson).put("tokens", sums(tokens));
    }

    static TrafficTally fromJson(JsonObject json) {
        TrafficTally t = new TrafficTally();
        t.sent.add(json.getLong("sent", 0L));
        t.ranForMs = json.getLong("ranForMs", 0L);
        add(json.getJsonObject("refusedByOld"), t.refused);
        add(json.getJsonObject("failures"), t.failures);
        add(json.getJsonObject("tokens"), t.tokens);
        json.getJsonObject("responses", new JsonObject()).forEach(node -> ((JsonObject) node.getValue()).forEach(api ->
            ((JsonObject) api.getValue()).forEach(s -> t.responses.computeIfAbsent(node.getKey(), k -> new ConcurrentHashMap<>())
                .computeIfAbsent(api.getKey(), k -> new ConcurrentHashMap<>())
                .computeIfAbsent(Integer.parseInt(s.getKey()), k -> new LongAdder()).add(((Number) s.getValue()).longValue()))));
        json.getJsonObject("aborted", new JsonObject()).forEach(node ->
            add((JsonObject) node.getValue(), t.aborted.computeIfAbsent(node.getKey(), k -> new ConcurrentHashMap<>())));
        return t;
    }

    /** Writes {@code traffic.json} and {@code old-calls.csv} (startMicros,endMicros per call the old node served). */
    synchronized void write(Path dir) {
        try {
            Files.writeString(dir.resolve("traffic.json"), toJson().encodePrettily());
            StringBuilder csv = new StringBuilder();
            for (long[] c : oldCalls) csv.append(c[0]).append(',').append(c[1]).append('\n');
            Files.writeString(dir.resolve("old-calls.csv"), csv);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads what {@link #write} (or the Gatling simulation) wrote. */
    static TrafficTally read(Path dir) {
        try {
            TrafficTally t = fromJson(new JsonObject(Files.readString(dir.resolve("traffic.json"))));
            Path calls = dir.resolve("old-calls.csv");
            if (Files.isRegularFile(calls)) {
                for (String line : Files.readAllLines(calls)) {
                    String[] f = line.split(",");
                    if (f.length == 2) t.oldCalls.add(new long[] {Long.parseLong(f[0].trim()), Long.parseLong(f[1].trim())});
                }
            }
            return t;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void add(JsonObject from, Map<String, LongAdder> into) {
        if (from != null) from.forEach(e -> into.computeIfAbsent(e.getKey(), k -> new LongAdder()).add(((Number) e.getValue()).longValue()));
    }

    private static JsonObject sums(Map<String, LongAdder> m) {
        JsonObject out = new JsonObject();
        new TreeMap<>(m).forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    private static long sum(LongAdder a) {
        return a == null ? 0 : a.sum();
    }
}
