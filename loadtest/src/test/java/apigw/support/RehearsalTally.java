package apigw.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;

/**
 * How every call of the rehearsal simulation ended, written as {@code traffic.json} and {@code old-calls.csv} in the
 * shape the rehearsal's built-in generator writes (dev.apigw.emulator.rehearsal.TrafficTally), so the orchestrator
 * reads either. A call is sent once and ends once: served by the old node, served by the new node, or failed; a
 * refusal by the old node is followed by the same call on the new node. Thread-safe: Gatling's users run on many
 * threads.
 */
public final class RehearsalTally {
    public static final String OLD = "old";
    public static final String NEW = "new";

    private final LongAdder sent = new LongAdder();
    private final Map<String, LongAdder> refused = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> tokens = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Map<Integer, LongAdder>>> responses = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<long[]> oldCalls = new ConcurrentLinkedQueue<>();
    private volatile long startedAt;

    public void started() {
        startedAt = System.currentTimeMillis();
    }

    public void sent() {
        sent.increment();
    }

    public void answered(String node, String api, int status) {
        responses.computeIfAbsent(node, k -> new ConcurrentHashMap<>()).computeIfAbsent(api, k -> new ConcurrentHashMap<>())
            .computeIfAbsent(status, k -> new LongAdder()).increment();
    }

    public void refused(String how) {
        count(refused, how);
    }

    public void failed(String reason) {
        count(failures, reason);
    }

    public void token(String node) {
        count(tokens, node);
    }

    /** A call the old node served, from {@code start} to {@code end} (epoch ms, Gatling's precision). */
    public void oldCall(long startMs, long endMs) {
        oldCalls.add(new long[] {startMs * 1000, endMs * 1000});
    }

    /** Writes traffic.json and old-calls.csv into {@code dir}. */
    public void write(Path dir) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode out = json.createObjectNode().put("ranForMs", System.currentTimeMillis() - startedAt).put("sent", sent.sum())
            .put("servedOld", served(OLD)).put("servedNew", served(NEW));
        out.set("refusedByOld", sums(json, refused));
        out.put("failed", failures.values().stream().mapToLong(LongAdder::sum).sum());
        out.set("failures", sums(json, failures));
        ObjectNode byNode = out.putObject("responses");
        responses.forEach((node, apis) -> {
            ObjectNode n = byNode.putObject(node);
            apis.forEach((api, statuses) -> {
                ObjectNode a = n.putObject(api);
                new TreeMap<>(statuses).forEach((s, c) -> a.put(String.valueOf(s), c.sum()));
            });
        });
        out.putObject("aborted");
        out.set("tokens", sums(json, tokens));
        StringBuilder csv = new StringBuilder();
        for (long[] c : oldCalls) csv.append(c[0]).append(',').append(c[1]).append('\n');
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("old-calls.csv"), csv);
            Files.writeString(dir.resolve("traffic.json"), json.writerWithDefaultPrettyPrinter().writeValueAsString(out));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private long served(String node) {
        return responses.getOrDefault(node, Map.of()).values().stream().flatMap(m -> m.entrySet().stream())
            .filter(e -> e.getKey() / 100 == 2).mapToLong(e -> e.getValue().sum()).sum();
    }

    private static void count(Map<String, LongAdder> m, String key) {
        m.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    private static ObjectNode sums(ObjectMapper json, Map<String, LongAdder> m) {
        ObjectNode out = json.createObjectNode();
        new TreeMap<>(m).forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
