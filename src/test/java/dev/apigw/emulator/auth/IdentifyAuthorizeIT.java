package dev.apigw.emulator.auth;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.apigw.emulator.support.Assets;
import dev.apigw.emulator.support.DeployedApi;
import dev.apigw.emulator.support.Echo;
import dev.apigw.emulator.support.GatewayIT;
import dev.apigw.emulator.support.Poll;
import dev.apigw.emulator.support.TestAuth;
import dev.apigw.emulator.support.TestGateway;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Identify &amp; Authorize action (templateKey {@code evaluatePolicy}) on APIs from {@code apis/identified-by-*.json}.
 * One gateway for the class; every test deploys its own API, so they do not interfere.
 */
@GatewayIT(set = "auth.upstreamApplicationHeader=X-Gateway-Application")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IdentifyAuthorizeIT {
    private final TestGateway gw;
    private final Echo echo;
    private int apis;
    private DeployedApi basicApi;
    private JsonObject basicApp;

    IdentifyAuthorizeIT(TestGateway gw, Echo echo) {
        this.gw = gw;
        this.echo = echo;
    }

    /** The API and application of the HTTP Basic cases, deployed once for all of them. */
    @BeforeAll
    void basicAuthApi() {
        basicApi = api("apis/identified-by-http-basic.json");
        basicApp = Assets.application(gw, "applications/basic-user-administrator.json");
        TestAuth.register(gw, basicApp.getString("id"), basicApi.id());
    }

    /** Deploys the fixture as an API of its own ({@code Svc1}, {@code Svc2}, ...). */
    private DeployedApi api(String fixture) {
        return gw.deploy(fixture, Map.of("name", "Svc" + (++apis), "echo", echo.url()));
    }

    private JsonObject app(String name) {
        return Assets.application(gw, "applications/named.json", Map.of("name", name));
    }

    private int call(DeployedApi api, UnaryOperator<RequestSpecification> creds) {
        return creds.apply(gw.anonymous()).get(api.path() + "/get").statusCode();
    }

    /** Polls until the runtime answers {@code status}: the application index is rebuilt asynchronously. */
    private void expect(DeployedApi api, int status, UnaryOperator<RequestSpecification> creds) {
        Poll.until(api.name() + " answers " + status, 5_000, () -> call(api, creds) == status);
    }

    @Test
    void api_key_allows_the_registered_application_and_denies_others() {
        DeployedApi api = api("apis/identified-by-api-key.json");
        JsonObject app = app("Keyed");
        JsonObject stranger = app("Stranger");
        TestAuth.register(gw, app.getString("id"), api.id());
        expect(api, 200, r -> r.header("x-gateway-apikey", TestAuth.apiKey(app)));
        expect(api, 401, r -> r.header("x-Gateway-APIKey", TestAuth.apiKey(stranger)));
        expect(api, 401, r -> r.header("x-Gateway-APIKey", "nope"));
        gw.anonymous().get(api.path() + "/get").then().statusCode(401)
            .body("Exception", containsString("Unauthorized application request."));
        gw.anonymous().header("x-Gateway-APIKey", TestAuth.apiKey(app)).get(api.path() + "/get").then()
            .statusCode(200).body("headers.x-gateway-application", equalTo(app.getString("id")));
    }

    @Test
    void open_lookup_accepts_any_application() {
        DeployedApi api = api("apis/identified-by-api-key-open-lookup.json");
        JsonObject app = app("Unregistered");
        expect(api, 200, r -> r.header("x-Gateway-APIKey", TestAuth.apiKey(app)));
    }

    @Test
    void suspension_and_key_regeneration_take_effect_at_once() {
        DeployedApi api = api("apis/identified-by-api-key.json");
        JsonObject app = app("Suspendable");
        String id = app.getString("id");
        TestAuth.register(gw, id, api.id());
        expect(api, 200, r -> r.header("x-Gateway-APIKey", TestAuth.apiKey(app)));
        Assets.json(gw, "applications/suspend.json").patch("/rest/apigateway/applications/" + id).then().statusCode(200);
        expect(api, 401, r -> r.header("x-Gateway-APIKey", TestAuth.apiKey(app)));
        Assets.json(gw, "applications/resume.json").patch("/rest/apigateway/applications/" + id);
        expect(api, 200, r -> r.header("x-Gateway-APIKey", TestAuth.apiKey(app)));
        String newKey = Assets.json(gw, "applications/regenerate-api-key.json")
            .post("/rest/apigateway/applications/" + id + "/accessTokens").then().statusCode(201)
            .extract().path("apiAccessKey_credentials.apiAccessKey");
        expect(api, 401, r -> r.header("x-Gateway-APIKey", TestAuth.apiKey(app)));
        expect(api, 200, r -> r.header("x-Gateway-APIKey", newKey));
    }

    Stream<Arguments> basicCredentials() {
        return Stream.of(
            basic("the application's client id and secret", 200,
                r -> r.auth().preemptive().basic(TestAuth.clientId(basicApp), TestAuth.clientSecret(basicApp))),
            basic("a user named in the application's identifiers", 200, r -> r.auth().preemptive().basic("Administrator", "manage")),
            basic("that user with a wrong password", 401, r -> r.auth().preemptive().basic("Administrator", "wrong")),
            basic("the client id with a wrong secret", 401, r -> r.auth().preemptive().basic(TestAuth.clientId(basicApp), "wrong")),
            basic("a Basic header that is not base64", 401, r -> r.header("Authorization", "Basic !!!notbase64")),
            basic("a Basic header without credentials", 401, r -> r.header("Authorization", "Basic")));
    }

    private static Arguments basic(String name, int status, UnaryOperator<RequestSpecification> creds) {
        return Arguments.of(Named.of(name, creds), status);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("basicCredentials")
    void http_basic_identifies_by_client_credentials_or_username_identifier(UnaryOperator<RequestSpecification> creds, int status) {
        expect(basicApi, status, creds);
    }

    @Test
    void host_name_address_identifies_by_client_address() {
        DeployedApi api = api("apis/identified-by-host-address.json");
        JsonObject app = Assets.application(gw, "applications/host-loopback.json");
        expect(api, 401, r -> r);
        TestAuth.register(gw, app.getString("id"), api.id());
        expect(api, 200, r -> r);
    }

    @Test
    void and_needs_every_rule_or_needs_one() {
        DeployedApi and = api("apis/identified-by-api-key-and-http-basic.json");
        DeployedApi or = api("apis/identified-by-api-key-or-http-basic.json");
        JsonObject app = app("Both");
        TestAuth.register(gw, app.getString("id"), and.id(), or.id());
        UnaryOperator<RequestSpecification> keyOnly = r -> r.header("x-Gateway-APIKey", TestAuth.apiKey(app));
        expect(or, 200, keyOnly);
        expect(and, 401, keyOnly);
        expect(and, 200, r -> keyOnly.apply(r).auth().preemptive().basic(TestAuth.clientId(app), TestAuth.clientSecret(app)));
    }

    @Test
    void anonymous_calls_pass_when_allowed() {
        DeployedApi api = api("apis/identified-by-api-key-or-anonymous.json");
        expect(api, 200, r -> r);
    }
}
