package dev.apigw.emulator.archive;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The product's per-asset import log: {@code {"ArchiveResult":[{"<Type>":{"name","id","status":"Success"|"Failed",
 * "explanation","overwritten","dependencyFailed":null,"warning"}}, ...]}}, one element per asset of the archive.
 */
public final class ImportLog {
    public static final String SUCCESS = "Success";
    public static final String FAILED = "Failed";
    public static final String EXISTS = "Asset already exists.";
    private final List<JsonObject> entries = new ArrayList<>();

    void success(String type, String name, String id, String explanation, boolean overwritten, boolean warning) {
        add(type, name, id, SUCCESS, explanation, overwritten, warning);
    }

    void failed(String type, String name, String id, String explanation, boolean warning) {
        add(type, name, id, FAILED, explanation, false, warning);
    }

    private void add(String type, String name, String id, String status, String explanation, boolean overwritten,
                     boolean warning) {
        entries.add(new JsonObject().put(type, new JsonObject().put("name", name).put("id", id).put("status", status)
            .put("explanation", explanation).put("overwritten", overwritten).putNull("dependencyFailed").put("warning", warning)));
    }

    /** Every element, in the order the assets were considered. */
    public List<JsonObject> entries() {
        return List.copyOf(entries);
    }

    /** How many assets of a type ended with a status. */
    public long count(String type, String status) {
        return entries.stream().filter(e -> e.getValue(type) instanceof JsonObject o && status.equals(o.getString("status")))
            .count();
    }

    public JsonObject toJson() {
        JsonArray out = new JsonArray();
        entries.forEach(e -> out.add(e.copy()));
        return new JsonObject().put("ArchiveResult", out);
    }
}
