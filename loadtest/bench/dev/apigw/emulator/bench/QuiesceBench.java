package dev.apigw.emulator.bench;

import dev.apigw.emulator.NodeProbe;
import dev.apigw.emulator.demo.EchoBackend;
import dev.apigw.emulator.metrics.PerformanceMetrics;
import dev.apigw.emulator.runtime.CompiledApi;
import dev.apigw.emulator.runtime.Exchange;
import dev.apigw.emulator.quota.SubscriptionQuotas;
import dev.apigw.emulator.quiesce.QuiesceState;
import dev.apigw.emulator.store.AssetStore;
import dev.apigw.emulator.store.AssetType;
import dev.apigw.emulator.store.EmbeddedAssetStore;
import dev.apigw.emulator.store.EmbeddedMetricsStore;
import dev.apigw.emulator.store.ExtendedSettings;
import dev.apigw.emulator.store.RedisAssetStore;
import dev.apigw.emulator.store.MetricsStore;
import dev.apigw.emulator.store.RedisMetricsStore;
import dev.apigw.emulator.support.Await;
import dev.apigw.emulator.support.Poll;
import dev.apigw.emulator.support.RedisServer;
import dev.apigw.emulator.support.TestApis;
import dev.apigw.emulator.support.TestGateway;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import dev.apigw.emulator.config.RedisConfig;
import dev.apigw.emulator.store.RedisConnector;
import dev.apigw.emulator.store.EmbeddedQuotaCounters;
import dev.apigw.emulator.store.QuotaCounterStore;
import dev.apigw.emulator.store.RedisQuotaCounters;
import dev.apigw.emulator.store.SkippedAssets;
import dev.apigw.emulator.quota.SubscriptionDirectory;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Not run by CI (no Test/IT suffix): the two quiesce figures of issue 5, run by {@code loadtest/quiesce-bench.sh}.
 * (1) quiesce all under steady load completes within the longest in-flight request + 200 ms; (2) flushing 10,000
 * counters to the store takes under one second (embedded and Redis). Prints one line per figure with PASS/FAIL.
 */
public final class QuiesceBench {
    /** Start and end of one call in epoch nanoseconds (comparable with the receipt's timestamps). */
    private record Call(long start, long end, int status) {
    }

    private static long now() {
        java.time.Instant i = java.time.Instant.now();
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    private static long nanosOf(JsonObject phases, String phase) {
        java.time.Instant i = java.time.Instant.parse(phases.getJsonObject(phase).getString("at"));
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    public static void main(String[] args) throws Exception {
        int concurrency = Integer.getInteger("concurrency", 64);
        int delayMs = Integer.getInteger("delayMs", 200);
        int records = Integer.getInteger("records", 10_000);
        double abortShare = Double.parseDouble(System.getProperty("abortShare", "0"));
        Vertx vertx = Vertx.vertx();
        try {
            quiesceUnderLoad(vertx, concurrency, delayMs, abortShare);
            if (Boolean.getBoolean("quiesceOnly")) return;
            flush(vertx, "embedded", new EmbeddedMetricsStore(vertx, Files.createTempDirectory("apigw-bench")), records);
            // the gateway's own client (Assembly): a pool of 16 with a 4096-deep wait queue
            String url = System.getProperty("redisUrl", RedisServer.sharedUrl());
            RedisConnector redis = new RedisConnector(vertx, new RedisConfig(url, 10_000, 16, 1_000));
            flush(vertx, "redis", new RedisMetricsStore(redis), records);
            EmbeddedQuotaCounters local = new EmbeddedQuotaCounters(vertx, Files.createTempDirectory("apigw-bench-quota"));
            Await.result(local.start());
            quotaFlush(vertx, "embedded", EmbeddedAssetStore.open(vertx, Files.createTempDirectory("apigw-bench-assets")),
                local, records);
            RedisAssetStore shared = new RedisAssetStore(vertx, redis);
            Await.result(shared.start());
            quotaFlush(vertx, "redis", shared, new RedisQuotaCounters(redis), records);
        } catch (RuntimeException | Error e) {
            e.printStackTrace(); // System.exit below would otherwise hide why the bench stopped
        } finally {
            Await.result(vertx.close());
            System.exit(0); // the shared embedded Redis, if one was started, must not keep the JVM alive
        }
    }

    /**
     * @param abortShare the share of clients that give up on their requests (asking for 60 s, aborting after about
     *                   half the normal delay, as a load generator's timeout does): a drain must not wait for them
     */
    static void quiesceUnderLoad(Vertx vertx, int concurrency, int delayMs, double abortShare) throws InterruptedException {
        EchoBackend echo = Await.result(new EchoBackend(vertx).start("127.0.0.1", 0));
        TestGateway gw = TestGateway.start(vertx, TestGateway.defaults().put("quiescePort", Poll.freePort()).put("instances", 2));
        TestApis.registerActive(gw, "Bench", "1.0", "http://127.0.0.1:" + echo.port(), "/delay/{ms}");
        HttpClient client = vertx.createHttpClient(new HttpClientOptions(), new PoolOptions().setHttp1MaxSize(concurrency));
        ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
        AtomicBoolean running = new AtomicBoolean(true);
        // each worker staggers its delay a little so completions are spread over time, like real traffic
        int aborting = (int) Math.round(concurrency * abortShare);
        for (int i = 0; i < concurrency; i++) {
            if (i < aborting) loopAborting(vertx, client, gw.port(), delayMs / 2 + (i % 10) * delayMs / 20, running);
            else loop(client, gw.port(), delayMs + (i % 10) * delayMs / 10, calls, running);
        }
        Thread.sleep(3_000); // warm-up under load (a benchmark, not a test: nothing waits on this)
        long put;
        gw.admin().contentType("application/json").body("{\"enable\":true,\"block\":\"all\"}").put("/rest/apigateway/quiescemode")
            .then().statusCode(200);
        Poll.until("quiesced", 60_000, () -> NodeProbe.of(gw.node()).quiesceState() == QuiesceState.QUIESCED);
        running.set(false);
        // measured on the gateway's own clock: from the PUT's arrival to the listener being closed
        JsonObject phases = NodeProbe.of(gw.node()).quiesceView().getJsonObject("receipt").getJsonObject("phases");
        long requestedAt = nanosOf(phases, "requested");
        long quiescedAt = nanosOf(phases, "quiesced");
        put = requestedAt;
        long longestRemaining = 0;
        int inFlightAtPut = 0;
        int failedInFlight = 0;
        int refused = 0;
        for (Call c : calls) {
            if (c.start() < put && c.end() > put) {
                // sent before the PUT but reaching the gateway after it: refused with 503, as a load balancer expects
                if (c.status() == 503) {
                    refused++;
                    continue;
                }
                inFlightAtPut++;
                longestRemaining = Math.max(longestRemaining, c.end() - put);
                if (c.status() != 200) failedInFlight++;
            }
        }
        System.out.printf("sent before the PUT and refused with 503 (not yet admitted when it arrived): %d%n", refused);
        long took = (quiescedAt - requestedAt) / 1_000_000;
        long bound = longestRemaining / 1_000_000 + 200;
        System.out.printf("quiesce-all (%d clients, %d aborting): %d real requests in flight at PUT, %d of them failed,"
            + " longest remaining %d ms, quiesced after %d ms (bound %d ms) %s%n", concurrency, aborting, inFlightAtPut,
            failedInFlight, longestRemaining / 1_000_000, took, bound, took <= bound && failedInFlight == 0 ? "PASS" : "FAIL");
        System.out.println("receipt: " + NodeProbe.of(gw.node()).quiesceView().getJsonObject("receipt").encode());
        Await.result(client.close());
        gw.close();
        Await.result(echo.stop());
    }

    private static void loop(HttpClient client, int port, int delayMs, ConcurrentLinkedQueue<Call> calls, AtomicBoolean running) {
        if (!running.get()) return;
        long start = now();
        client.request(new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(port)
                .setURI("/gateway/Bench/1.0/delay/" + delayMs))
            .compose(req -> req.send()).compose(resp -> resp.body().map(b -> resp.statusCode()))
            .onComplete(ar -> {
                calls.add(new Call(start, now(), ar.succeeded() ? ar.result() : -1));
                if (ar.succeeded() && ar.result() == 200) loop(client, port, delayMs, calls, running);
            });
    }

    /** A client that asks for a minute-long answer and gives up after {@code abortAfterMs}, again and again. */
    private static void loopAborting(Vertx vertx, HttpClient client, int port, int abortAfterMs, AtomicBoolean running) {
        if (!running.get()) return;
        client.request(new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(port)
                .setURI("/gateway/Bench/1.0/delay/60000"))
            .onSuccess(req -> {
                req.send().onComplete(ar -> { }); // refused with 503 while draining, or reset below
                vertx.setTimer(abortAfterMs, t -> {
                    req.reset();
                    loopAborting(vertx, client, port, abortAfterMs, running);
                });
            })
            .onFailure(err -> vertx.setTimer(abortAfterMs, t -> loopAborting(vertx, client, port, abortAfterMs, running)));
    }

    /**
     * The {@code subscription_quota} flushable itself: {@code n} applications subscribed to one plan with a quota,
     * one counted request each, then one timed flush (each application's plan read, one counters document written).
     */
    static void quotaFlush(Vertx vertx, String name, AssetStore store, QuotaCounterStore counters, int n) {
        String run = java.util.UUID.randomUUID().toString();
        Await.result(store.put(AssetType.PLANS, "plan-" + run, new JsonObject().put("name", "Bench")
            .put("quota", new JsonObject().put("value", 1_000_000).put("interval", "1").put("intervalUnit", "hours"))));
        for (int from = 0; from < n; from += 1000) { // set-up in chunks: the client's wait queue is bounded
            List<Future<Void>> apps = new java.util.ArrayList<>();
            for (int i = from; i < Math.min(n, from + 1000); i++) {
                apps.add(store.put(AssetType.APPLICATIONS, "app-" + run + "-" + i, new JsonObject().put("name", "app" + i)
                    .put("planId", "plan-" + run)));
            }
            Await.result(Future.all(apps));
        }
        SubscriptionDirectory subscriptions = new SubscriptionDirectory(vertx, store, new SkippedAssets());
        Await.result(subscriptions.start());
        SubscriptionQuotas quotas = new SubscriptionQuotas(vertx, store, counters, subscriptions, new ExtendedSettings(store));
        CompiledApi api = new CompiledApi("api", "Api", "1.0", null, null, null);
        for (int round = 0; round < 2; round++) { // the first round warms up class loading, JIT and the store
            for (int i = 0; i < n; i++) {
                Exchange exchange = new Exchange(null, api, "/");
                exchange.identify("app-" + run + "-" + i, "app" + i);
                quotas.completed(exchange, 200);
            }
            long t0 = System.nanoTime();
            int written = Await.result(quotas.flush());
            long ms = (System.nanoTime() - t0) / 1_000_000;
            if (round == 1) {
                System.out.printf("quota-flush-%s: %d subscription quota counters written in %d ms %s%n", name, written, ms,
                    ms < 1_000 && written == n ? "PASS" : "FAIL");
            }
        }
    }

    /** Accumulates one request for each of {@code n} APIs, then times one flush of them all to the store. */
    static void flush(Vertx vertx, String name, MetricsStore store, int n) {
        PerformanceMetrics counters = new PerformanceMetrics(vertx, store, 3_600_000, (kind, records) -> { });
        for (int i = 0; i < n; i++) {
            CompiledApi api = new CompiledApi("api-" + i, "Api" + i, "1.0", null, null, null);
            counters.completed(new Exchange(null, api, "/"), 200);
        }
        Await.result(counters.flush()); // warm-up: class loading, JIT, the store's worker thread
        for (int i = 0; i < n; i++) {
            CompiledApi api = new CompiledApi("api-" + i, "Api" + i, "1.0", null, null, null);
            counters.completed(new Exchange(null, api, "/"), 200);
        }
        long t0 = System.nanoTime();
        int written = Await.result(counters.flush());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        List<JsonObject> back = Await.result(store.read(PerformanceMetrics.KIND));
        System.out.printf("flush-%s: %d counters written in %d ms (read back %d) %s%n", name, written, ms, back.size() / 2,
            ms < 1_000 && written == n ? "PASS" : "FAIL");
    }
}
