package dev.apigw.emulator.runtime;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apigw.emulator.demo.EchoBackend;
import dev.apigw.emulator.support.Await;
import dev.apigw.emulator.support.RawHttp;
import dev.apigw.emulator.support.Routing;
import dev.apigw.emulator.support.ServedApis;
import dev.apigw.emulator.support.TestApis;
import dev.apigw.emulator.support.TestBackend;
import dev.apigw.emulator.support.TestGateway;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The runtime proxy against a real echo backend: status codes, error bodies, headers, connection reuse. */
@ExtendWith(VertxExtension.class)
class RuntimeProxyIT {
    static final String ERROR_PREFIX = "API Gateway encountered an error. Error Message:";
    Vertx vertx;
    EchoBackend echo;
    TestGateway gw;

    @BeforeEach
    void start(Vertx vertx) {
        this.vertx = vertx;
        echo = Await.result(new EchoBackend(vertx).start("127.0.0.1", 0));
        gw = TestGateway.start(vertx);
    }

    @AfterEach
    void stop() {
        gw.close();
        Await.result(echo.stop());
    }

    static String serve(TestGateway gw, String name, String serverUrl, String probePath, String... paths) {
        return ServedApis.serve(gw, name, serverUrl, probePath, paths);
    }

    private String echoUrl() {
        return "http://127.0.0.1:" + echo.port();
    }

    @Test
    void unknown_api_is_404_with_the_runtime_error_body() {
        gw.anonymous().get("/gateway/NoSuchApi/1.0/get").then().statusCode(404)
            .contentType("application/json").body("Exception", startsWith(ERROR_PREFIX));
        gw.anonymous().get("/gateway/NoVersion").then().statusCode(404).body("Exception", startsWith(ERROR_PREFIX));
    }

    @Test
    void inactive_api_is_404_and_active_version_is_matched_exactly() {
        TestApis.register(gw, "Dormant", "1.0", TestApis.openApi("Dormant", echoUrl(), "/get"));
        gw.anonymous().get("/gateway/Dormant/1.0/get").then().statusCode(404).body("Exception", startsWith(ERROR_PREFIX));
        serve(gw, "Live", echoUrl(), "/get", "/get");
        gw.anonymous().get("/gateway/Live/2.0/get").then().statusCode(404);
    }

    @Test
    void undefined_resource_is_404_and_undeclared_method_is_405_with_allow() {
        serve(gw, "Narrow", echoUrl(), "/get", "/get");
        gw.anonymous().get("/gateway/Narrow/1.0/nothing/here").then().statusCode(404)
            .body("Exception", containsString("/nothing/here"));
        gw.anonymous().options("/gateway/Narrow/1.0/get").then().statusCode(405)
            .header("Allow", equalTo("DELETE, GET, PATCH, POST, PUT")).body("Exception", startsWith(ERROR_PREFIX));
    }

    @Test
    void refused_backend_is_503_with_connection_close() {
        serve(gw, "Refused", "http://127.0.0.1:" + TestBackend.closedPort(), "/x", "/x");
        gw.anonymous().get("/gateway/Refused/1.0/x").then().statusCode(503)
            .header("Connection", equalTo("close")).body("Exception", startsWith(ERROR_PREFIX))
            .body("Exception", containsString("Connection refused"));
        // the connection is really closed (RawHttp reads until the server closes it), not only labelled so
        String raw = RawHttp.exchange(gw.port(), "GET /gateway/Refused/1.0/x HTTP/1.1\nHost: a\n\n");
        assertTrue(raw.startsWith("HTTP/1.1 503"), raw);
    }

    @Test
    void silent_backend_is_504_after_the_configured_timeout() {
        JsonObject settings = TestGateway.defaults();
        settings.getJsonObject("runtime").put("backendTimeoutMs", 300);
        try (TestGateway fast = TestGateway.start(vertx, settings)) {
            serve(fast, "Slow", echoUrl(), "/get", "/get", "/delay/{ms}");
            long start = System.nanoTime();
            fast.anonymous().get("/gateway/Slow/1.0/delay/2000").then().statusCode(504)
                .header("Connection", equalTo("close")).body("Exception", startsWith(ERROR_PREFIX));
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertTrue(ms >= 250 && ms < 1900, "answered after " + ms + " ms");
            fast.anonymous().get("/gateway/Slow/1.0/delay/10").then().statusCode(200); // the node is unaffected
        }
    }

    @Test
    void query_string_is_kept_verbatim() {
        serve(gw, "Query", echoUrl(), "/get", "/get");
        gw.anonymous().urlEncodingEnabled(false).get("/gateway/Query/1.0/get?foo=bar&x=a%20b&multi=1&multi=2")
            .then().statusCode(200).body("args.foo", equalTo("bar")).body("args.x", equalTo("a b"))
            .body("url", containsString("/get?foo=bar&x=a%20b&multi=1&multi=2"));
    }

    @Test
    void hop_by_hop_request_headers_are_dropped_and_end_to_end_ones_forwarded() {
        serve(gw, "Hops", echoUrl(), "/headers", "/headers");
        String raw = RawHttp.exchange(gw.port(), """
            GET /gateway/Hops/1.0/headers HTTP/1.1
            Host: gw.example:8080
            Connection: close, X-Per-Hop
            Keep-Alive: timeout=5
            TE: trailers
            Upgrade: websocket
            Proxy-Authorization: Basic Zm9vOmJhcg==
            X-Per-Hop: secret
            X-End-To-End: kept
            Authorization: Bearer abc

            """);
        JsonObject seen = new JsonObject(RawHttp.body(raw)).getJsonObject("headers");
        for (String h : new String[] {"keep-alive", "te", "upgrade", "proxy-authorization", "x-per-hop"}) {
            assertNull(seen.getValue(h), h + " must not reach the backend: " + seen);
        }
        assertEquals("kept", seen.getString("x-end-to-end"));
        assertEquals("Bearer abc", seen.getString("authorization"));
        assertEquals("127.0.0.1:" + echo.port(), seen.getString("host"));
        assertEquals("gw.example:8080", seen.getString("x-forwarded-host"));
        assertEquals("http", seen.getString("x-forwarded-proto"));
    }

    @Test
    void hop_by_hop_response_headers_are_dropped_and_end_to_end_ones_returned() {
        try (TestBackend backend = TestBackend.start(vertx, req -> req.response()
            .putHeader("Connection", "X-Resp-Hop").putHeader("X-Resp-Hop", "1").putHeader("Keep-Alive", "timeout=9")
            .putHeader("Proxy-Authenticate", "Basic").putHeader("Upgrade", "h2c").putHeader("X-Backend", "yes")
            .putHeader("Set-Cookie", "a=1").end("ok"))) {
            serve(gw, "RespHops", backend.url(), "/r", "/r");
            gw.anonymous().get("/gateway/RespHops/1.0/r").then().statusCode(200).body(equalTo("ok"))
                .header("X-Backend", "yes").header("Set-Cookie", "a=1")
                .header("X-Resp-Hop", nullValue()).header("Keep-Alive", nullValue())
                .header("Proxy-Authenticate", nullValue()).header("Upgrade", nullValue());
        }
    }

    @Test
    void x_forwarded_for_is_appended_to_an_existing_one() {
        serve(gw, "Fwd", echoUrl(), "/get", "/get");
        gw.anonymous().header("X-Forwarded-For", "10.1.2.3").get("/gateway/Fwd/1.0/get").then().statusCode(200)
            .body("headers.x-forwarded-for", equalTo("10.1.2.3, 127.0.0.1"))
            .body("headers.x-forwarded-proto", equalTo("http"))
            .body("headers.x-forwarded-host", equalTo("localhost:" + gw.port()));
    }

    @Test
    void api_names_with_spaces_are_url_encoded_in_the_path() {
        serve(gw, "Swagger Petstore", echoUrl(), "/get", "/get", "/post");
        gw.anonymous().urlEncodingEnabled(false).get("/gateway/Swagger%20Petstore/1.0/get?q=1").then()
            .statusCode(200).body("args.q", equalTo("1"));
        gw.anonymous().urlEncodingEnabled(false).contentType("application/json").body("{\"a\":1}")
            .post("/gateway/Swagger%20Petstore/1.0/post").then().statusCode(200).body("json.a", equalTo(1));
    }

    @Test
    void backend_status_codes_and_error_bodies_pass_through_unchanged() {
        serve(gw, "Codes", echoUrl(), "/get", "/get", "/status/{code}");
        gw.anonymous().get("/gateway/Codes/1.0/status/418").then().statusCode(418).body("status", equalTo(418));
        gw.anonymous().get("/gateway/Codes/1.0/status/500").then().statusCode(500).body("status", equalTo(500))
            .body("Exception", nullValue());
        gw.anonymous().get("/gateway/Codes/1.0/status/201").then().statusCode(201);
    }

    @Test
    void upstream_connections_are_kept_alive_and_reused() {
        Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
        try (TestBackend backend = TestBackend.start(vertx, req -> {
            clientPorts.add(req.remoteAddress().port());
            req.response().end("ok");
        })) {
            String name = "Pool" + UUID.randomUUID().toString().substring(0, 8);
            serve(gw, name, backend.url(), "/r", "/r");
            clientPorts.clear();
            for (int i = 0; i < 20; i++) gw.anonymous().get("/gateway/" + name + "/1.0/r").then().statusCode(200);
            assertTrue(clientPorts.size() <= 2, "20 sequential requests used " + clientPorts.size() + " connections");
        }
    }

    @Test
    void activation_routing_changes_and_deactivation_take_effect_on_the_very_next_request() {
        try (TestBackend other = TestBackend.start(vertx, req -> req.response().end("other " + req.path()))) {
            String id = TestApis.registerActive(gw, "Switch", "1.0", echoUrl(), "/get");
            gw.anonymous().get("/gateway/Switch/1.0/get").then().statusCode(200); // no polling: served at once
            for (int i = 0; i < 5; i++) {
                Routing.change(gw, id, other.url() + "${sys:resource_path}");
                gw.anonymous().get("/gateway/Switch/1.0/get").then().statusCode(200).body(equalTo("other /get"));
                Routing.change(gw, id, echoUrl() + "${sys:resource_path}");
                gw.anonymous().get("/gateway/Switch/1.0/get").then().statusCode(200)
                    .body("url", startsWith(echoUrl() + "/get"));
            }
            gw.admin().put("/rest/apigateway/apis/" + id + "/deactivate").then().statusCode(200);
            gw.anonymous().get("/gateway/Switch/1.0/get").then().statusCode(404);
        }
    }
}
