package dev.apigw.emulator.auth;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import dev.apigw.emulator.support.DeployedApi;
import dev.apigw.emulator.support.Echo;
import dev.apigw.emulator.support.GatewayIT;
import dev.apigw.emulator.support.TestAuth;
import dev.apigw.emulator.support.TestGateway;
import io.restassured.response.Response;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * OAuth2 the product's way: a local scope, a gateway scope mapping of it to an API, a strategy whose client
 * registered the scope, and an application holding the strategy. The token grants the mapped scope, and Identify &amp;
 * Authorize lets a token in only with a scope the API's mappings require.
 */
@GatewayIT
class OAuthScopesIT {
    static final String BASE = "/rest/apigateway";
    static final String TOKEN = "/invoke/pub.apigateway.oauth2/getAccessToken";

    static void addLocalScope(TestGateway gw, String name) {
        JsonObject local = new JsonObject(gw.admin().get(BASE + "/alias/local").asString()).getJsonObject("alias");
        local.getJsonArray("scopes").add(new JsonObject().put("name", name).put("description", name));
        gw.admin().contentType("application/json").body(local.encode()).put(BASE + "/alias/local").then().statusCode(200);
    }

    static String mapScope(TestGateway gw, String scope, String apiScope) {
        JsonObject mapping = new JsonObject().put("scopeName", "local:" + scope).put("scopeDescription", scope)
            .put("apiScopes", new JsonArray().add(apiScope)).put("requiredAuthScopes", new JsonArray()
                .add(new JsonObject().put("authServerAlias", "local").put("scopeName", scope)));
        return gw.admin().contentType("application/json").body(mapping.encode()).post(BASE + "/scopes").then().statusCode(201)
            .body("scope.scopeName", equalTo("local:" + scope)).extract().path("scope.id");
    }

    /** A local OAuth2 strategy whose client registered the scopes; answers the strategy as created. */
    static JsonObject strategy(TestGateway gw, String name, String... scopes) {
        JsonObject body = new JsonObject().put("name", name).put("type", "OAUTH2").put("authServerAlias", "local")
            .put("dcrConfig", new JsonObject().put("allowedGrantTypes", new JsonArray().add("client_credentials"))
                .put("scopes", new JsonArray(List.of((Object[]) scopes))).put("expirationInterval", 3600));
        return new JsonObject(gw.admin().contentType("application/json").body(body.encode()).post(BASE + "/strategies")
            .then().statusCode(200).body("strategy.dcrConfig.clientId", notNullValue())
            .body("strategy.clientRegistration.clientSecret", equalTo("********************************"))
            .extract().asString()).getJsonObject("strategy");
    }

    static String appWith(TestGateway gw, String name, String strategyId, String apiId) {
        JsonObject body = new JsonObject().put("name", name).put("authStrategyIds", new JsonArray().add(strategyId));
        String id = gw.admin().contentType("application/json").body(body.encode()).post(BASE + "/applications")
            .then().statusCode(200).extract().path("id");
        TestAuth.register(gw, id, apiId);
        return id;
    }

    static Response token(TestGateway gw, JsonObject strategy, String scope) {
        JsonObject dcr = strategy.getJsonObject("dcrConfig");
        JsonObject body = new JsonObject().put("grant_type", "client_credentials");
        if (scope != null) body.put("scope", scope);
        return gw.anonymous().auth().preemptive().basic(dcr.getString("clientId"), dcr.getString("clientSecret"))
            .contentType("application/json").body(body.encode()).post(TOKEN);
    }

    DeployedApi oauthApi(TestGateway gw, Echo echo, String name) {
        DeployedApi api = gw.deploy("apis/named-echo.json", Map.of("name", name, "echo", echo.url()));
        TestAuth.enforce(gw, api.id(), TestAuth.identifyAction("OR", false, "strict", "oAuth2Token"));
        return api;
    }

    @Test
    void a_mapped_scope_is_granted_and_lets_the_token_in(TestGateway gw, Echo echo) {
        DeployedApi api = oauthApi(gw, echo, "ScopedEcho");
        addLocalScope(gw, "echo-read");
        mapScope(gw, "echo-read", api.id());
        JsonObject granted = strategy(gw, "ReadStrategy", "echo-read");
        appWith(gw, "Reader", granted.getString("id"), api.id());
        TestAuth.awaitStatus(() -> token(gw, granted, null).statusCode(), 200);
        String accessToken = token(gw, granted, null).then().statusCode(200).body("scope", equalTo("echo-read"))
            .extract().path("access_token");
        TestAuth.awaitStatus(() -> gw.anonymous().header("Authorization", "Bearer " + accessToken).get(api.path() + "/get")
            .statusCode(), 200);
        token(gw, granted, "echo-write").then().statusCode(400).body("error", equalTo("invalid_scope"));

        JsonObject other = strategy(gw, "OtherStrategy", "other-scope");
        appWith(gw, "Outsider", other.getString("id"), api.id());
        TestAuth.awaitStatus(() -> token(gw, other, null).statusCode(), 200);
        String wrongScope = token(gw, other, null).then().body("scope", equalTo("other-scope")).extract().path("access_token");
        gw.anonymous().header("Authorization", "Bearer " + wrongScope).get(api.path() + "/get").then().statusCode(401);
    }

    @Test
    void an_api_scope_guards_only_its_resources(TestGateway gw, Echo echo) {
        DeployedApi api = oauthApi(gw, echo, "ResourceScoped");
        JsonObject whole = new JsonObject(gw.admin().get(BASE + "/apis/" + api.id()).asString())
            .getJsonObject("apiResponse").getJsonObject("api");
        whole.put("scopes", new JsonArray().add(new JsonObject().put("name", "Writes").put("description", "")));
        whole.getJsonObject("apiDefinition").getJsonObject("paths").getJsonObject("/post").put("scopes", new JsonArray().add("Writes"));
        gw.admin().contentType("application/json").body(whole.encode()).put(BASE + "/apis/" + api.id()).then().statusCode(200);
        gw.admin().get(BASE + "/apis/" + api.id() + "/scopes").then().statusCode(200)
            .body("scopeReferences[0].scope.name", equalTo("Writes"))
            .body("scopeReferences[0].references[0].resourcePath", equalTo("/post"));
        gw.admin().get(BASE + "/apis/" + api.id() + "/scopes/Nope").then().statusCode(404);
        addLocalScope(gw, "echo-write");
        mapScope(gw, "echo-write", api.id() + ":Writes");
        JsonObject plain = strategy(gw, "PlainStrategy", "unrelated");
        appWith(gw, "Plain", plain.getString("id"), api.id());
        TestAuth.awaitStatus(() -> token(gw, plain, null).statusCode(), 200);
        String t = token(gw, plain, null).then().extract().path("access_token");
        TestAuth.awaitStatus(() -> gw.anonymous().header("Authorization", "Bearer " + t).get(api.path() + "/get").statusCode(), 200);
        gw.anonymous().header("Authorization", "Bearer " + t).post(api.path() + "/post").then().statusCode(401);
    }

    @Test
    void strategies_carry_dcr_config_refresh_their_secret_and_delete(TestGateway gw) {
        JsonObject s = strategy(gw, "Refreshing", "x");
        String id = s.getString("id");
        gw.admin().get(BASE + "/strategies").then().statusCode(200).body("strategies.id", hasItem(id))
            .body("strategies.find { it.id == '" + id + "' }.dcrConfig", notNullValue());
        String before = s.getJsonObject("dcrConfig").getString("clientSecret");
        gw.admin().put(BASE + "/strategies/" + id + "/refreshCredentials").then().statusCode(200)
            .body("strategy.dcrConfig.clientSecret", not(equalTo(before)));
        JsonObject jwt = new JsonObject().put("name", "Jwt").put("type", "JWT_HSA").put("secret", "bWFuYWdl");
        gw.admin().contentType("application/json").body(jwt.encode()).post(BASE + "/strategies").then().statusCode(200)
            .body("strategy.secret", equalTo("********************************")).body("strategy.dcrConfig", notNullValue());
        gw.admin().contentType("application/json").body("{\"name\":\"bad\",\"type\":\"MAGIC\"}").post(BASE + "/strategies")
            .then().statusCode(400);
        gw.admin().delete(BASE + "/strategies/" + id).then().statusCode(204);
        gw.admin().get(BASE + "/strategies/" + id).then().statusCode(404);
    }

    @Test
    void scope_mappings_crud_and_refuse_unknown_apis(TestGateway gw, Echo echo) {
        DeployedApi api = gw.deploy("apis/named-echo.json", Map.of("name", "Mapped", "echo", echo.url()));
        String id = mapScope(gw, "mapped", api.id());
        gw.admin().get(BASE + "/scopes").then().statusCode(200).body("scopes.id", hasItem(id));
        gw.admin().get(BASE + "/scopes/" + id).then().statusCode(200).body("scope.apiScopes[0]", equalTo(api.id()));
        JsonObject unknown = new JsonObject().put("scopeName", "x").put("apiScopes", new JsonArray().add("no-such-api"))
            .put("requiredAuthScopes", new JsonArray().add(new JsonObject().put("authServerAlias", "local").put("scopeName", "x")));
        gw.admin().contentType("application/json").body(unknown.encode()).post(BASE + "/scopes").then().statusCode(400);
        gw.admin().delete(BASE + "/scopes/" + id).then().statusCode(204);
        gw.admin().get(BASE + "/scopes/" + id).then().statusCode(404);
    }
}
