package dev.apigw.emulator.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apigw.emulator.support.Await;
import dev.apigw.emulator.support.DeployedApi;
import dev.apigw.emulator.support.Echo;
import dev.apigw.emulator.support.GatewayIT;
import dev.apigw.emulator.support.Poll;
import dev.apigw.emulator.support.TestBackend;
import dev.apigw.emulator.support.TestGateway;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * 50 MB through the gateway in each direction, generated and consumed in 64 KiB chunks (never a 50 MB array). Two
 * proofs of streaming: back-pressure (while the far end does not read, the near end cannot push the whole body into
 * the gateway) and heap (used heap after a full GC stays within 25 MB of the baseline while 50 MB are in flight).
 * One node for the class, with {@code apis/echo.json} in front of the echo backend.
 */
@GatewayIT
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StreamingIT {
    static final long SIZE = 50L * 1024 * 1024;
    /** Socket buffers on loopback can hold ~20 MB between client and backend; twice that shows the hold-back. */
    static final long GATED_SIZE = 100L * 1024 * 1024;
    static final long MAX_HEAP_GROWTH = 25L * 1024 * 1024;
    static final Buffer CHUNK = Buffer.buffer(new byte[64 * 1024]);

    private Vertx vertx;
    private TestGateway gw;
    private HttpClient client;
    private DeployedApi echoApi;

    @BeforeAll
    void start(TestGateway gw, Echo echo, Vertx vertx) {
        this.vertx = vertx;
        this.gw = gw;
        client = vertx.createHttpClient();
        echoApi = gw.deploy("apis/echo.json", echo);
    }

    @AfterAll
    void stop() {
        Await.result(client.close());
    }

    @Test
    void a_50_mb_upload_streams_through_to_the_echo_backend() {
        long baseline = usedHeapAfterGc();
        AtomicLong sent = new AtomicLong();
        Future<JsonObject> answer = upload(echoApi.path() + "/upload", sent, SIZE);
        long peak = peakGrowthWhile(answer, baseline);
        assertEquals(SIZE, Await.result(answer).getLong("bytes"));
        assertTrue(peak < MAX_HEAP_GROWTH, "heap grew by " + mb(peak) + " during the upload");
        assertTrue(usedHeapAfterGc() - baseline < MAX_HEAP_GROWTH, "heap kept the upload");
    }

    @Test
    void a_50_mb_download_streams_back_from_the_echo_backend() {
        long baseline = usedHeapAfterGc();
        AtomicLong received = new AtomicLong();
        Future<Long> done = download(echoApi.path() + "/bytes/" + SIZE, received, null);
        long peak = peakGrowthWhile(done, baseline);
        assertEquals(SIZE, Await.result(done));
        assertTrue(peak < MAX_HEAP_GROWTH, "heap grew by " + mb(peak) + " during the download");
    }

    @Test
    void a_backend_that_stops_reading_holds_the_upload_back_at_the_client() {
        AtomicReference<HttpServerRequest> parked = new AtomicReference<>();
        AtomicLong atBackend = new AtomicLong();
        try (TestBackend slow = TestBackend.start(vertx, req -> {
            if (req.path().equals("/probe")) {
                req.response().end();
                return;
            }
            req.pause(); // not reading: TCP and the gateway's pipe must push back to the client
            req.handler(b -> atBackend.addAndGet(b.length()));
            req.endHandler(v -> req.response().end(new JsonObject().put("bytes", atBackend.get()).encode()));
            parked.set(req);
        })) {
            DeployedApi gated = gw.deploy("apis/gated.json", Map.of("backend", slow.url()));
            long baseline = usedHeapAfterGc();
            AtomicLong sent = new AtomicLong();
            Future<JsonObject> answer = upload(gated.path() + "/in", sent, GATED_SIZE);
            Poll.until("request parked at the backend", 10_000, () -> parked.get() != null);
            long stalledAt = awaitNoProgress(sent);
            System.out.println("StreamingIT upload stalled after " + mb(stalledAt));
            assertTrue(stalledAt < GATED_SIZE / 2, "client pushed " + mb(stalledAt) + " while the backend read nothing");
            assertTrue(usedHeapAfterGc() - baseline < MAX_HEAP_GROWTH, "heap grew while the upload was held back");
            parked.get().resume();
            assertEquals(GATED_SIZE, Await.result(answer).getLong("bytes"));
        }
    }

    /**
     * Read over a plain socket: the test stops reading for a while, so the gateway's back-pressure (not a client
     * library's buffering) is what holds the download back, and every body byte is counted as it arrives.
     */
    @Test
    void a_client_that_stops_reading_holds_the_download_back_at_the_backend() throws Exception {
        long baseline = usedHeapAfterGc();
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", gw.port())) {
            s.getOutputStream().write(("GET " + echoApi.path() + "/bytes/" + SIZE + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Connection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            java.io.InputStream in = s.getInputStream();
            long body = skipHead(in);
            byte[] buf = new byte[64 * 1024];
            int n = in.read(buf);
            body += Math.max(0, n);
            Thread.sleep(1_500); // the hold-back under test (not synchronisation): nothing is read meanwhile
            assertTrue(usedHeapAfterGc() - baseline < MAX_HEAP_GROWTH, "heap grew while the download was held back");
            for (int r; (r = in.read(buf)) > 0; ) body += r;
            assertEquals(SIZE, body);
        }
    }

    /** Reads the response head byte by byte; returns 0 (no body bytes consumed). */
    private static long skipHead(java.io.InputStream in) throws java.io.IOException {
        int state = 0;
        while (state < 4) {
            int b = in.read();
            if (b < 0) throw new java.io.EOFException("no response head");
            state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
        }
        return 0;
    }

    /** POSTs {@code size} bytes with Content-Length, written chunk by chunk as the connection drains. */
    private Future<JsonObject> upload(String uri, AtomicLong sent, long size) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1")
            .setPort(gw.port()).setURI(uri).putHeader("Content-Length", String.valueOf(size));
        return client.request(options).compose(req -> {
            req.exceptionHandler(err -> { });
            Future<HttpClientResponse> response = req.response();
            vertx.getOrCreateContext().runOnContext(v -> pump(req, sent, size));
            return response;
        }).compose(HttpClientResponse::body).map(Buffer::toJsonObject);
    }

    private static void pump(HttpClientRequest req, AtomicLong sent, long size) {
        while (sent.get() < size && !req.writeQueueFull()) {
            int n = (int) Math.min(CHUNK.length(), size - sent.get());
            req.write(n == CHUNK.length() ? CHUNK : CHUNK.getBuffer(0, n));
            sent.addAndGet(n);
        }
        if (sent.get() >= size) req.end();
        else req.drainHandler(v -> pump(req, sent, size));
    }

    /**
     * GETs the URI, counting bytes; with {@code pauseAfterFirst} it stops reading after the first chunk and hands back
     * what resumes it: on the response's own event loop, since a response is not safe to resume from another thread.
     */
    private Future<Long> download(String uri, AtomicLong received, AtomicReference<Runnable> pauseAfterFirst) {
        Promise<Long> done = Promise.promise();
        client.request(HttpMethod.GET, gw.port(), "127.0.0.1", uri).compose(req -> req.send()).onSuccess(res -> {
            res.handler(b -> {
                if (received.getAndAdd(b.length()) == 0 && pauseAfterFirst != null) {
                    res.pause();
                    io.vertx.core.Context ctx = vertx.getOrCreateContext();
                    pauseAfterFirst.set(() -> ctx.runOnContext(v -> res.resume()));
                }
            });
            res.exceptionHandler(done::tryFail);
            res.endHandler(v -> done.tryComplete(received.get()));
        }).onFailure(done::tryFail);
        return done.future();
    }

    /** Waits until a counter has stopped moving (no change over 300 ms) and returns its value. */
    private static long awaitNoProgress(AtomicLong counter) {
        long[] last = {-1};
        long[] since = {System.nanoTime()};
        Poll.until("transfer to stall", 20_000, () -> {
            long now = counter.get();
            if (now != last[0]) {
                last[0] = now;
                since[0] = System.nanoTime();
                return false;
            }
            return System.nanoTime() - since[0] > 300_000_000L;
        });
        return last[0];
    }

    /** Samples used heap after GC every 100 ms while the transfer runs (a GC loop would starve the transfer). */
    private static long peakGrowthWhile(Future<?> transfer, long baseline) {
        long peak = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!transfer.isComplete() && System.nanoTime() < deadline) {
            peak = Math.max(peak, usedHeapAfterGc() - baseline);
            try {
                Thread.sleep(100); // sampling interval; completion is what ends the loop
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        System.out.println("StreamingIT peak heap growth " + mb(peak));
        return peak;
    }

    private static long usedHeapAfterGc() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static String mb(long bytes) {
        return (bytes / (1024 * 1024)) + " MB";
    }
}
