package dev.apigw.emulator.alias;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every alias by name, as one route table is compiled: {@code ${Name}} references in routing endpoints and policy
 * parameters resolve through it. Among aliases of one name, the one for this node's stage wins, then one without a
 * stage, then the first by id. Immutable.
 */
public final class AliasTable {
    private final Map<String, JsonObject> byName;

    private AliasTable(Map<String, JsonObject> byName) {
        this.byName = byName;
    }

    public static AliasTable of(List<JsonObject> aliases, String stage) {
        Map<String, List<JsonObject>> named = new HashMap<>();
        for (JsonObject a : aliases) {
            if (a.getValue("name") instanceof String n) named.computeIfAbsent(n, k -> new ArrayList<>()).add(a);
        }
        Map<String, JsonObject> chosen = new HashMap<>();
        named.forEach((name, list) -> chosen.put(name, pick(list, stage)));
        return new AliasTable(Map.copyOf(chosen));
    }

    private static JsonObject pick(List<JsonObject> candidates, String stage) {
        candidates.sort(Comparator.comparing(a -> a.getString("id", "")));
        JsonObject blank = null;
        for (JsonObject a : candidates) {
            String s = a.getValue("stage") instanceof String st ? st.trim() : "";
            if (!stage.isEmpty() && s.equals(stage)) return a;
            if (s.isEmpty() && blank == null) blank = a;
        }
        return blank != null ? blank : candidates.get(0);
    }

    /** The alias in force for a name, or null. */
    public JsonObject find(String name) {
        return byName.get(name);
    }

    /**
     * {@code text} with every {@code ${Name}} of an endpoint alias (its {@code endPointURI}) or a simple alias (its
     * {@code value}) replaced; {@code ${sys:...}} and other variables (names with a colon) stay. An unknown name, or an alias that
     * has no text value, is an {@link IllegalArgumentException} naming it.
     */
    public String resolve(String text) {
        if (text == null || !text.contains("${")) return text;
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            int start = text.indexOf("${", i);
            int end = start < 0 ? -1 : text.indexOf('}', start);
            if (start < 0 || end < 0) {
                out.append(text, i, text.length());
                break;
            }
            String name = text.substring(start + 2, end);
            out.append(text, i, start);
            String value = name.indexOf(':') >= 0 ? null : valueOf(name); // ${sys:...} and other variables stay
            if (value == null) out.append(text, start, end + 1);
            else out.append(end + 1 < text.length() && text.charAt(end + 1) == '/' && value.endsWith("/")
                ? value.substring(0, value.length() - 1) : value);
            i = end + 1;
        }
        return out.toString();
    }

    private String valueOf(String name) {
        JsonObject alias = byName.get(name);
        if (alias == null) throw new IllegalArgumentException("alias " + name + " does not exist");
        Object value = switch (alias.getString("type", "")) {
            case "endpoint" -> alias.getValue("endPointURI");
            case "simple" -> alias.getValue("value");
            default -> null;
        };
        if (!(value instanceof String s) || s.isBlank()) {
            throw new IllegalArgumentException("alias " + name + " (" + alias.getString("type") + ") has no endpoint or value");
        }
        return s;
    }
}
