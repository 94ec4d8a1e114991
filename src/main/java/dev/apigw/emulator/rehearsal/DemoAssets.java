package dev.apigw.emulator.rehearsal;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Registers the rehearsal's assets on the old node through its admin API, as a team would: an API identified by API
 * key and one by OAuth2 token ({@code rehearsal/*.json}, shared with the Gatling simulations), an application for each,
 * registered to its API, and a plan with a quota both applications are subscribed to.
 */
final class DemoAssets {
    static final String BASE = "/rest/apigateway";

    /** One registered API: its name, the path the traffic calls, its id. */
    record Api(String name, String path, String id) {
    }

    /** One application: its id and credentials, and the API it is registered to. */
    record App(String id, String name, String apiKey, String clientId, String clientSecret, Api api) {
    }

    /** What the traffic needs: the two APIs' applications (each knows its API), and the plan's id. */
    record Assets(App keyApp, App oauthApp, String planId) {
    }

    private final NodeClient admin;

    DemoAssets(NodeClient admin) {
        this.admin = admin;
    }

    Assets register(String backendUrl) {
        Api keyApi = api("key-api.json", "/orders", backendUrl);
        Api oauthApi = api("oauth-api.json", "/payments", backendUrl);
        String planId = plan();
        App keyApp = app("RehearsalKeyClient", keyApi, planId);
        App oauthApp = app("RehearsalOAuthClient", oauthApi, planId);
        return new Assets(keyApp, oauthApp, planId);
    }

    /** Creates the API from its asset file, enforces the file's policy actions in its policy, activates it. */
    private Api api(String file, String resource, String backendUrl) {
        JsonObject asset = new JsonObject(resource("rehearsal/" + file).replace("${backend}", backendUrl));
        JsonObject body = asset.copy();
        body.remove("policyActions");
        JsonObject api = admin.expect(HttpMethod.POST, BASE + "/apis", body, 200, 201).getJsonObject("apiResponse").getJsonObject("api");
        String id = api.getString("id");
        String policyId = api.getJsonArray("policies").getString(0);
        for (Object o : asset.getJsonArray("policyActions", new JsonArray())) {
            JsonObject entry = (JsonObject) o;
            enforce(policyId, entry.getString("stageKey"), entry.getJsonObject("policyAction"));
        }
        admin.expect(HttpMethod.PUT, BASE + "/apis/" + id + "/activate", null, 200);
        String name = api.getString("apiName");
        return new Api(name, "/gateway/" + name + "/" + api.getString("apiVersion") + resource, id);
    }

    private void enforce(String policyId, String stageKey, JsonObject action) {
        String actionId = admin.expect(HttpMethod.POST, BASE + "/policyActions", new JsonObject().put("policyAction", action), 200, 201)
            .getJsonObject("policyAction").getString("id");
        JsonObject policy = admin.expect(HttpMethod.GET, BASE + "/policies/" + policyId, null, 200).getJsonObject("policy");
        policy.getJsonArray("policyEnforcements").add(new JsonObject().put("stageKey", stageKey)
            .put("enforcements", new JsonArray().add(new JsonObject().put("enforcementObjectId", actionId).putNull("order"))));
        admin.expect(HttpMethod.PUT, BASE + "/policies/" + policyId, new JsonObject().put("policy", policy), 200);
    }

    /** The plan, with its quota action enforced by the plan's quota policy (stage {@code throttle}), as the product does. */
    private String plan() {
        JsonObject file = new JsonObject(resource("rehearsal/plan.json"));
        JsonObject plan = admin.expect(HttpMethod.POST, BASE + "/plans", file.getJsonObject("plan"), 200, 201)
            .getJsonObject("planResponse");
        String quotaPolicy = plan.getJsonObject("quota").getString("enforcementPolicy");
        enforce(quotaPolicy, "throttle", file.getJsonObject("quotaAction"));
        return plan.getString("id");
    }

    private App app(String name, Api api, String planId) {
        JsonObject app = admin.expect(HttpMethod.POST, BASE + "/applications", new JsonObject().put("name", name)
            .put("description", "rehearsal client of " + api.name()), 200, 201);
        String id = app.getString("id");
        admin.expect(HttpMethod.PUT, BASE + "/applications/" + id + "/apis",
            new JsonObject().put("apiIDs", new JsonArray().add(api.id())), 200);
        admin.expect(HttpMethod.PATCH, BASE + "/applications/" + id, new JsonObject().put("planId", planId), 200);
        JsonObject tokens = app.getJsonObject("accessTokens");
        JsonObject oauth = tokens.getJsonObject("oauth_credentials");
        return new App(id, name, tokens.getJsonObject("apiAccessKey_credentials").getString("apiAccessKey"),
            oauth.getString("clientID"), oauth.getString("clientSecret"), api);
    }

    static String resource(String path) {
        try (InputStream in = DemoAssets.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) throw new IllegalStateException(path + " is not on the classpath");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
