package dev.apigw.emulator.bench;

import dev.apigw.emulator.support.TestGateway;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * Not run by CI: the search figures of issue 14, run by {@code loadtest/events-bench.sh}. Fills a node's embedded
 * event store with {@code -Devents=1000000} transactional events (the product's documents, spread over the last
 * {@code -DspanHours=24} hours across {@code -Dapis=50} APIs) by restoring an archive through the admin API, then
 * times over HTTP: a search by apiName for the last hour (target under 100 ms) and its {@code _count} (under 50 ms),
 * medians and maxima of {@code -Druns=20} runs after warm-up; and reports the heap the stored events take. Last, it
 * restores a fifth more events to show that the count retention ({@code maxEvents} = the fill) bounds store and heap.
 */
public final class EventSearchBench {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static String base;

    public static void main(String[] args) throws Exception {
        int events = Integer.getInteger("events", 1_000_000);
        int apis = Integer.getInteger("apis", 50);
        int spanHours = Integer.getInteger("spanHours", 24);
        int runs = Integer.getInteger("runs", 20);
        Vertx vertx = Vertx.vertx();
        Path dataDir = Files.createTempDirectory("apigw-events-bench");
        JsonObject settings = TestGateway.defaults().put("dataDir", dataDir.toString());
        settings.getJsonObject("events").put("maxEvents", events).put("flushIntervalMs", 200);
        TestGateway gw = TestGateway.start(vertx, settings);
        base = "http://127.0.0.1:" + gw.port() + "/rest/apigateway";
        try {
            long heapBefore = usedHeap();
            long now = System.currentTimeMillis();
            restore(dataDir, "bench-fill", events, apis, now - spanHours * 3_600_000L, now, 1);
            long heapAfter = usedHeap();
            System.out.printf("stored: %d events (%s on disk)%n", count(new JsonArray()), diskUsage(dataDir.resolve("events")));
            System.out.printf("heap: %.1f MiB for the stored events (%.0f bytes per event)%n",
                (heapAfter - heapBefore) / 1048576.0, (heapAfter - heapBefore) / (double) events);
            JsonArray lastHour = new JsonArray().add(new JsonObject().put("attributeName", "apiName").put("keyword", "api-07"))
                .add(new JsonObject().put("attributeName", "creationDate").put("range", new JsonObject().put("since", "1h")));
            JsonObject search = body(lastHour);
            int hits = post("/search", search).getJsonArray("transaction_events").size();
            report("search apiName=api-07, last hour (" + hits + " events)", time(() -> post("/search", search), runs), 100);
            report("_count apiName=api-07, last hour", time(() -> post("/search/_count", search), runs), 50);
            JsonArray allTime = new JsonArray().add(new JsonObject().put("attributeName", "apiName").put("keyword", "api-07"));
            report("_count apiName=api-07, all " + events + " events (info)", time(() -> post("/search/_count", body(allTime)), runs), -1);
            report("_count everything (info)", time(() -> post("/search/_count", body(new JsonArray())), runs), -1);

            restore(dataDir, "bench-more", events / 5, apis, now - 3_600_000L, System.currentTimeMillis(), 2);
            System.out.printf("after %d more: stored %d (maxEvents %d); heap %.1f MiB over the empty node%n", events / 5,
                count(new JsonArray()), events, (usedHeap() - heapBefore) / 1048576.0);
        } finally {
            gw.close();
            vertx.close();
        }
    }

    private static JsonObject body(JsonArray scope) {
        return new JsonObject().put("types", new JsonArray().add("TRANSACTION_EVENTS")).put("scope", scope);
    }

    private static long count(JsonArray scope) throws Exception {
        return post("/search/_count", body(scope)).getLong("transaction_events");
    }

    /** Writes an archive of generated events into the node's archive directory and restores it through the API. */
    private static void restore(Path dataDir, String name, int n, int apis, long from, long to, int generation)
            throws Exception {
        long t0 = System.nanoTime();
        Path dir = Files.createDirectories(dataDir.resolve("event-archives"));
        Random random = new Random(42 + generation);
        try (Writer w = new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(dir.resolve(name + ".ndjson.gz")),
                1 << 16), StandardCharsets.UTF_8)) {
            for (int i = 0; i < n; i++) {
                long date = from + (to - from) * i / Math.max(1, n - 1); // chronological, as a node writes them
                w.write(event(generation + "-" + i, date, "api-" + String.format("%02d", random.nextInt(apis)), random).encode());
                w.write('\n');
            }
        }
        long written = System.nanoTime();
        JsonObject accepted = post("/apitransactions/archives/" + name, null);
        String job = accepted.getString("jobId");
        JsonObject status;
        do {
            Thread.sleep(200); // polling a job, not synchronisation
            status = get("/apitransactions/jobs/" + job);
        } while ("In Progress".equals(status.getString("status")));
        System.out.printf("%s: %d events generated in %.1f s, restored in %.1f s (%s)%n", name, n,
            (written - t0) / 1e9, (System.nanoTime() - written) / 1e9, status.getString("status"));
    }

    private static JsonObject event(String id, long date, String api, Random r) {
        int code = r.nextInt(100) < 90 ? 200 : r.nextInt(2) == 0 ? 404 : 503;
        int total = 5 + r.nextInt(400);
        int provider = total - r.nextInt(5);
        return new JsonObject().put("id", "bench:" + id).put("eventType", "Transactional").put("creationDate", date)
            .put("apiId", "id-" + api).put("apiName", api).put("apiVersion", "1.0").put("operationName", "/orders/{id}")
            .put("httpMethod", "get").put("nativeHttpMethod", "GET").put("nativeURL", "http://backend:8080/orders/" + r.nextInt(100000))
            .put("status", code == 200 ? "SUCCESS" : "FAILURE").put("responseCode", String.valueOf(code))
            .put("totalTime", total).put("providerTime", provider).put("gatewayTime", total - provider)
            .put("totalDataSize", 300 + r.nextInt(2000)).put("applicationName", "app-" + r.nextInt(20))
            .put("applicationId", "app-id-" + r.nextInt(20)).put("consumerIp", "10.0.0." + r.nextInt(50))
            .put("correlationID", "APIGW:bench:" + id).put("sessionId", "bench:" + id).put("sourceGateway", "APIGateway")
            .put("sourceGatewayNode", "bench").put("cachedResponse", "Not-Cached").put("callbackRequest", false);
    }

    private interface Call {
        void run() throws Exception;
    }

    /** Milliseconds of each run after five warm-up runs, sorted. */
    private static List<Double> time(Call call, int runs) throws Exception {
        for (int i = 0; i < 5; i++) call.run();
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            call.run();
            ms.add((System.nanoTime() - t) / 1e6);
        }
        Collections.sort(ms);
        return ms;
    }

    private static void report(String what, List<Double> ms, double targetMs) {
        double median = ms.get(ms.size() / 2);
        double max = ms.get(ms.size() - 1);
        String verdict = targetMs < 0 ? "" : median < targetMs ? "  PASS (< " + (int) targetMs + " ms)" : "  FAIL (>= " + (int) targetMs + " ms)";
        System.out.printf("%-60s median %7.2f ms  max %7.2f ms%s%n", what, median, max, verdict);
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static String diskUsage(Path dir) throws Exception {
        long bytes;
        try (var files = Files.walk(dir)) {
            bytes = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
        return String.format("%.0f MiB", bytes / 1048576.0);
    }

    private static JsonObject post(String path, JsonObject body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
            .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body.encode())));
    }

    private static JsonObject get(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    private static JsonObject send(HttpRequest.Builder request) throws Exception {
        String auth = Base64.getEncoder().encodeToString("Administrator:manage".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = HTTP.send(request.header("Authorization", "Basic " + auth).build(),
            HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) throw new IllegalStateException(r.statusCode() + " " + r.body());
        return new JsonObject(r.body());
    }
}
