package dev.apigw.emulator.quiesce;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apigw.emulator.demo.EchoBackend;
import dev.apigw.emulator.support.Await;
import dev.apigw.emulator.support.Poll;
import dev.apigw.emulator.support.TestApis;
import dev.apigw.emulator.support.TestGateway;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class DesignTimeQuiesceIT {
    static final String DESIGNTIME_ON = "{\"enable\":true,\"block\":\"designtime\"}";
    static final String DESIGNTIME_OFF = "{\"enable\":false,\"block\":\"designtime\"}";
    static final String[][] BLOCKED = {
        {"POST", "/rest/apigateway/apis"}, {"PUT", "/rest/apigateway/apis/%s"}, {"PATCH", "/rest/apigateway/apis/%s"},
        {"DELETE", "/rest/apigateway/apis/%s"}, {"PUT", "/rest/apigateway/apis/%s/deactivate"},
        {"POST", "/rest/apigateway/policyActions"}, {"PUT", "/rest/apigateway/policies/x"},
        {"DELETE", "/rest/apigateway/policyActions/x"}, {"POST", "/rest/apigateway/webhooks"},
        {"POST", "/rest/apigateway/ports"}, {"PUT", "/rest/apigateway/configurations/gatewayDestinationConfig"},
        {"POST", "/rest/apigateway/shutdown"}, {"POST", "/rest/apigateway/searchx"},
        {"POST", "/rest/facade/apigateway/other"}, {"PUT", "/rest/facade/apigateway/searchApis/extra"}};
    static final String[][] WHITELISTED = {
        {"POST", "/rest/apigateway/search"}, {"POST", "/rest/apigateway/search/"}, {"POST", "/rest/apigateway/search/apis"},
        {"POST", "/rest/facade/apigateway/searchApis"}, {"GET", "/rest/apigateway/apis"},
        {"GET", "/rest/apigateway/apis/%s"}, {"GET", "/rest/apigateway/quiescemode"}, {"GET", "/rest/apigateway/webhooks"}};

    EchoBackend echo;
    TestGateway gw;
    HttpServer receiver;
    List<JsonObject> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start(Vertx vertx) {
        echo = Await.result(new EchoBackend(vertx).start("127.0.0.1", 0));
        gw = TestGateway.start(vertx, TestGateway.defaults()
            .put("webhooks", new JsonObject().put("maxAttempts", 3).put("initialBackoffMs", 50).put("timeoutMs", 2000)));
        AtomicInteger calls = new AtomicInteger();
        receiver = Await.result(vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
            received.add(new JsonObject().put("body", body.toJsonObject()).put("apiKey", req.getHeader("api-key"))
                .put("authorization", req.getHeader("Authorization")));
            req.response().setStatusCode(calls.incrementAndGet() == 1 ? 500 : 200).end(); // the first delivery fails
        })).listen(0, "127.0.0.1"));
    }

    @AfterEach
    void stop() {
        gw.close();
        Await.result(echo.stop());
        Await.result(receiver.close());
    }

    @Test
    void blocks_every_design_time_write_except_the_whitelist_and_leaves_runtime_alone() {
        String api = TestApis.registerActive(gw, "Echo", "1.0", "http://127.0.0.1:" + echo.port(), "/get", "/post");
        put(DESIGNTIME_ON).then().statusCode(200).body("status", equalTo("success")).body("block", equalTo("designtime"));
        for (String[] call : BLOCKED) {
            gw.admin().contentType("application/json").body("{}").request(call[0], String.format(call[1], api))
                .then().statusCode(503).body("errorDetails", containsString("quiesce mode for design time"));
        }
        for (String[] call : WHITELISTED) {
            int status = gw.admin().contentType("application/json").body("{\"types\":[\"api\"]}")
                .request(call[0], String.format(call[1], api)).then().extract().statusCode();
            assertTrue(status != 503, call[0] + " " + call[1] + " answered 503");
        }
        gw.anonymous().get("/gateway/Echo/1.0/get").then().statusCode(200);
        gw.anonymous().body("x").post("/gateway/Echo/1.0/post").then().statusCode(200);
        gw.anonymous().get("/rest/apigateway/health").then().statusCode(200);

        put(DESIGNTIME_ON).then().statusCode(409).body("errorDetails", containsString("already in effect"));
        put(DESIGNTIME_OFF).then().statusCode(200).body("enable", equalTo(false));
        put(DESIGNTIME_OFF).then().statusCode(409);
        gw.admin().put("/rest/apigateway/apis/" + api + "/deactivate").then().statusCode(not(equalTo(503)));
    }

    @Test
    void bad_quiesce_bodies_are_400() {
        for (String body : new String[] {"", "[]", "{", "{\"block\":\"designtime\"}", "{\"enable\":true}",
            "{\"enable\":\"yes\",\"block\":\"all\"}", "{\"enable\":true,\"block\":\"some\"}",
            "{\"enable\":true,\"block\":\"all\",\"flush\":[\"everything\"]}", "{\"enable\":true,\"block\":\"all\",\"flush\":\"x\"}"}) {
            put(body).then().statusCode(400).body("errorDetails", containsString("Invalid payload"));
        }
        gw.admin().get("/rest/apigateway/quiescemode").then().body("state", equalTo("ACTIVE"));
    }

    @Test
    void designtime_quiesce_sends_its_webhook_with_headers_and_credentials_and_retries_after_a_failure() {
        JsonObject hook = new JsonObject().put("config", new JsonObject().put("url", "http://127.0.0.1:" + receiver.actualPort() + "/hook")
            .put("headers", new JsonObject().put("api-key", "k1")).put("username", "hooker").put("password", "secret"))
            .put("events", new io.vertx.core.json.JsonArray().add("migration:quiesce:designtime:completed")).put("active", true);
        String id = gw.admin().contentType("application/json").body(hook.encode()).post("/rest/apigateway/webhooks")
            .then().statusCode(201).body("active", equalTo(true)).extract().path("id");
        gw.admin().get("/rest/apigateway/webhooks").then().statusCode(200).body("response[0].id", equalTo(id));
        gw.admin().get("/rest/apigateway/webhooks/" + id).then().statusCode(200).body("response.config.headers.api-key", equalTo("k1"));

        put(DESIGNTIME_ON).then().statusCode(200);
        Poll.until("the retried delivery", () -> received.size() >= 2);
        JsonObject second = received.get(1);
        assertEquals("migration:quiesce:designtime:completed", second.getJsonObject("body").getString("event"));
        assertEquals("k1", second.getString("apiKey"));
        assertEquals("Basic " + Base64.getEncoder().encodeToString("hooker:secret".getBytes()), second.getString("authorization"));
        assertEquals(received.get(0).getJsonObject("body").getString("id"), second.getJsonObject("body").getString("id"));
    }

    @Test
    void server_started_is_sent_when_the_node_starts() {
        JsonObject hook = new JsonObject().put("config", new JsonObject().put("url", "http://127.0.0.1:" + receiver.actualPort() + "/"))
            .put("events", new io.vertx.core.json.JsonArray().add("apigateway:server:started")).put("active", true);
        gw.admin().contentType("application/json").body(hook.encode()).post("/rest/apigateway/webhooks").then().statusCode(201);
        gw.restart();
        Poll.until("server started, delivered after one retry", () -> received.size() >= 2);
        assertEquals("apigateway:server:started", received.get(1).getJsonObject("body").getString("event"));
        assertEquals(gw.port(), received.get(1).getJsonObject("body").getJsonObject("data").getInteger("port"));
    }

    @Test
    void webhook_crud_follows_the_product_shapes() {
        gw.admin().get("/rest/apigateway/webhooks").then().statusCode(404);
        gw.admin().contentType("application/json").body("{\"config\":{\"url\":\"http://x\"}}").post("/rest/apigateway/webhooks")
            .then().statusCode(400);
        gw.admin().contentType("application/json").body("{\"config\":{\"url\":\"nope\"},\"events\":[\"apigateway:server:started\"]}")
            .post("/rest/apigateway/webhooks").then().statusCode(400);
        gw.admin().contentType("application/json").body("{\"config\":{\"url\":\"http://x\"},\"events\":[\"bogus\"]}")
            .post("/rest/apigateway/webhooks").then().statusCode(400);
        String body = "{\"config\":{\"url\":\"http://127.0.0.1:1/x\"},\"events\":[\"apigateway:server:started\"]}";
        String id = gw.admin().contentType("application/json").body(body).post("/rest/apigateway/webhooks")
            .then().statusCode(201).body("active", equalTo(false)).extract().path("id");
        gw.admin().contentType("application/json").body(body.replace("}]", "}]").replace("\"events\"", "\"active\":true,\"events\""))
            .put("/rest/apigateway/webhooks/" + id).then().statusCode(200).body("active", equalTo(true)).body("id", equalTo(id));
        gw.admin().delete("/rest/apigateway/webhooks/" + id).then().statusCode(204);
        gw.admin().get("/rest/apigateway/webhooks/" + id).then().statusCode(404)
            .body("errorDetails", equalTo(" Resource " + id + " not found"));
        gw.admin().delete("/rest/apigateway/webhooks/" + id).then().statusCode(404);
    }

    private io.restassured.response.Response put(String body) {
        return gw.admin().contentType("application/json").body(body).put("/rest/apigateway/quiescemode");
    }
}
