package dev.apigw.emulator.quiesce;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apigw.emulator.support.Assets;
import dev.apigw.emulator.support.Await;
import dev.apigw.emulator.support.DeployedApi;
import dev.apigw.emulator.support.Echo;
import dev.apigw.emulator.support.GatewayIT;
import dev.apigw.emulator.support.Poll;
import dev.apigw.emulator.support.TestGateway;
import io.restassured.response.Response;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Quiesce mode for design time ({@code PUT /rest/apigateway/quiescemode}) and the webhooks it and a start send. */
@GatewayIT(set = {DesignTimeQuiesceIT.WEBHOOK_ATTEMPTS, DesignTimeQuiesceIT.WEBHOOK_BACKOFF, DesignTimeQuiesceIT.WEBHOOK_TIMEOUT})
class DesignTimeQuiesceIT {
    static final String WEBHOOK_ATTEMPTS = "webhooks.maxAttempts=3";
    static final String WEBHOOK_BACKOFF = "webhooks.initialBackoffMs=50";
    static final String WEBHOOK_TIMEOUT = "webhooks.timeoutMs=2000";
    static final String QUIESCE = "/rest/apigateway/quiescemode";
    static final String WEBHOOKS = "/rest/apigateway/webhooks";

    static Response quiesce(TestGateway gw, String fixture) {
        return Assets.json(gw, fixture).put(QUIESCE);
    }

    static Stream<Arguments> calls() {
        return Stream.of(
            blocked("POST", "/rest/apigateway/apis"), blocked("PUT", "/rest/apigateway/apis/%s"),
            blocked("PATCH", "/rest/apigateway/apis/%s"), blocked("DELETE", "/rest/apigateway/apis/%s"),
            blocked("PUT", "/rest/apigateway/apis/%s/deactivate"), blocked("POST", "/rest/apigateway/policyActions"),
            blocked("PUT", "/rest/apigateway/policies/x"), blocked("DELETE", "/rest/apigateway/policyActions/x"),
            blocked("POST", "/rest/apigateway/webhooks"), blocked("POST", "/rest/apigateway/ports"),
            blocked("PUT", "/rest/apigateway/configurations/gatewayDestinationConfig"),
            blocked("POST", "/rest/apigateway/shutdown"), blocked("POST", "/rest/apigateway/searchx"),
            blocked("POST", "/rest/facade/apigateway/other"), blocked("PUT", "/rest/facade/apigateway/searchApis/extra"),
            whitelisted("POST", "/rest/apigateway/search"), whitelisted("POST", "/rest/apigateway/search/"),
            whitelisted("POST", "/rest/apigateway/search/apis"), whitelisted("POST", "/rest/facade/apigateway/searchApis"),
            whitelisted("GET", "/rest/apigateway/apis"), whitelisted("GET", "/rest/apigateway/apis/%s"),
            whitelisted("GET", "/rest/apigateway/quiescemode"), whitelisted("GET", "/rest/apigateway/webhooks"),
            served("GET", "%s/get"), served("POST", "%s/post"), served("GET", "/rest/apigateway/health"));
    }

    private static Arguments blocked(String method, String path) {
        return Arguments.of(Named.of(method + " " + path + " is blocked", method), path, "blocked");
    }

    private static Arguments whitelisted(String method, String path) {
        return Arguments.of(Named.of(method + " " + path + " is whitelisted", method), path, "whitelisted");
    }

    /** Runtime traffic ({@code %s} is the API's path) and health, not design time at all. */
    private static Arguments served(String method, String path) {
        return Arguments.of(Named.of(method + " " + path.replace("%s", "/gateway/Echo/1.0") + " is served", method), path, "served");
    }

    /** A node of its own that stays in design-time quiesce mode from its first test to its last. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class WhileDesignTimeIsQuiesced {
        private DeployedApi api;

        @BeforeAll
        void quiesceDesignTime(TestGateway gw, Echo echo) {
            api = gw.deploy("apis/echo.json", echo);
            quiesce(gw, "quiescemode/designtime-on.json").then().statusCode(200)
                .body("status", equalTo("success")).body("block", equalTo("designtime"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("dev.apigw.emulator.quiesce.DesignTimeQuiesceIT#calls")
        void blocks_every_design_time_write_except_the_whitelist_and_leaves_runtime_alone(String method, String path,
                                                                                         String kind, TestGateway gw) {
            switch (kind) {
                case "blocked" -> gw.admin().contentType("application/json").body("{}").request(method, String.format(path, api.id()))
                    .then().statusCode(503).body("errorDetails", containsString("quiesce mode for design time"));
                case "whitelisted" -> {
                    int status = gw.admin().contentType("application/json").body("{\"types\":[\"api\"]}")
                        .request(method, String.format(path, api.id())).then().extract().statusCode();
                    assertTrue(status != 503, method + " " + path + " answered 503");
                }
                default -> (method.equals("POST") ? gw.anonymous().body("x") : gw.anonymous())
                    .request(method, String.format(path, api.path())).then().statusCode(200);
            }
        }
    }

    @Test
    void a_repeated_switch_is_409_and_switching_off_lets_writes_in_again(TestGateway gw, Echo echo) {
        DeployedApi api = gw.deploy("apis/echo-get.json", Map.of("name", "Switched", "echo", echo.url()));
        quiesce(gw, "quiescemode/designtime-on.json").then().statusCode(200);
        quiesce(gw, "quiescemode/designtime-on.json").then().statusCode(409).body("errorDetails", containsString("already in effect"));
        quiesce(gw, "quiescemode/designtime-off.json").then().statusCode(200).body("enable", equalTo(false));
        quiesce(gw, "quiescemode/designtime-off.json").then().statusCode(409);
        gw.admin().put("/rest/apigateway/apis/" + api.id() + "/deactivate").then().statusCode(not(equalTo(503)));
    }

    static Stream<Named<String>> badQuiesceBodies() {
        return Stream.of(
            Named.of("an empty body", ""),
            Named.of("a JSON array", "[]"),
            Named.of("JSON cut short", "{"),
            Named.of("no enable", "{\"block\":\"designtime\"}"),
            Named.of("no block", "{\"enable\":true}"),
            Named.of("enable not a boolean", "{\"enable\":\"yes\",\"block\":\"all\"}"),
            Named.of("an unknown block", "{\"enable\":true,\"block\":\"some\"}"),
            Named.of("an unknown flush", "{\"enable\":true,\"block\":\"all\",\"flush\":[\"everything\"]}"),
            Named.of("flush not a list", "{\"enable\":true,\"block\":\"all\",\"flush\":\"x\"}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badQuiesceBodies")
    void bad_quiesce_bodies_are_400(String body, TestGateway gw) {
        gw.admin().contentType("application/json").body(body).put(QUIESCE).then().statusCode(400)
            .body("errorDetails", containsString("Invalid payload"));
        gw.admin().get(QUIESCE).then().body("state", equalTo("ACTIVE"));
    }

    @Test
    void webhook_crud_follows_the_product_shapes(TestGateway gw) {
        gw.admin().get(WEBHOOKS).then().statusCode(404);
        gw.admin().contentType("application/json").body("{\"config\":{\"url\":\"http://x\"}}").post(WEBHOOKS)
            .then().statusCode(400);
        Assets.json(gw, "webhooks/server-started-inactive.json", Map.of("url", "nope")).post(WEBHOOKS).then().statusCode(400);
        gw.admin().contentType("application/json").body("{\"config\":{\"url\":\"http://x\"},\"events\":[\"bogus\"]}")
            .post(WEBHOOKS).then().statusCode(400);
        Map<String, String> unreachable = Map.of("url", "http://127.0.0.1:1/x");
        String id = Assets.json(gw, "webhooks/server-started-inactive.json", unreachable).post(WEBHOOKS)
            .then().statusCode(201).body("active", equalTo(false)).extract().path("id");
        Assets.json(gw, "webhooks/server-started.json", unreachable).put(WEBHOOKS + "/" + id)
            .then().statusCode(200).body("active", equalTo(true)).body("id", equalTo(id));
        gw.admin().delete(WEBHOOKS + "/" + id).then().statusCode(204);
        gw.admin().get(WEBHOOKS + "/" + id).then().statusCode(404)
            .body("errorDetails", equalTo(" Resource " + id + " not found"));
        gw.admin().delete(WEBHOOKS + "/" + id).then().statusCode(404);
    }

    /** A fresh node per test (one stays quiesced, one restarts) and a receiver whose first delivery fails. */
    @Nested
    @GatewayIT(perTest = true, set = {DesignTimeQuiesceIT.WEBHOOK_ATTEMPTS, DesignTimeQuiesceIT.WEBHOOK_BACKOFF,
        DesignTimeQuiesceIT.WEBHOOK_TIMEOUT})
    class Webhooks {
        private final List<JsonObject> received = new CopyOnWriteArrayList<>();
        private HttpServer receiver;

        @BeforeEach
        void startReceiver(Vertx vertx) {
            AtomicInteger calls = new AtomicInteger();
            receiver = Await.result(vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
                received.add(new JsonObject().put("body", body.toJsonObject()).put("apiKey", req.getHeader("api-key"))
                    .put("authorization", req.getHeader("Authorization")));
                req.response().setStatusCode(calls.incrementAndGet() == 1 ? 500 : 200).end(); // the first delivery fails
            })).listen(0, "127.0.0.1"));
        }

        @AfterEach
        void stopReceiver() {
            Await.result(receiver.close());
        }

        private String url(String path) {
            return "http://127.0.0.1:" + receiver.actualPort() + path;
        }

        @Test
        void designtime_quiesce_sends_its_webhook_with_headers_and_credentials_and_retries_after_a_failure(TestGateway gw) {
            String id = Assets.json(gw, "webhooks/designtime-completed.json", Map.of("url", url("/hook"))).post(WEBHOOKS)
                .then().statusCode(201).body("active", equalTo(true)).extract().path("id");
            gw.admin().get(WEBHOOKS).then().statusCode(200).body("response[0].id", equalTo(id));
            gw.admin().get(WEBHOOKS + "/" + id).then().statusCode(200).body("response.config.headers.api-key", equalTo("k1"));

            quiesce(gw, "quiescemode/designtime-on.json").then().statusCode(200);
            Poll.until("the retried delivery", () -> received.size() >= 2);
            JsonObject second = received.get(1);
            assertEquals("migration:quiesce:designtime:completed", second.getJsonObject("body").getString("event"));
            assertEquals("k1", second.getString("apiKey"));
            assertEquals("Basic " + Base64.getEncoder().encodeToString("hooker:secret".getBytes()), second.getString("authorization"));
            assertEquals(received.get(0).getJsonObject("body").getString("id"), second.getJsonObject("body").getString("id"));
        }

        @Test
        void server_started_is_sent_when_the_node_starts(TestGateway gw) {
            Assets.json(gw, "webhooks/server-started.json", Map.of("url", url("/"))).post(WEBHOOKS).then().statusCode(201);
            gw.restart();
            Poll.until("server started, delivered after one retry", () -> received.size() >= 2);
            assertEquals("apigateway:server:started", received.get(1).getJsonObject("body").getString("event"));
            assertEquals(gw.port(), received.get(1).getJsonObject("body").getJsonObject("data").getInteger("port"));
        }
    }
}
