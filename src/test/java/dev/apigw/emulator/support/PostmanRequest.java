package dev.apigw.emulator.support;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One request item of a Postman v2.x collection, read into a {@link Replay.Step}. */
final class PostmanRequest {
    private PostmanRequest() {
    }

    static Replay.Step step(String folder, String name, JsonObject request, String[] inheritedAuth, Path dir) {
        String[] auth = request.containsKey("auth") ? Replay.basic(request.getJsonObject("auth")) : inheritedAuth;
        Object url = request.getValue("url");
        String raw = url instanceof JsonObject u ? u.getString("raw") : String.valueOf(url);
        Map<String, String> headers = new LinkedHashMap<>();
        for (Object h : request.getJsonArray("header", new JsonArray())) {
            JsonObject header = (JsonObject) h;
            if (!Boolean.TRUE.equals(header.getValue("disabled"))) headers.put(header.getString("key"), header.getString("value", ""));
        }
        JsonObject body = request.getJsonObject("body");
        String text = null;
        boolean json = false;
        List<String[]> files = new ArrayList<>();
        if (body != null && "raw".equals(body.getString("mode"))) {
            text = body.getString("raw", "");
            JsonObject options = body.getJsonObject("options", new JsonObject()).getJsonObject("raw", new JsonObject());
            json = "json".equals(options.getString("language"));
        } else if (body != null && "formdata".equals(body.getString("mode"))) {
            for (Object p : body.getJsonArray("formdata", new JsonArray())) {
                JsonObject part = (JsonObject) p;
                if ("file".equals(part.getString("type"))) files.add(new String[] {part.getString("key"), resolve(dir, part.getString("src"))});
            }
        }
        return new Replay.Step(folder, name, request.getString("method", "GET"), raw, text, json, headers, auth, files, null, null,
            List.of());
    }

    /** A form-data file as newman resolves it: absolute, or relative to the collection's directory. */
    private static String resolve(Path dir, String src) {
        if (src == null) return "";
        Path p = Path.of(src.replace("%20", " "));
        return p.isAbsolute() ? p.toString() : dir.resolve(p).toString();
    }
}
