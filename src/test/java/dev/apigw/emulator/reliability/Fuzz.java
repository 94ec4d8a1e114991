package dev.apigw.emulator.reliability;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * The fuzz's request generator: an admin endpoint (method, path with a real or a random id) and a body that is a valid
 * one mutated (a value replaced by another JSON type, a huge or deeply nested value, a key removed or added), or raw
 * garbage (truncated JSON, random bytes, another JSON type), with odd headers (charset, content type) and query strings
 * now and then. Deterministic for a given {@link Random}.
 */
final class Fuzz {
    record Request(String method, String target, String headers, byte[] body) {
        @Override
        public String toString() {
            String text = body == null ? "" : new String(body, 0, Math.min(body.length, 160), StandardCharsets.ISO_8859_1);
            return method + " " + target + " [" + headers.replace("\r\n", "; ") + "] " + text;
        }
    }

    private record Endpoint(String method, String path, Supplier<JsonObject> valid) {
    }

    private final Random random;
    private final List<Endpoint> endpoints = new ArrayList<>();

    Fuzz(Random random, FuzzTargets t) {
        this.random = random;
        String b = FuzzTargets.BASE;
        add("POST", b + "/apis", FuzzTargets::api);
        add("PUT", b + "/apis/" + t.apiId(), FuzzTargets::api);
        add("PUT", b + "/apis/" + t.apiId() + "/activate", JsonObject::new);
        add("PUT", b + "/apis/" + t.apiId() + "/deactivate", JsonObject::new);
        add("POST", b + "/policyActions", () -> new JsonObject().put("policyAction", FuzzTargets.throttle()));
        add("POST", b + "/policyActions", FuzzTargets::identify);
        add("PUT", b + "/policyActions/" + t.actionId(), () -> new JsonObject().put("policyAction", FuzzTargets.throttle()));
        add("POST", b + "/policies", () -> new JsonObject().put("policy", FuzzTargets.policy(t.actionId())));
        add("PUT", b + "/policies/" + t.policyId(), () -> FuzzTargets.policy(t.actionId()));
        add("POST", b + "/applications", FuzzTargets::application);
        add("PUT", b + "/applications/" + t.appId(), FuzzTargets::application);
        add("PATCH", b + "/applications/" + t.appId(), FuzzTargets::application);
        add("PUT", b + "/applications/" + t.appId() + "/apis", () -> new JsonObject().put("apiIDs", new JsonArray().add(t.apiId())));
        add("POST", b + "/applications/" + t.appId() + "/accessTokens", () -> new JsonObject().put("type", "apiAccessKeyCredentials"));
        add("POST", b + "/plans", FuzzTargets::plan);
        add("POST", b + "/webhooks", FuzzTargets::webhook);
        add("PUT", b + "/webhooks/" + t.webhookId(), FuzzTargets::webhook);
        add("POST", b + "/search", FuzzTargets::search);
        add("POST", b + "/search/_count", FuzzTargets::search);
        add("POST", "/rest/facade/apigateway/searchApis", FuzzTargets::search);
        add("PUT", b + "/configurations/settings", () -> new JsonObject().put("preferredSettings", new JsonObject()
            .put("extendedKeys", new JsonObject().put("pgmen.quotaSurvival.interval", "60"))));
        add("PUT", b + "/configurations/gatewayDestinationConfig", () -> new JsonObject().put("metricsPublishInterval", "60"));
        add("GET", b + "/apis", JsonObject::new);
        add("GET", b + "/subscriptions/usage", JsonObject::new);
        add("DELETE", b + "/policyActions/" + "nope", JsonObject::new);
    }

    private void add(String method, String path, Supplier<JsonObject> valid) {
        endpoints.add(new Endpoint(method, path, valid));
    }

    Request next() {
        Endpoint e = endpoints.get(random.nextInt(endpoints.size()));
        String target = random.nextInt(10) == 0 ? e.path() + query() : e.path();
        String headers = RawClient.AUTH + "\r\n" + contentType() + "\r\n";
        return new Request(e.method(), target, headers, body(e.valid().get()));
    }

    private String query() {
        return List.of("?a=%zz", "?%", "?from=-1&size=x", "?apiIds=" + "x,".repeat(200), "?q=%E0%A4%A", "?x=%00").get(random.nextInt(6));
    }

    private String contentType() {
        int n = random.nextInt(12);
        return switch (n) {
            case 0 -> "Content-Type: application/json; charset=bogus";
            case 1 -> "Content-Type: text/plain";
            case 2 -> "Content-Type: multipart/form-data";
            case 3 -> "Content-Type: application/json; charset=UTF-16";
            default -> "Content-Type: application/json";
        };
    }

    private byte[] body(JsonObject valid) {
        int n = random.nextInt(20);
        if (n == 0) return new byte[0];
        if (n == 1) return randomBytes();
        if (n == 2) return truncated(valid.encode());
        if (n == 3) return List.of("[]", "42", "\"x\"", "null", "[{}]", "{\"a\":1,\"a\":2}").get(random.nextInt(6)).getBytes();
        JsonObject mutated = valid.copy();
        int mutations = 1 + random.nextInt(3);
        for (int i = 0; i < mutations; i++) mutate(mutated);
        String text = mutated.encode().replace("\"" + DEEP_600 + "\"", nested(600)).replace("\"" + DEEP_990 + "\"", nested(990));
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private byte[] randomBytes() {
        byte[] b = new byte[1 + random.nextInt(200)];
        random.nextBytes(b);
        return b;
    }

    private byte[] truncated(String json) {
        return json.substring(0, random.nextInt(Math.max(1, json.length()))).getBytes(StandardCharsets.UTF_8);
    }

    /** Replaces, removes or adds one field somewhere in the tree. */
    private void mutate(JsonObject root) {
        List<Object> containers = new ArrayList<>();
        collect(root, containers);
        Object target = containers.get(random.nextInt(containers.size()));
        if (target instanceof JsonObject obj) {
            List<String> keys = new ArrayList<>(obj.fieldNames());
            int op = random.nextInt(3);
            if (op == 0 && !keys.isEmpty()) obj.remove(keys.get(random.nextInt(keys.size())));
            else if (op == 1 || keys.isEmpty()) obj.put(List.of("x", "id", "names", "parameters", "value").get(random.nextInt(5)), value());
            else obj.put(keys.get(random.nextInt(keys.size())), value());
        } else if (target instanceof JsonArray arr) {
            if (!arr.isEmpty() && random.nextBoolean()) arr.set(random.nextInt(arr.size()), value());
            else arr.add(value());
        }
    }

    private static void collect(Object node, List<Object> out) {
        if (node instanceof JsonObject o) {
            out.add(o);
            o.forEach(e -> collect(e.getValue(), out));
        } else if (node instanceof JsonArray a) {
            out.add(a);
            a.forEach(v -> collect(v, out));
        }
    }

    private Object value() {
        return switch (random.nextInt(14)) {
            case 0 -> null;
            case 1 -> true;
            case 2 -> 1.5;
            case 3 -> -1;
            case 4 -> "";
            case 5 -> "x".repeat(20_000);
            case 6 -> new JsonArray().add(1).add("a").addNull();
            case 7 -> new JsonObject().put("a", new JsonObject());
            case 8 -> random.nextBoolean() ? DEEP_600 : DEEP_990; // spliced in as text: encoding it would recurse
            case 9 -> "\u0000\uFFFF\uD83D\uDE00";
            case 10 -> Long.MAX_VALUE;
            case 11 -> "(a|aa)+$";
            case 12 -> "fortnights";
            default -> "10.5";
        };
    }

    private static final String DEEP_600 = "__deep600__";
    private static final String DEEP_990 = "__deep990__";

    private static String nested(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }
}
