package dev.apigw.emulator.runtime;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apigw.emulator.support.DeployedApi;
import dev.apigw.emulator.support.Echo;
import dev.apigw.emulator.support.GatewayIT;
import dev.apigw.emulator.support.RawHttp;
import dev.apigw.emulator.support.Routing;
import dev.apigw.emulator.support.TestBackend;
import dev.apigw.emulator.support.TestGateway;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The runtime proxy against a real echo backend: status codes, error bodies, headers, connection reuse. Each test
 * deploys {@code apis/any-method.json} under a name of its own.
 */
@GatewayIT
class RuntimeProxyIT {
    static final String ERROR_PREFIX = "API Gateway encountered an error. Error Message:";

    /** {@code apis/any-method.json} as {@code name 1.0} routed to {@code backend}, once the runtime serves it. */
    static DeployedApi serve(TestGateway gw, String name, String backend) {
        return gw.deploy("apis/any-method.json", Map.of("name", name, "backend", backend));
    }

    @Test
    void unknown_api_is_404_with_the_runtime_error_body(TestGateway gw) {
        gw.anonymous().get("/gateway/NoSuchApi/1.0/get").then().statusCode(404)
            .contentType("application/json").body("Exception", startsWith(ERROR_PREFIX));
        gw.anonymous().get("/gateway/NoVersion").then().statusCode(404).body("Exception", startsWith(ERROR_PREFIX));
    }

    @Test
    void inactive_api_is_404_and_active_version_is_matched_exactly(TestGateway gw, Echo echo) {
        DeployedApi dormant = gw.deploy("apis/inactive.json", Map.of("name", "Dormant", "version", "1.0", "backend", echo.url()));
        gw.anonymous().get(dormant.path() + "/x").then().statusCode(404).body("Exception", startsWith(ERROR_PREFIX));
        serve(gw, "Live", echo.url());
        gw.anonymous().get("/gateway/Live/2.0/get").then().statusCode(404);
    }

    @Test
    void undefined_resource_is_404_and_undeclared_method_is_405_with_allow(TestGateway gw, Echo echo) {
        DeployedApi api = serve(gw, "Narrow", echo.url());
        gw.anonymous().get(api.path() + "/nothing/here").then().statusCode(404)
            .body("Exception", containsString("/nothing/here"));
        gw.anonymous().options(api.path() + "/get").then().statusCode(405)
            .header("Allow", equalTo("DELETE, GET, PATCH, POST, PUT")).body("Exception", startsWith(ERROR_PREFIX));
    }

    @Test
    void refused_backend_is_503_with_connection_close(TestGateway gw) {
        DeployedApi api = serve(gw, "Refused", "http://127.0.0.1:" + TestBackend.closedPort());
        gw.anonymous().get(api.path() + "/x").then().statusCode(503)
            .header("Connection", equalTo("close")).body("Exception", startsWith(ERROR_PREFIX))
            .body("Exception", containsString("Connection refused"));
        // the connection is really closed (RawHttp reads until the server closes it), not only labelled so
        String raw = RawHttp.exchange(gw.port(), "GET " + api.path() + "/x HTTP/1.1\nHost: a\n\n");
        assertTrue(raw.startsWith("HTTP/1.1 503"), raw);
    }

    /** A node of its own whose backends time out after 300 ms. */
    @Nested
    @GatewayIT(set = "runtime.backendTimeoutMs=300")
    class WithABackendTimeoutOf300Ms {

        @Test
        void silent_backend_is_504_after_the_configured_timeout(TestGateway fast, Echo echo) {
            DeployedApi api = serve(fast, "Slow", echo.url());
            long start = System.nanoTime();
            fast.anonymous().get(api.path() + "/delay/2000").then().statusCode(504)
                .header("Connection", equalTo("close")).body("Exception", startsWith(ERROR_PREFIX));
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertTrue(ms >= 250 && ms < 1900, "answered after " + ms + " ms");
            fast.anonymous().get(api.path() + "/delay/10").then().statusCode(200); // the node is unaffected
        }
    }

    @Test
    void query_string_is_kept_verbatim(TestGateway gw, Echo echo) {
        DeployedApi api = serve(gw, "Query", echo.url());
        gw.anonymous().urlEncodingEnabled(false).get(api.path() + "/get?foo=bar&x=a%20b&multi=1&multi=2")
            .then().statusCode(200).body("args.foo", equalTo("bar")).body("args.x", equalTo("a b"))
            .body("url", containsString("/get?foo=bar&x=a%20b&multi=1&multi=2"));
    }

    @Test
    void hop_by_hop_request_headers_are_dropped_and_end_to_end_ones_forwarded(TestGateway gw, Echo echo) {
        DeployedApi api = serve(gw, "Hops", echo.url());
        String raw = RawHttp.exchange(gw.port(), """
            GET %s/headers HTTP/1.1
            Host: gw.example:8080
            Connection: close, X-Per-Hop
            Keep-Alive: timeout=5
            TE: trailers
            Upgrade: websocket
            Proxy-Authorization: Basic Zm9vOmJhcg==
            X-Per-Hop: secret
            X-End-To-End: kept
            Authorization: Bearer abc

            """.formatted(api.path()));
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
    void hop_by_hop_response_headers_are_dropped_and_end_to_end_ones_returned(TestGateway gw, Vertx vertx) {
        try (TestBackend backend = TestBackend.start(vertx, req -> req.response()
            .putHeader("Connection", "X-Resp-Hop").putHeader("X-Resp-Hop", "1").putHeader("Keep-Alive", "timeout=9")
            .putHeader("Proxy-Authenticate", "Basic").putHeader("Upgrade", "h2c").putHeader("X-Backend", "yes")
            .putHeader("Set-Cookie", "a=1").end("ok"))) {
            DeployedApi api = serve(gw, "RespHops", backend.url());
            gw.anonymous().get(api.path() + "/r").then().statusCode(200).body(equalTo("ok"))
                .header("X-Backend", "yes").header("Set-Cookie", "a=1")
                .header("X-Resp-Hop", nullValue()).header("Keep-Alive", nullValue())
                .header("Proxy-Authenticate", nullValue()).header("Upgrade", nullValue());
        }
    }

    @Test
    void x_forwarded_for_is_appended_to_an_existing_one(TestGateway gw, Echo echo) {
        DeployedApi api = serve(gw, "Fwd", echo.url());
        gw.anonymous().header("X-Forwarded-For", "10.1.2.3").get(api.path() + "/get").then().statusCode(200)
            .body("headers.x-forwarded-for", equalTo("10.1.2.3, 127.0.0.1"))
            .body("headers.x-forwarded-proto", equalTo("http"))
            .body("headers.x-forwarded-host", equalTo("localhost:" + gw.port()));
    }

    @Test
    void api_names_with_spaces_are_url_encoded_in_the_path(TestGateway gw, Echo echo) {
        DeployedApi api = serve(gw, "Swagger Petstore", echo.url());
        assertEquals("/gateway/Swagger%20Petstore/1.0", api.path());
        gw.anonymous().urlEncodingEnabled(false).get(api.path() + "/get?q=1").then()
            .statusCode(200).body("args.q", equalTo("1"));
        gw.anonymous().urlEncodingEnabled(false).contentType("application/json").body("{\"a\":1}")
            .post(api.path() + "/post").then().statusCode(200).body("json.a", equalTo(1));
    }

    @Test
    void backend_status_codes_and_error_bodies_pass_through_unchanged(TestGateway gw, Echo echo) {
        DeployedApi api = serve(gw, "Codes", echo.url());
        gw.anonymous().get(api.path() + "/status/418").then().statusCode(418).body("status", equalTo(418));
        gw.anonymous().get(api.path() + "/status/500").then().statusCode(500).body("status", equalTo(500))
            .body("Exception", nullValue());
        gw.anonymous().get(api.path() + "/status/201").then().statusCode(201);
    }

    @Test
    void upstream_connections_are_kept_alive_and_reused(TestGateway gw, Vertx vertx) {
        Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
        try (TestBackend backend = TestBackend.start(vertx, req -> {
            clientPorts.add(req.remoteAddress().port());
            req.response().end("ok");
        })) {
            DeployedApi api = serve(gw, "Pool", backend.url());
            clientPorts.clear();
            for (int i = 0; i < 20; i++) gw.anonymous().get(api.path() + "/r").then().statusCode(200);
            assertTrue(clientPorts.size() <= 2, "20 sequential requests used " + clientPorts.size() + " connections");
        }
    }

    @Test
    void activation_routing_changes_and_deactivation_take_effect_on_the_very_next_request(TestGateway gw, Echo echo,
                                                                                           Vertx vertx) {
        try (TestBackend other = TestBackend.start(vertx, req -> req.response().end("other " + req.path()))) {
            DeployedApi api = gw.deploy("apis/echo-get.json", Map.of("name", "Switch", "echo", echo.url())); // no probe
            gw.anonymous().get(api.path() + "/get").then().statusCode(200); // no polling: served at once
            for (int i = 0; i < 5; i++) {
                Routing.change(gw, api.id(), other.url() + "${sys:resource_path}");
                gw.anonymous().get(api.path() + "/get").then().statusCode(200).body(equalTo("other /get"));
                Routing.change(gw, api.id(), echo.url() + "${sys:resource_path}");
                gw.anonymous().get(api.path() + "/get").then().statusCode(200)
                    .body("url", startsWith(echo.url() + "/get"));
            }
            gw.admin().put("/rest/apigateway/apis/" + api.id() + "/deactivate").then().statusCode(200);
            gw.anonymous().get(api.path() + "/get").then().statusCode(404);
        }
    }
}
