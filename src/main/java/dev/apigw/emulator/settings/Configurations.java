package dev.apigw.emulator.settings;

import dev.apigw.emulator.runtime.GatewayException;
import dev.apigw.emulator.store.AssetStore;
import dev.apigw.emulator.store.AssetType;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The product's configurations ({@code /configurations/<configId>}) other than the ones with a service of their own
 * (gateway destination, extended settings): each is one settings document of the store under its configId, merged
 * over its defaults on read; a PUT merges the given keys over what is stored (pipelines send only what they change).
 * Secrets are stored and masked on read. Non-blocking; any thread.
 */
public final class Configurations {
    public static final String LOAD_BALANCER = "loadBalancer";
    private static final String MASK = "********";
    private final AssetStore store;

    public Configurations(AssetStore store) {
        this.store = store;
    }

    /** Whether this service keeps the configuration id. */
    public static boolean knows(String id) {
        return ConfigurationRules.RULES.containsKey(id) || ConfigurationRules.STORED_AS_SENT.contains(id);
    }

    public Future<JsonObject> get(String id) {
        check(id);
        return stored(id).map(doc -> masked(id, doc));
    }

    /** Checks the body against the id's rules, merges it over the stored document, and answers the result. */
    public Future<JsonObject> put(String id, JsonObject body) {
        check(id);
        ConfigurationRules.Rule rule = ConfigurationRules.RULES.get(id);
        JsonObject changes = body.copy();
        if (rule != null) rule.check().accept(changes);
        if (rule != null) {
            for (String secret : rule.secrets()) if (MASK.equals(changes.getValue(secret))) changes.remove(secret);
        }
        return stored(id).compose(current -> {
            JsonObject merged = current.mergeIn(changes);
            return store.put(AssetType.SETTINGS, id, merged).map(v -> masked(id, merged));
        });
    }

    /** The gateway URLs clients are told about: the load balancer's http and https URLs, in that order. */
    public Future<List<String>> gatewayUrls() {
        return stored(LOAD_BALANCER).map(lb -> {
            List<String> out = new ArrayList<>();
            for (String k : List.of("httpUrls", "httpsUrls")) {
                for (Object u : lb.getJsonArray(k, new JsonArray())) out.add(u.toString());
            }
            return out;
        });
    }

    private Future<JsonObject> stored(String id) {
        ConfigurationRules.Rule rule = ConfigurationRules.RULES.get(id);
        JsonObject defaults = rule == null ? new JsonObject() : rule.defaults().copy();
        return store.get(AssetType.SETTINGS, id).map(doc -> doc == null ? defaults : defaults.mergeIn(doc));
    }

    private JsonObject masked(String id, JsonObject doc) {
        ConfigurationRules.Rule rule = ConfigurationRules.RULES.get(id);
        if (rule == null) return doc;
        JsonObject out = doc.copy();
        for (String secret : rule.secrets()) {
            if (out.getValue(secret) instanceof String s && !s.isEmpty()) out.put(secret, MASK);
        }
        return out;
    }

    private static void check(String id) {
        if (id == null || id.isBlank()) {
            throw GatewayException.admin(400, "MISSING_CONFIG_ID", "Missing mandatory field configId in request.");
        }
        if (!knows(id)) {
            throw GatewayException.admin(400, "INVALID_CONFIG_ID", "Invalid configId value in request. configId: " + id + ".");
        }
    }
}
