package dev.apigw.emulator.auth;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.apigw.emulator.demo.EchoBackend;
import dev.apigw.emulator.support.Await;
import dev.apigw.emulator.support.TestApis;
import dev.apigw.emulator.support.TestAuth;
import dev.apigw.emulator.support.TestGateway;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** One gateway for the class; every test builds its own API, so they do not interfere. */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IdentifyAuthorizeIT {
    EchoBackend echo;
    TestGateway gw;
    int apis;

    @BeforeAll
    void start(Vertx vertx) {
        echo = Await.result(new EchoBackend(vertx).start("127.0.0.1", 0));
        JsonObject settings = TestGateway.defaults();
        settings.getJsonObject("auth").put("upstreamApplicationHeader", "X-Gateway-Application");
        gw = TestGateway.start(vertx, settings);
    }

    @AfterAll
    void stop() {
        gw.close();
        Await.result(echo.stop());
    }

    private String api(JsonObject action) {
        String name = "Svc" + (++apis);
        String id = TestApis.registerActive(gw, name, "1.0", "http://127.0.0.1:" + echo.port(), "/get");
        TestAuth.enforce(gw, id, action);
        return id;
    }

    private int call(String apiId, UnaryOperator<RequestSpecification> creds) {
        String name = gw.admin().get("/rest/apigateway/apis/" + apiId).then().extract().path("apiResponse.api.apiName");
        return creds.apply(gw.anonymous()).get("/gateway/" + name + "/1.0/get").statusCode();
    }

    private void expect(String apiId, int status, UnaryOperator<RequestSpecification> creds) {
        TestAuth.awaitStatus(() -> call(apiId, creds), status);
    }

    @Test
    void api_key_allows_the_registered_application_and_denies_others() {
        String api = api(TestAuth.identifyAction("OR", false, "strict", "apiKey"));
        JsonObject app = TestAuth.createApp(gw, "Keyed", new JsonArray());
        JsonObject stranger = TestAuth.createApp(gw, "Stranger", new JsonArray());
        TestAuth.register(gw, app.getString("id"), api);
        expect(api, 200, r -> r.header("x-gateway-apikey", TestAuth.apiKey(app)));
        expect(api, 401, r -> r.header("x-Gateway-APIKey", TestAuth.apiKey(stranger)));
        expect(api, 401, r -> r.header("x-Gateway-APIKey", "nope"));
        String name = gw.admin().get("/rest/apigateway/apis/" + api).then().extract().path("apiResponse.api.apiName");
        gw.anonymous().get("/gateway/" + name + "/1.0/get").then().statusCode(401)
            .body("Exception", containsString("Unauthorized application request."));
        gw.anonymous().header("x-Gateway-APIKey", TestAuth.apiKey(app)).get("/gateway/" + name + "/1.0/get").then()
            .statusCode(200).body("headers.x-gateway-application", equalTo(app.getString("id")));
    }

    @Test
    void open_lookup_accepts_any_application() {
        String api = api(TestAuth.identifyAction("OR", false, "open", "apiKey"));
        JsonObject app = TestAuth.createApp(gw, "Unregistered", new JsonArray());
        expect(api, 200, r -> r.header("x-Gateway-APIKey", TestAuth.apiKey(app)));
    }

    @Test
    void suspension_and_key_regeneration_take_effect_at_once() {
        String api = api(TestAuth.identifyAction("OR", false, "strict", "apiKey"));
        JsonObject app = TestAuth.createApp(gw, "Suspendable", new JsonArray());
        String id = app.getString("id");
        TestAuth.register(gw, id, api);
        expect(api, 200, r -> r.header("x-Gateway-APIKey", TestAuth.apiKey(app)));
        gw.admin().contentType("application/json").body("{\"isSuspended\":true}").patch("/rest/apigateway/applications/" + id)
            .then().statusCode(200);
        expect(api, 401, r -> r.header("x-Gateway-APIKey", TestAuth.apiKey(app)));
        gw.admin().contentType("application/json").body("{\"isSuspended\":false}").patch("/rest/apigateway/applications/" + id);
        expect(api, 200, r -> r.header("x-Gateway-APIKey", TestAuth.apiKey(app)));
        String newKey = gw.admin().contentType("application/json").body("{\"type\":\"apiAccessKeyCredentials\"}")
            .post("/rest/apigateway/applications/" + id + "/accessTokens").then().statusCode(201)
            .extract().path("apiAccessKey_credentials.apiAccessKey");
        expect(api, 401, r -> r.header("x-Gateway-APIKey", TestAuth.apiKey(app)));
        expect(api, 200, r -> r.header("x-Gateway-APIKey", newKey));
    }

    @Test
    void http_basic_identifies_by_client_credentials_or_username_identifier() {
        String api = api(TestAuth.identifyAction("OR", false, "strict", "httpBasicAuth"));
        JsonObject app = TestAuth.createApp(gw, "Basic", new JsonArray().add(TestAuth.identifier("httpBasicAuth", "Administrator")));
        TestAuth.register(gw, app.getString("id"), api);
        expect(api, 200, r -> r.auth().preemptive().basic(TestAuth.clientId(app), TestAuth.clientSecret(app)));
        expect(api, 200, r -> r.auth().preemptive().basic("Administrator", "manage"));
        expect(api, 401, r -> r.auth().preemptive().basic("Administrator", "wrong"));
        expect(api, 401, r -> r.auth().preemptive().basic(TestAuth.clientId(app), "wrong"));
        expect(api, 401, r -> r.header("Authorization", "Basic !!!notbase64"));
        expect(api, 401, r -> r.header("Authorization", "Basic"));
    }

    @Test
    void host_name_address_identifies_by_client_address() {
        String api = api(TestAuth.identifyAction("OR", false, "strict", "hostNameAddress"));
        JsonObject app = TestAuth.createApp(gw, "Host", new JsonArray().add(TestAuth.identifier("hostNameAddress", "127.0.0.1")));
        expect(api, 401, r -> r);
        TestAuth.register(gw, app.getString("id"), api);
        expect(api, 200, r -> r);
    }

    @Test
    void and_needs_every_rule_or_needs_one() {
        String and = api(TestAuth.identifyAction("AND", false, "strict", "apiKey", "httpBasicAuth"));
        String or = api(TestAuth.identifyAction("OR", false, "strict", "apiKey", "httpBasicAuth"));
        JsonObject app = TestAuth.createApp(gw, "Both", new JsonArray());
        TestAuth.register(gw, app.getString("id"), and, or);
        UnaryOperator<RequestSpecification> keyOnly = r -> r.header("x-Gateway-APIKey", TestAuth.apiKey(app));
        expect(or, 200, keyOnly);
        expect(and, 401, keyOnly);
        expect(and, 200, r -> keyOnly.apply(r).auth().preemptive().basic(TestAuth.clientId(app), TestAuth.clientSecret(app)));
    }

    @Test
    void anonymous_calls_pass_when_allowed() {
        String api = api(TestAuth.identifyAction("OR", true, "strict", "apiKey"));
        expect(api, 200, r -> r);
    }
}
