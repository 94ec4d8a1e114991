package dev.apigw.emulator.deploy;

import dev.apigw.emulator.model.Lenient;
import dev.apigw.emulator.runtime.MockResponses;
import dev.apigw.emulator.runtime.MockResponses.Canned;
import dev.apigw.emulator.runtime.MockResponses.Condition;
import dev.apigw.emulator.runtime.MockResponses.Conditional;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Compiles the canned responses of a mocked API ({@code mockService.enableMock: true}) from its definition. Per
 * operation: the product's {@code mockedConditionsBasedCustomResponsesList} and {@code mockedResponses}
 * ({@code {"200":{"responseBody":{"application/json":"<text>"},"responseHeaders":{}}}}), else the definition's own
 * examples (OpenAPI 3 {@code content.<type>.example(s)}, Swagger 2 {@code examples.<type>}), else an empty 200.
 */
final class MockCompiler {
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    private MockCompiler() {
    }

    static boolean mocked(JsonObject api) {
        Object service = api.getValue("mockService");
        return service instanceof JsonObject s && Boolean.TRUE.equals(Lenient.bool(s.getValue("enableMock")));
    }

    /** The API's mock responses, or null when it is not mocked. */
    static MockResponses compile(JsonObject api) {
        if (!mocked(api)) return null;
        Object paths = api.getJsonObject("apiDefinition", new JsonObject()).getValue("paths");
        Map<String, MockResponses.Operation> ops = new HashMap<>();
        if (paths instanceof JsonObject p) {
            for (String path : p.fieldNames()) {
                if (!(p.getValue(path) instanceof JsonObject item)) continue;
                for (String m : item.fieldNames()) {
                    if (METHODS.contains(m.toLowerCase(Locale.ROOT)) && item.getValue(m) instanceof JsonObject op) {
                        ops.put(MockResponses.key(m, path), operation(op));
                    }
                }
            }
        }
        return new MockResponses(ops);
    }

    private static MockResponses.Operation operation(JsonObject op) {
        List<Conditional> conditional = new ArrayList<>();
        if (op.getValue("mockedConditionsBasedCustomResponsesList") instanceof JsonArray list) {
            for (Object o : list) {
                if (o instanceof JsonObject c && c.getValue("mockedResponse") instanceof JsonObject r) {
                    conditional.add(new Conditional(conditions(c.getValue("mockedConditionList")), mocked(r, "200")));
                }
            }
        }
        Canned fallback = op.getValue("mockedResponses") instanceof JsonObject m && !m.isEmpty() ? fromMocked(m) : null;
        if (fallback == null) fallback = fromExamples(op.getValue("responses"));
        return new MockResponses.Operation(List.copyOf(conditional), fallback);
    }

    private static List<Condition> conditions(Object list) {
        List<Condition> out = new ArrayList<>();
        if (list instanceof JsonArray arr) {
            for (Object o : arr) {
                if (o instanceof JsonObject c) {
                    out.add(new Condition(c.getString("mockedConditionParameter", ""), c.getString("mockedLevel1Operator", "Equals"),
                        c.getString("value1"), c.getString("mockedLevel2Operator"), c.getString("value2")));
                }
            }
        }
        return List.copyOf(out);
    }

    /** The 200 response if there is one, else the lowest status. */
    private static Canned fromMocked(JsonObject byStatus) {
        String code = byStatus.containsKey("200") ? "200"
            : byStatus.fieldNames().stream().sorted().findFirst().orElse("200");
        return byStatus.getValue(code) instanceof JsonObject r ? mocked(r, code) : null;
    }

    private static Canned mocked(JsonObject r, String code) {
        int status = status(r.getValue("statusCode"), status(code, 200));
        Map<String, String> headers = new HashMap<>();
        if (r.getValue("responseHeaders") instanceof JsonObject h) h.forEach(e -> headers.put(e.getKey(), String.valueOf(e.getValue())));
        String type = null;
        String body = "";
        if (r.getValue("responseBody") instanceof JsonObject b && !b.isEmpty()) {
            type = b.containsKey("application/json") ? "application/json" : b.fieldNames().iterator().next();
            body = text(b.getValue(type));
        }
        return new Canned(status, Map.copyOf(headers), type, body);
    }

    /** The first 2xx response of the definition with an example; an empty 200 when there is none. */
    private static Canned fromExamples(Object responses) {
        if (!(responses instanceof JsonObject rs)) return new Canned(200, Map.of(), null, "");
        List<String> codes = rs.fieldNames().stream().filter(c -> c.startsWith("2")).sorted().toList();
        for (String code : codes) {
            if (!(rs.getValue(code) instanceof JsonObject r)) continue;
            if (r.getValue("content") instanceof JsonObject content) {
                for (String type : content.fieldNames()) {
                    Object example = example(content.getValue(type));
                    if (example != null) return new Canned(status(code, 200), Map.of(), type, text(example));
                }
            }
            if (r.getValue("examples") instanceof JsonObject ex && !ex.isEmpty()) { // Swagger 2
                String type = ex.fieldNames().iterator().next();
                return new Canned(status(code, 200), Map.of(), type, text(ex.getValue(type)));
            }
        }
        return new Canned(codes.isEmpty() ? 200 : status(codes.get(0), 200), Map.of(), null, "");
    }

    private static Object example(Object media) {
        if (!(media instanceof JsonObject m)) return null;
        if (m.getValue("example") != null) return m.getValue("example");
        if (m.getValue("examples") instanceof JsonObject ex) {
            for (String name : ex.fieldNames()) {
                if (ex.getValue(name) instanceof JsonObject e && e.getValue("value") != null) return e.getValue("value");
            }
        }
        return null;
    }

    private static String text(Object value) {
        if (value == null) return "";
        if (value instanceof JsonObject o) return o.encode();
        if (value instanceof JsonArray a) return a.encode();
        return value.toString();
    }

    private static int status(Object code, int fallback) {
        Long n = Lenient.integer(code);
        return n != null && n >= 100 && n <= 599 ? n.intValue() : fallback;
    }
}
