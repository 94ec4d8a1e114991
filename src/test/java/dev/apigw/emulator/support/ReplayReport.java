package dev.apigw.emulator.support;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** What one collection replay got back, request by request, with each answer classified. */
public final class ReplayReport {
    /** How an answer compares with what the product does. */
    public enum Outcome {
        /** 2xx or 3xx. */
        OK(true),
        /** A 4xx other than 404/405, in the product's error shape: the product refuses such a request too. */
        REFUSED(true),
        /** 404 for an asset id that does not exist (the endpoint exists): what the product answers. */
        ASSET_NOT_FOUND(true),
        /** 501 with a body naming the endpoint as not emulated (documented in docs/not-emulated.md). */
        NOT_EMULATED(false),
        /** 404 because the emulator has no such endpoint. */
        NO_ENDPOINT(false),
        /** 405. */
        NOT_ALLOWED(false),
        /** Any other 5xx. */
        SERVER_ERROR(false),
        /** The request could not be sent (bad URL, connection refused). */
        UNSENDABLE(false);

        private final boolean asProduct;

        Outcome(boolean asProduct) {
            this.asProduct = asProduct;
        }

        /** Whether the answer is the kind the product gives. */
        public boolean asProduct() {
            return asProduct;
        }
    }

    public record Result(String name, String method, String url, int status, Outcome outcome, String detail,
                         List<String> unresolved) {
        static Result of(String name, String method, String url, int status, String body, List<String> unresolved) {
            return new Result(name, method, url, status, classify(status, body, url), abbreviate(body), List.copyOf(unresolved));
        }

        static Result unsendable(String name, String method, String url, String why, List<String> unresolved) {
            return new Result(name, method, url, -1, Outcome.UNSENDABLE, why, List.copyOf(unresolved));
        }

        @Override
        public String toString() {
            return method + " " + url + " -> " + status + " " + outcome + " (" + name + ")"
                + (unresolved.isEmpty() ? "" : " unresolved " + unresolved) + (outcome.asProduct() ? "" : ": " + detail);
        }
    }

    private final String collection;
    private final List<Result> results = new ArrayList<>();

    ReplayReport(String collection) {
        this.collection = collection;
    }

    void add(Result r) {
        results.add(r);
    }

    public List<Result> results() {
        return List.copyOf(results);
    }

    /** Answers a replay test fails on: 404 of a missing endpoint, 405, 5xx (501 included) and unsendable requests. */
    public List<Result> failures() {
        return results.stream().filter(r -> !r.outcome().asProduct()).toList();
    }

    /** Stricter, for collections that create every asset they use: an asset 404 fails too. */
    public List<Result> strictFailures() {
        return results.stream().filter(r -> r.outcome() != Outcome.OK && r.outcome() != Outcome.REFUSED).toList();
    }

    public Map<Outcome, Integer> counts() {
        Map<Outcome, Integer> out = new EnumMap<>(Outcome.class);
        for (Result r : results) out.merge(r.outcome(), 1, Integer::sum);
        return out;
    }

    public long asProduct() {
        return results.stream().filter(r -> r.outcome().asProduct()).count();
    }

    public String render(boolean everyRequest) {
        StringBuilder out = new StringBuilder(collection + ": " + asProduct() + "/" + results.size()
            + " answered as the product does " + counts() + "\n");
        for (Result r : results) if (everyRequest || !r.outcome().asProduct()) out.append("  ").append(r).append('\n');
        return out.toString();
    }

    /**
     * A 404 is an asset's when the body is the admin shape and does not name the request path as unknown (the router's
     * "Unable to find the resource: /rest/..." for a path it has no route for).
     */
    static Outcome classify(int status, String body, String url) {
        if (status >= 200 && status < 400) return Outcome.OK;
        if (status == 404) return endpointMissing(body, url) ? Outcome.NO_ENDPOINT : Outcome.ASSET_NOT_FOUND;
        if (status == 405) return Outcome.NOT_ALLOWED;
        if (status == 501 && body != null && body.contains("not emulated")) return Outcome.NOT_EMULATED;
        if (status >= 500) return Outcome.SERVER_ERROR;
        return Outcome.REFUSED;
    }

    private static boolean endpointMissing(String body, String url) {
        if (body == null || !body.trim().startsWith("{")) return true;
        try {
            Object details = ((JsonObject) Json.decodeValue(body)).getValue("errorDetails");
            String path = url.replaceFirst("^[a-z]+://[^/]+", "").replaceFirst("\\?.*$", "");
            return details instanceof String d && d.startsWith(" Unable to find the resource: /") && path.startsWith(d.substring(30));
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String abbreviate(String body) {
        if (body == null) return "";
        return body.length() > 300 ? body.substring(0, 300) + "..." : body;
    }
}
