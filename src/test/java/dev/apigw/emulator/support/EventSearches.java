package dev.apigw.emulator.support;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Locale;

/** {@code POST /rest/apigateway/search} over event types from a test, and waiting for events to be written. */
public final class EventSearches {
    private EventSearches() {
    }

    public static JsonObject keyword(String field, String regex) {
        return new JsonObject().put("attributeName", field).put("keyword", regex);
    }

    public static JsonObject range(String field, Object from, Object to) {
        JsonObject r = new JsonObject();
        if (from != null) r.put("from", from);
        if (to != null) r.put("to", to);
        return new JsonObject().put("attributeName", field).put("range", r);
    }

    public static JsonObject since(String field, String since) {
        return new JsonObject().put("attributeName", field).put("range", new JsonObject().put("since", since));
    }

    /** A search body for one type with the scopes under {@code and} (no {@code condition}, as the vendor sends). */
    public static JsonObject body(String type, JsonObject... scopes) {
        JsonArray scope = new JsonArray();
        for (JsonObject s : scopes) scope.add(s);
        return new JsonObject().put("types", new JsonArray().add(type)).put("scope", scope);
    }

    public static JsonObject post(TestGateway gw, String path, JsonObject body) {
        return new JsonObject(gw.admin().contentType("application/json").body(body.encode()).post(path)
            .then().statusCode(200).extract().asString());
    }

    /** The events of {@code type} the search finds. */
    public static JsonArray search(TestGateway gw, String type, JsonObject... scopes) {
        return post(gw, "/rest/apigateway/search", body(type, scopes)).getJsonArray(type.toLowerCase(Locale.ROOT));
    }

    public static long count(TestGateway gw, String type, JsonObject... scopes) {
        return post(gw, "/rest/apigateway/search/_count", body(type, scopes)).getLong(type.toLowerCase(Locale.ROOT));
    }

    /** Waits until the search finds at least {@code n} events (the writer batches them), and returns them. */
    public static JsonArray await(TestGateway gw, int n, String type, JsonObject... scopes) {
        JsonArray[] found = {new JsonArray()};
        Poll.until(n + " " + type + " events for " + java.util.Arrays.toString(scopes), () -> {
            found[0] = search(gw, type, scopes);
            return found[0].size() >= n;
        });
        return found[0];
    }
}
