package dev.apigw.emulator.support;

import io.vertx.core.json.JsonObject;

/** The migration API called from tests: start an action, wait for its status to settle. */
public final class Migrations {
    public static final String CLEAN = "{\"action\":\"clean\"}";
    public static final String TRANSFORM = "{\"action\":\"transform\"}";

    private Migrations() {
    }

    /** A reindex body as the vendor's collection sends it, with the given source. */
    public static String reindex(String indicesType, String url, String username, String password) {
        return new JsonObject().put("action", "reindex").put("indicesType", indicesType)
            .put("sourceElasticsearch", new JsonObject().put("url", url).put("username", username).put("password", password))
            .put("properties", new JsonObject().put("apigateway.migration.srcTenantName", "default")
                .put("apigateway.migration.batchSize", 100).put("apigateway.migration.logLevel", "info"))
            .encode();
    }

    /** Posts the body; returns the status code. */
    public static int start(TestGateway gw, String body) {
        return gw.admin().contentType("application/json").body(body).post("/rest/apigateway/migration").statusCode();
    }

    /** Starts the action (expecting 202) and waits until its status is no longer "in progress"; returns the status. */
    public static JsonObject run(TestGateway gw, String body) {
        int status = start(gw, body);
        if (status != 202) throw new AssertionError("POST /migration answered " + status + " to " + body);
        return settled(gw, new JsonObject(body).getString("action"));
    }

    public static JsonObject status(TestGateway gw, String action) {
        return new JsonObject(gw.admin().get("/rest/apigateway/migration/status?action=" + action).then().statusCode(200)
            .extract().asString());
    }

    public static JsonObject settled(TestGateway gw, String action) {
        JsonObject[] last = new JsonObject[1];
        Poll.until(action + " to complete", 30_000, () -> {
            last[0] = status(gw, action);
            return !"in progress".equals(last[0].getString("status"));
        });
        return last[0];
    }
}
