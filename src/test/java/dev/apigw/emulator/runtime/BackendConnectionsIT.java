package dev.apigw.emulator.runtime;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apigw.emulator.support.Await;
import dev.apigw.emulator.support.DeployedApi;
import dev.apigw.emulator.support.GatewayIT;
import dev.apigw.emulator.support.TestBackend;
import dev.apigw.emulator.support.TestGateway;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SelfSignedCertificate;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The forwarder's own keep-alive connections ({@link BackendConnections}) against real backends that count the
 * connections they see (by the gateway side's port): reuse, a backend that closes, and the limits on open and
 * waiting requests with their 503s.
 */
@GatewayIT
class BackendConnectionsIT {

    /** A backend that answers {@code /delay/{ms}} after that long, recording each request's connection. */
    static TestBackend backend(Vertx vertx, Set<Integer> connections, boolean closeAfterEach) {
        return TestBackend.start(vertx, (HttpServerRequest req) -> {
            connections.add(req.remoteAddress().port());
            long ms = req.path().startsWith("/delay/") ? Long.parseLong(req.path().substring(7)) : 0;
            if (closeAfterEach) req.response().putHeader("Connection", "close");
            if (ms == 0) req.response().end("ok");
            else vertx.setTimer(ms, id -> req.response().end(req.method() + " " + req.uri()));
        });
    }

    @Test
    void a_backend_that_closes_after_each_response_gets_a_new_connection_for_every_request(TestGateway gw, Vertx vertx) {
        Set<Integer> connections = ConcurrentHashMap.newKeySet();
        try (TestBackend backend = backend(vertx, connections, true)) {
            DeployedApi api = RuntimeProxyIT.serve(gw, "Closing", backend.url());
            connections.clear();
            for (int i = 0; i < 10; i++) gw.anonymous().get(api.path() + "/r").then().statusCode(200);
            assertEquals(10, connections.size(), "each request on a connection of its own, none failed on a closed one");
        }
    }

    @Test
    void an_idle_connection_the_backend_closed_is_not_used_again(TestGateway gw, Vertx vertx) {
        Set<Integer> connections = ConcurrentHashMap.newKeySet();
        try (TestBackend backend = backend(vertx, connections, false)) {
            DeployedApi api = RuntimeProxyIT.serve(gw, "Restarted", backend.url());
            gw.anonymous().get(api.path() + "/r").then().statusCode(200);
            backend.close(); // closes the idle keep-alive connection from the backend's side
        }
        try (TestBackend again = backend(vertx, connections, false)) {
            DeployedApi api = RuntimeProxyIT.serve(gw, "Restarted2", again.url());
            for (int i = 0; i < 5; i++) gw.anonymous().get(api.path() + "/r").then().statusCode(200);
        }
    }

    @Test
    void an_https_backend_with_a_self_signed_certificate_is_reached_and_its_connection_reused(TestGateway gw,
                                                                                            Vertx vertx) {
        Set<Integer> connections = ConcurrentHashMap.newKeySet();
        SelfSignedCertificate cert = SelfSignedCertificate.create("localhost");
        HttpServer server = Await.result(vertx.createHttpServer(new HttpServerOptions().setSsl(true)
                .setKeyCertOptions(cert.keyCertOptions()))
            .requestHandler(req -> {
                connections.add(req.remoteAddress().port());
                req.response().end("secure " + req.isSSL());
            }).listen(0, "127.0.0.1"));
        try {
            DeployedApi api = RuntimeProxyIT.serve(gw, "Tls", "https://127.0.0.1:" + server.actualPort());
            connections.clear();
            for (int i = 0; i < 5; i++) {
                gw.anonymous().get(api.path() + "/r").then().statusCode(200).body(equalTo("secure true"));
            }
            assertEquals(1, connections.size());
        } finally {
            Await.result(server.close());
        }
    }

    /** One connection per backend and up to ten requests waiting for it. */
    @Nested
    @GatewayIT(set = {"runtime.maxConnectionsPerBackend=1", "runtime.maxWaitQueueSize=10"})
    class Line {
        @Test
        void requests_that_waited_reach_the_backend_in_order_each_with_its_own_method_and_path(TestGateway gw, Vertx vertx)
            throws Exception {
            try (TestBackend backend = backend(vertx, ConcurrentHashMap.newKeySet(), false)) {
                DeployedApi api = RuntimeProxyIT.serve(gw, "Line", backend.url());
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                java.util.List<CompletableFuture<HttpResponse<String>>> answers = new java.util.ArrayList<>();
                for (int i = 1; i <= 4; i++) {
                    String method = i % 2 == 0 ? "DELETE" : "GET";
                    answers.add(client.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gw.port()
                        + api.path() + "/delay/" + (i == 1 ? 300 : i) + "?n=" + i)).method(method, HttpRequest.BodyPublishers.noBody())
                        .build(), HttpResponse.BodyHandlers.ofString()));
                    Thread.sleep(50); // in line in this order, behind the first
                }
                for (int i = 1; i <= 4; i++) {
                    HttpResponse<String> answer = answers.get(i - 1).get(10, TimeUnit.SECONDS);
                    assertEquals(200, answer.statusCode());
                    assertEquals((i % 2 == 0 ? "DELETE" : "GET") + " /delay/" + (i == 1 ? 300 : i) + "?n=" + i, answer.body());
                }
            }
        }
    }

    /** One connection per backend and one request waiting at most 400 ms: the limits seen from outside. */
    @Nested
    @GatewayIT(set = {"runtime.maxConnectionsPerBackend=1", "runtime.maxWaitQueueSize=1", "runtime.poolWaitTimeoutMs=400"})
    class Limits {
        private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

        private CompletableFuture<HttpResponse<String>> get(TestGateway gw, String path) {
            return client.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gw.port() + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        }

        @Test
        void a_request_finding_every_connection_busy_waits_for_one(TestGateway gw, Vertx vertx) throws Exception {
            Set<Integer> connections = ConcurrentHashMap.newKeySet();
            try (TestBackend backend = backend(vertx, connections, false)) {
                DeployedApi api = RuntimeProxyIT.serve(gw, "Waits", backend.url());
                connections.clear();
                var first = get(gw, api.path() + "/delay/150");
                var second = get(gw, api.path() + "/delay/150");
                assertEquals(200, first.get(5, TimeUnit.SECONDS).statusCode());
                assertEquals(200, second.get(5, TimeUnit.SECONDS).statusCode());
                assertEquals(1, connections.size(), "both requests on the one connection allowed");
            }
        }

        @Test
        void a_waiting_request_is_not_handed_a_connection_the_backend_closes_after_its_response(TestGateway gw,
                                                                                              Vertx vertx) throws Exception {
            Set<Integer> connections = ConcurrentHashMap.newKeySet();
            try (TestBackend backend = backend(vertx, connections, true)) {
                DeployedApi api = RuntimeProxyIT.serve(gw, "ClosingBusy", backend.url());
                connections.clear();
                var first = get(gw, api.path() + "/delay/150");
                Thread.sleep(50); // the second waits for the first one's connection, which the backend then closes
                var second = get(gw, api.path() + "/delay/10");
                assertEquals(200, first.get(5, TimeUnit.SECONDS).statusCode());
                assertEquals(200, second.get(5, TimeUnit.SECONDS).statusCode());
                assertEquals(2, connections.size());
            }
        }

        @Test
        void a_request_waiting_past_the_pool_wait_timeout_gets_503_and_one_past_the_queue_gets_it_at_once(
            TestGateway gw, Vertx vertx) throws Exception {
            try (TestBackend backend = backend(vertx, ConcurrentHashMap.newKeySet(), false)) {
                DeployedApi api = RuntimeProxyIT.serve(gw, "Busy", backend.url());
                var holding = get(gw, api.path() + "/delay/2000");
                Thread.sleep(200); // the first request holds the only connection
                long start = System.nanoTime();
                var waiting = get(gw, api.path() + "/r");
                Thread.sleep(100); // the second one waits in line (the queue's one place)
                HttpResponse<String> refused = get(gw, api.path() + "/r").get(5, TimeUnit.SECONDS);
                assertEquals(503, refused.statusCode());
                assertThat(refused.body(), containsString("already wait for a connection"));
                HttpResponse<String> late = waiting.get(5, TimeUnit.SECONDS);
                long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertEquals(503, late.statusCode());
                assertThat(late.body(), containsString("became free within 400 ms"));
                assertTrue(waited >= 380 && waited < 1_900, "waited " + waited + " ms for a 400 ms limit");
                assertEquals(200, holding.get(5, TimeUnit.SECONDS).statusCode());
                gw.anonymous().get(api.path() + "/r").then().statusCode(200); // the connection is free again
            }
        }

        @Test
        void a_client_that_leaves_during_its_backend_call_frees_the_connection(TestGateway gw, Vertx vertx)
            throws Exception {
            try (TestBackend backend = backend(vertx, ConcurrentHashMap.newKeySet(), false)) {
                DeployedApi api = RuntimeProxyIT.serve(gw, "Leaves", backend.url());
                for (int i = 0; i < 3; i++) {
                    try (Socket s = new Socket("127.0.0.1", gw.port())) {
                        s.getOutputStream().write(("GET " + api.path() + "/delay/5000 HTTP/1.1\r\nHost: x\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                        Thread.sleep(150); // on the backend by now, holding the one connection
                    }
                }
                // a leaked place would leave none for this one (503 after 400 ms)
                gw.anonymous().get(api.path() + "/r").then().statusCode(200);
            }
        }
    }
}
