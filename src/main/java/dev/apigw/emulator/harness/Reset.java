package dev.apigw.emulator.harness;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Puts chosen parts of a running node back to their state after a fresh start, without a restart (between test
 * suites). The composition root gives one action per {@link Scope}; {@code all} runs every action in the enum's
 * order, faults first so a simulated store outage cannot stand in the way of the rest. Actions are asynchronous and
 * run one after the other; a failing action fails the reset with its reason (the parts before it stay reset).
 */
public final class Reset {
    /** What a reset can cover. */
    public enum Scope {
        /** per-API faults and simulated store outages */
        FAULTS,
        /** APIs, policies, policy actions, plans, webhooks and settings; the demo API and the seed are imported again */
        ASSETS,
        /** applications (their credentials go with them) */
        APPLICATIONS,
        /** OAuth2 access tokens */
        TOKENS,
        /** throttle windows and subscription quota counters, in memory and in Redis */
        QUOTAS,
        /** Prometheus request/backend timers and counters, accumulators, published metrics records */
        METRICS,
        /** transactional events (queued and stored), and webhook deliveries waiting for a retry */
        EVENTS;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Map<Scope, Supplier<Future<?>>> actions;

    public Reset(Map<Scope, Supplier<Future<?>>> actions) {
        this.actions = new EnumMap<>(actions);
    }

    /**
     * The scopes named by {@code scope} (comma-separated keys, or {@code all}); null or blank means all. Unknown
     * names throw {@link IllegalArgumentException} naming the valid ones.
     */
    public static List<Scope> parse(String scope) {
        if (scope == null || scope.isBlank() || scope.trim().equalsIgnoreCase("all")) return List.of(Scope.values());
        List<Scope> out = new ArrayList<>();
        for (String s : scope.split(",")) {
            Scope found = null;
            for (Scope c : Scope.values()) if (c.key().equalsIgnoreCase(s.trim())) found = c;
            if (found == null) throw new IllegalArgumentException("unknown scope '" + s.trim() + "'; scopes: " + keys());
            if (!out.contains(found)) out.add(found);
        }
        out.sort(null);
        return out;
    }

    public static List<String> keys() {
        List<String> out = new ArrayList<>();
        for (Scope s : Scope.values()) out.add(s.key());
        out.add("all");
        return out;
    }

    /** Runs the scopes' actions in order; completes with {@code {"reset":[keys], "at":...}}. */
    public Future<JsonObject> run(List<Scope> scopes) {
        Future<?> chain = Future.succeededFuture();
        JsonArray done = new JsonArray();
        for (Scope s : scopes) {
            Supplier<Future<?>> action = actions.get(s);
            chain = chain.compose(v -> action == null ? Future.succeededFuture() : action.get()).map(v -> {
                done.add(s.key());
                return v;
            });
        }
        return chain.map(v -> new JsonObject().put("reset", done).put("at", java.time.Instant.now().toString()));
    }
}
