package dev.apigw.emulator.runtime;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The answers of an API in mock mode ({@code mockService.enableMock}), compiled once from its definition: per
 * resource template and method, the conditional responses first (header or query conditions), then the default one.
 * While an API is mocked the runtime answers from here and never calls the backend. Immutable.
 */
public final class MockResponses {
    /** One canned response. */
    public record Canned(int status, Map<String, String> headers, String contentType, String body) {
    }

    /**
     * One condition of a conditional response: {@code parameter} Header or QueryParameter; {@code keyOperator}
     * ContainsKey (the key is present) or ContainsKeyValue / Equals (its value passes {@code valueOperator} with
     * {@code expected}).
     */
    public record Condition(String parameter, String keyOperator, String key, String valueOperator, String expected) {
        boolean holds(HttpServerRequest request) {
            MultiMap source = parameter.equalsIgnoreCase("Header") ? request.headers()
                : parameter.equalsIgnoreCase("QueryParameter") ? request.params() : null;
            if (source == null || key == null) return false; // body conditions would need the body buffered: never
            String actual = source.get(key);
            if (actual == null) return false;
            if (keyOperator.equalsIgnoreCase("ContainsKey")) return true;
            String want = expected == null ? "" : expected;
            return switch (valueOperator == null ? "Equals" : valueOperator.toLowerCase(Locale.ROOT)) {
                case "notequals" -> !actual.equals(want);
                case "contains" -> actual.contains(want);
                case "startswith" -> actual.startsWith(want);
                case "endswith" -> actual.endsWith(want);
                default -> actual.equals(want);
            };
        }
    }

    /** A response given when every one of its conditions holds. */
    public record Conditional(List<Condition> conditions, Canned response) {
    }

    /** What one operation answers. */
    public record Operation(List<Conditional> conditional, Canned fallback) {
    }

    private final Map<String, Operation> operations;

    /** @param operations by {@code "<METHOD> <resource template>"}, e.g. {@code "GET /pet/{petId}"} */
    public MockResponses(Map<String, Operation> operations) {
        this.operations = Map.copyOf(operations);
    }

    public static String key(String method, String template) {
        return method.toUpperCase(Locale.ROOT) + " " + template;
    }

    /** Answers the exchange from its operation's canned responses; the request body is drained, never forwarded. */
    public void respond(Exchange exchange) {
        HttpServerRequest request = exchange.request();
        String template = exchange.api().resources().match(exchange.resourcePath()).resource();
        String method = request.method().name().equals("HEAD") ? "GET" : request.method().name();
        Operation op = template == null ? null : operations.get(key(method, template));
        Canned canned = op == null ? new Canned(200, Map.of(), null, "") : choose(op, request);
        HttpServerResponse response = request.response().setStatusCode(canned.status());
        canned.headers().forEach(response::putHeader);
        if (canned.contentType() != null) response.putHeader("Content-Type", canned.contentType());
        response.end(canned.body());
        request.resume(); // let an unread body drain so the connection can be reused
    }

    private static Canned choose(Operation op, HttpServerRequest request) {
        for (Conditional c : op.conditional()) {
            if (c.conditions().stream().allMatch(cond -> cond.holds(request))) return c.response();
        }
        return op.fallback();
    }
}
