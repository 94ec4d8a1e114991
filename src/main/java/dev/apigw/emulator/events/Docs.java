package dev.apigw.emulator.events;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** Reading fields of event documents by name; a dotted name ({@code requestHeaders.Accept}) reaches into objects. */
final class Docs {
    private Docs() {
    }

    static Object value(JsonObject doc, String path) {
        if (doc.containsKey(path) || path.indexOf('.') < 0) return doc.getValue(path);
        Object at = doc;
        for (String part : path.split("\\.")) {
            if (!(at instanceof JsonObject o)) return null;
            at = o.getValue(part);
        }
        return at;
    }

    static String text(JsonObject doc, String path) {
        Object v = value(doc, path);
        if (v == null) return null;
        if (v instanceof JsonObject o) return o.encode();
        if (v instanceof JsonArray a) return a.encode();
        return v.toString();
    }

    static double number(Object v) {
        if (v instanceof Number n) return n.doubleValue();
        if (v instanceof String s) {
            try {
                return Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }

    /** The document cut down to {@code fields} ({@code *} or none: all of it); dotted names keep their nesting. */
    static JsonObject project(JsonObject doc, List<String> fields) {
        if (fields.isEmpty() || fields.contains("*")) return doc;
        JsonObject out = new JsonObject();
        for (String f : fields) {
            Object v = value(doc, f);
            if (v == null) continue;
            if (doc.containsKey(f) || f.indexOf('.') < 0) {
                out.put(f, v);
                continue;
            }
            String[] parts = f.split("\\.");
            JsonObject at = out;
            for (int i = 0; i < parts.length - 1; i++) {
                JsonObject next = at.getValue(parts[i]) instanceof JsonObject o ? o : null;
                if (next == null) at.put(parts[i], next = new JsonObject());
                at = next;
            }
            at.put(parts[parts.length - 1], v);
        }
        return out;
    }
}
