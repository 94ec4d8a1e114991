package dev.apigw.emulator.support;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of Postman's test scripts a replay needs, by simple rules instead of a JavaScript engine: the calls
 * {@code pm.environment|globals|variables|collectionVariables.set("name", expr)} and {@code postman.setEnvironmentVariable}.
 * An expression is a string literal, {@code JSON.stringify(x)}, {@code ""+x}, or a property path
 * ({@code jsonData.apiResponse.api.id}, {@code x.policies[0]}) rooted at the parsed response
 * ({@code JSON.parse(responseBody)}, {@code pm.response.json()}) or at a variable the script assigned from such a
 * path ({@code var alias = jsonData.alias}, the first assignment that evaluates when there are several), or a JSON
 * literal ({@code []}). Anything else (loops, conditions, computed indexes) is not evaluated and
 * the variable is left unset.
 */
final class PostmanScripts {
    private static final Pattern SET = Pattern.compile(
        "(?:pm\\.(?:environment|globals|variables|collectionVariables)\\.set|postman\\.set(?:Environment|Global)Variable)"
            + "\\(\\s*[\"']([^\"']+)[\"']\\s*,\\s*(.+?)\\s*\\)\\s*;?\\s*$");
    private static final Pattern ASSIGN = Pattern.compile("(?:var|let|const)?\\s*([A-Za-z_$][\\w$]*)\\s*=\\s*([^=;][^;]*);?\\s*$");
    private static final Pattern STEP = Pattern.compile("\\.([A-Za-z_$][\\w$]*)|\\[(\\d+)]|\\[[\"']([^\"']+)[\"']]");

    private PostmanScripts() {
    }

    /** The variables a script sets from a response, evaluated by the rules above. */
    static Map<String, String> sets(List<String> lines, String responseBody) {
        Object response = parse(responseBody);
        Map<String, List<String>> roots = new HashMap<>();
        Map<String, String> out = new HashMap<>();
        for (String raw : lines) {
            String line = raw.trim();
            Matcher set = SET.matcher(line);
            if (set.find()) {
                Object value = eval(set.group(2), response, roots, 0);
                if (value != null) out.put(set.group(1), value instanceof String s ? s : Json.encode(value));
                continue;
            }
            Matcher assign = ASSIGN.matcher(line);
            if (assign.matches() && !line.contains("==")) {
                roots.computeIfAbsent(assign.group(1), k -> new java.util.ArrayList<>()).add(assign.group(2).trim());
            }
        }
        return out;
    }

    private static Object eval(String expr, Object response, Map<String, List<String>> roots, int depth) {
        String e = expr.trim();
        if (depth > 6) return null;
        if (e.startsWith("\"\"+") || e.startsWith("''+")) e = e.substring(3).trim();
        if (e.matches("\"[^\"]*\"") || e.matches("'[^']*'")) return e.substring(1, e.length() - 1);
        if (e.startsWith("JSON.stringify(") && e.endsWith(")")) {
            Object v = eval(e.substring(15, e.length() - 1), response, roots, depth + 1);
            return v == null ? null : Json.encode(v);
        }
        if (e.startsWith("[") || e.startsWith("{") || e.matches("-?\\d+(\\.\\d+)?")) return parse(e); // a literal
        return path(e, response, roots, depth);
    }

    /**
     * A property path rooted at the parsed response ({@code JSON.parse(responseBody)}, {@code pm.response.json()}),
     * or at a variable: the first of its assignments that evaluates.
     */
    private static Object path(String expr, Object response, Map<String, List<String>> roots, int depth) {
        Object base;
        String rest;
        String root = null;
        for (String r : new String[] {"JSON.parse(responseBody)", "pm.response.json()"}) if (expr.startsWith(r)) root = r;
        if (root != null) {
            base = response;
            rest = expr.substring(root.length());
        } else {
            Matcher head = Pattern.compile("^([A-Za-z_$][\\w$]*)(.*)$").matcher(expr);
            if (!head.matches()) return null;
            rest = head.group(2);
            base = null; // a variable the script never assigned (a loop variable, a parameter): not evaluated
            for (String assigned : roots.getOrDefault(head.group(1), List.of())) {
                base = eval(assigned, response, roots, depth + 1);
                if (base != null) break;
            }
            if (base == null) return null;
        }
        Matcher step = STEP.matcher(rest);
        int at = 0;
        while (step.find()) {
            if (step.start() != at) return null; // not a plain path (a call, an operator): not evaluated
            at = step.end();
            if (step.group(2) != null) base = base instanceof JsonArray a && Integer.parseInt(step.group(2)) < a.size()
                ? a.getValue(Integer.parseInt(step.group(2))) : null;
            else base = base instanceof JsonObject o ? o.getValue(step.group(1) != null ? step.group(1) : step.group(3)) : null;
            if (base == null) return null;
        }
        return at == rest.length() ? base : null;
    }

    private static Object parse(String body) {
        try {
            return body == null || body.isBlank() ? null : Json.decodeValue(body);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
