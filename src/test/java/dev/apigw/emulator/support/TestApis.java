package dev.apigw.emulator.support;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Builds OpenAPI definitions and registers APIs through the real admin API. */
public final class TestApis {
    private TestApis() {
    }

    /** An OpenAPI 3 definition whose every path accepts GET, POST, PUT, PATCH and DELETE. */
    public static JsonObject openApi(String title, String serverUrl, String... paths) {
        JsonObject p = new JsonObject();
        for (String path : paths) {
            JsonObject ops = new JsonObject();
            for (String m : new String[] {"get", "post", "put", "patch", "delete"}) {
                ops.put(m, new JsonObject().put("responses", new JsonObject().put("200", new JsonObject().put("description", "ok"))));
            }
            p.put(path, ops);
        }
        return new JsonObject().put("openapi", "3.0.3")
            .put("info", new JsonObject().put("title", title).put("version", "1.0"))
            .put("servers", new JsonArray().add(new JsonObject().put("url", serverUrl)))
            .put("paths", p);
    }

    /** Creates and activates an API; returns its id. */
    public static String registerActive(TestGateway gw, String name, String version, String serverUrl, String... paths) {
        String id = register(gw, name, version, openApi(name, serverUrl, paths));
        gw.admin().put("/rest/apigateway/apis/" + id + "/activate").then().statusCode(200);
        return id;
    }

    public static String register(TestGateway gw, String name, String version, JsonObject definition) {
        JsonObject body = new JsonObject().put("apiName", name).put("apiVersion", version).put("type", "openapi")
            .put("apiDefinition", definition);
        return gw.admin().contentType("application/json").body(body.encode()).post("/rest/apigateway/apis")
            .then().statusCode(200).extract().path("apiResponse.api.id");
    }

    /** How many APIs the node stores (0 when the list answers "No APIs found"). */
    public static int count(TestGateway gw) {
        io.vertx.core.json.JsonArray list = new JsonObject(gw.admin().get("/rest/apigateway/apis").then().statusCode(200)
            .extract().asString()).getJsonArray("apiResponse");
        return (int) list.stream().filter(o -> ((JsonObject) o).containsKey("api")).count();
    }
}
