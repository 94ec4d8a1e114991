package dev.apigw.emulator.admin;

import dev.apigw.emulator.catalog.BoundedText;
import dev.apigw.emulator.runtime.GatewayException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.ArrayList;
import java.util.List;

/**
 * A parsed {@code POST /search} body: types, {@code and}/{@code or} condition (optional with at most one scope entry),
 * scope of attribute regexes, response fields and paging (numbers may be strings). Attribute names may be dotted
 * ({@code names.value}); arrays on the way are searched element-wise. Keywords are RE2 regular expressions (RE2/J:
 * linear time, no backtracking, no stack depth that grows with the text; like the product's Elasticsearch regexps it
 * has no back-references or look-around), at most {@value #MAX_KEYWORD} characters.
 */
record SearchQuery(List<String> types, boolean and, List<Scope> scope, List<String> responseFields, int from, int size) {
    static final int MAX_KEYWORD = 1000;

    record Scope(String attribute, Pattern keyword) {
    }

    static SearchQuery parse(JsonObject body) {
        Object types = body.getValue("types");
        if (!(types instanceof JsonArray arr) || arr.isEmpty()) {
            throw GatewayException.admin(400, "MANDATORY_FIELD_MISSING", "Mandatory field types is missing in the input request body");
        }
        Object condition = body.getValue("condition");
        // the product's clients omit the condition when it cannot matter (one scope entry at most); with more
        // entries it decides the result, and its absence is the documented 400
        if (condition == null && !(body.getValue("scope") instanceof JsonArray sc && sc.size() > 1)) condition = "and";
        if (!(condition instanceof String c) || c.isBlank()) {
            throw GatewayException.admin(400, "MANDATORY_FIELD_MISSING", "Mandatory field condition is missing in the input request body");
        }
        if (!c.equalsIgnoreCase("and") && !c.equalsIgnoreCase("or")) {
            throw GatewayException.admin(400, "INVALID_CONDITION", "Invalid value " + c + " for condition; expected and or or");
        }
        List<String> typeList = new ArrayList<>();
        for (Object t : arr) typeList.add(String.valueOf(t).toUpperCase());
        return new SearchQuery(typeList, c.equalsIgnoreCase("and"), scopes(body.getValue("scope")),
            strings(body.getValue("responseFields")), Math.max(0, number(body, "from", 0)), number(body, "size", -1));
    }

    private static List<Scope> scopes(Object value) {
        List<Scope> out = new ArrayList<>();
        if (value == null) return out;
        if (!(value instanceof JsonArray arr)) throw GatewayException.invalidPayload("'scope' must be an array");
        for (Object o : arr) {
            if (!(o instanceof JsonObject s) || !(s.getValue("attributeName") instanceof String name)) {
                throw GatewayException.invalidPayload("every scope entry needs an attributeName");
            }
            if (name.length() > 256) throw GatewayException.invalidPayload("an attributeName may have at most 256 characters");
            String keyword = s.getValue("keyword") == null ? ".*" : String.valueOf(s.getValue("keyword"));
            if (keyword.length() > MAX_KEYWORD) {
                throw GatewayException.admin(400, "INVALID_KEYWORD", "A keyword may have at most " + MAX_KEYWORD + " characters");
            }
            try {
                out.add(new Scope(name, Pattern.compile(keyword, Pattern.CASE_INSENSITIVE | Pattern.DOTALL)));
            } catch (PatternSyntaxException e) {
                throw GatewayException.admin(400, "INVALID_KEYWORD", "Invalid regular expression in keyword: " + keyword);
            }
        }
        return out;
    }

    private static List<String> strings(Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof JsonArray arr) for (Object o : arr) out.add(String.valueOf(o));
        else if (value != null) throw GatewayException.invalidPayload("'responseFields' must be an array of field names");
        return out;
    }

    private static int number(JsonObject body, String key, int fallback) {
        Object v = body.getValue(key);
        if (v == null) return fallback;
        Long n = dev.apigw.emulator.model.Lenient.integer(v); // "0" as well as 0, as clients send both
        if (n != null && n >= Integer.MIN_VALUE && n <= Integer.MAX_VALUE) return n.intValue();
        throw GatewayException.invalidPayload("'" + key + "' must be a number");
    }

    /** Whether an asset matches the scope under the condition; no scope matches everything. */
    boolean matches(JsonObject asset, BoundedText.Budget budget) {
        if (scope.isEmpty()) return true;
        for (Scope s : scope) {
            boolean hit = attributeMatches(asset, s.attribute().split("\\."), 0, s.keyword(), budget);
            if (and && !hit) return false;
            if (!and && hit) return true;
        }
        return and;
    }

    /** Follows the dotted path; its length bounds the recursion (a path segment per level, arrays flattened once). */
    private static boolean attributeMatches(Object node, String[] path, int i, Pattern keyword, BoundedText.Budget budget) {
        if (node instanceof JsonArray arr) {
            for (Object o : arr) {
                if (!(o instanceof JsonArray) && attributeMatches(o, path, i, keyword, budget)) return true;
            }
            return false;
        }
        if (i == path.length) {
            return node != null && !(node instanceof JsonObject)
                && keyword.matcher(new BoundedText(String.valueOf(node), budget)).matches();
        }
        return node instanceof JsonObject obj && attributeMatches(obj.getValue(path[i]), path, i + 1, keyword, budget);
    }

    /** The asset cut down to the requested fields ({@code *} or none: everything). */
    JsonObject project(JsonObject asset) {
        if (responseFields.isEmpty() || responseFields.contains("*")) return asset;
        JsonObject out = new JsonObject();
        for (String f : responseFields) if (asset.containsKey(f)) out.put(f, asset.getValue(f));
        return out;
    }
}
