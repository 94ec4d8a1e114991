package dev.apigw.emulator.support;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * The OAuth2 and identity assets of one test, created through the real admin API from the {@code principals/}
 * fixtures: a local OAuth2 strategy, an application using it registered to an API, a gateway scope mapping on that
 * API, a user with a password, a group holding the user and an access profile holding the group.
 *
 * @param password the user's password (the user's login is {@code name})
 */
public record TestPrincipals(String name, String password, JsonObject strategy, JsonObject app, String scopeId,
                             String userId, String groupId, String profileId) {

    public static TestPrincipals create(TestGateway gw, String name, String apiId) {
        String password = "pw-" + name;
        JsonObject strategy = post(gw, "/strategies", Fixtures.json("principals/strategy.json", Map.of("name", name)))
            .getJsonObject("strategy");
        JsonObject appBody = new JsonObject().put("name", name + "App").put("authStrategyIds", new JsonArray().add(strategy.getString("id")));
        JsonObject app = post(gw, "/applications", appBody);
        TestAuth.register(gw, app.getString("id"), apiId);
        String scopeId = post(gw, "/scopes", Fixtures.json("principals/gateway-scope.json", Map.of("name", name, "apiId", apiId)))
            .getJsonObject("scope").getString("id");
        String userId = post(gw, "/users", Fixtures.json("principals/user.json", Map.of("name", name, "password", password)))
            .getString("id");
        String groupId = post(gw, "/groups", Fixtures.json("principals/group.json", Map.of("name", name, "userId", userId)))
            .getString("id");
        String profileId = post(gw, "/accessProfiles", Fixtures.json("principals/access-profile.json",
            Map.of("name", name, "groupId", groupId))).getString("id");
        return new TestPrincipals(name, password, strategy, app, scopeId, userId, groupId, profileId);
    }

    /** The archive selectors of everything but the strategy, which comes along with the application. */
    public String selectors() {
        return "applications=" + app.getString("id") + "&gatewayScopes=" + scopeId + "&users=" + userId + "&groups=" + groupId
            + "&accessProfiles=" + profileId;
    }

    public String clientId() {
        return strategy.getJsonObject("dcrConfig").getString("clientId");
    }

    public String clientSecret() {
        return strategy.getJsonObject("dcrConfig").getString("clientSecret");
    }

    /** Status of a client-credentials token request with the strategy's client. */
    public int token(TestGateway gw, String secret) {
        JsonObject body = new JsonObject().put("grant_type", "client_credentials").put("client_id", clientId())
            .put("client_secret", secret);
        return gw.anonymous().contentType("application/json").body(body.encode())
            .post("/invoke/pub.apigateway.oauth2/getAccessToken").statusCode();
    }

    /** Status of an admin call signed in as the user. */
    public int signIn(TestGateway gw, String pw) {
        return gw.anonymous().auth().preemptive().basic(name, pw).get("/rest/apigateway/users/" + userId).statusCode();
    }

    private static JsonObject post(TestGateway gw, String path, JsonObject body) {
        String json = gw.admin().contentType("application/json").body(body.encode()).post("/rest/apigateway" + path)
            .then().statusCode(org.hamcrest.Matchers.anyOf(org.hamcrest.Matchers.is(200), org.hamcrest.Matchers.is(201)))
            .extract().asString();
        return new JsonObject(json);
    }
}
