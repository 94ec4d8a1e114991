package dev.apigw.emulator.admin;

import dev.apigw.emulator.model.Docs;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** The {@code apiResponse} wrapper of the APIs resource, for successes and its own error shape. */
final class ApiResponses {
    private static final List<String> SUMMARY = List.of("apiName", "apiVersion", "apiDescription", "isActive", "type",
        "publishedPortals", "systemVersion", "id");

    private ApiResponses() {
    }

    static JsonObject one(JsonObject api, JsonArray versions) {
        return new JsonObject().put("apiResponse", new JsonObject().put("api", api).put("responseStatus", "SUCCESS")
            .put("versions", versions));
    }

    static JsonObject summary(JsonObject api) {
        JsonObject s = new JsonObject();
        for (String k : SUMMARY) if (api.containsKey(k)) s.put(k, api.getValue(k));
        return new JsonObject().put("api", s).put("responseStatus", "SUCCESS");
    }

    static JsonObject missing(String id) {
        return new JsonObject().put("responseStatus", "NOT_FOUND").put("errorReason", "Api with ID " + id + "does not exists");
    }

    /**
     * Where clients call the API: {@code <url>/gateway/<apiName>/<apiVersion>} for each load-balancer URL, or for the
     * address the request came in on when none is configured.
     */
    static JsonArray endpoints(JsonObject api, List<String> gatewayUrls, io.vertx.core.http.HttpServerRequest request) {
        String path = "/gateway/" + Docs.text(api, "apiName", "").replace(" ", "%20") + "/" + Docs.text(api, "apiVersion", "");
        List<String> bases = gatewayUrls.isEmpty() && request.authority() != null
            ? List.of((request.isSSL() ? "https://" : "http://") + request.authority()) : gatewayUrls;
        JsonArray out = new JsonArray();
        for (String base : bases) out.add((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path);
        return out;
    }

    /** Every version of the API's name, as {@code [{versionNumber, apiId}]}. */
    static JsonArray versions(String apiName, List<JsonObject> apis) {
        JsonArray out = new JsonArray();
        for (JsonObject a : apis) {
            if (apiName.equals(Docs.text(a, "apiName", null))) {
                out.add(new JsonObject().put("versionNumber", Docs.text(a, "apiVersion", null)).put("apiId", Docs.text(a, "id", null)));
            }
        }
        return out;
    }
}
