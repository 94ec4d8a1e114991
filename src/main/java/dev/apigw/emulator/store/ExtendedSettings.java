package dev.apigw.emulator.store;

import dev.apigw.emulator.lifecycle.Lifecycle;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The product's extended settings ({@code extendedKeys}, string values), kept in the store as the settings document
 * {@code extendedSettings} and cached here so readers on any thread see the latest without a store call. The cache
 * follows changes made through this node and, via the store's change feed, through others.
 */
public final class ExtendedSettings implements Lifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(ExtendedSettings.class);
    public static final String ID = "extendedSettings";
    public static final String QUOTA_SURVIVAL_INTERVAL = "pgmen.quotaSurvival.interval";
    /** Built-in values, reported under {@code allSettings}; stored keys override them. */
    public static final Map<String, String> DEFAULTS = Map.of(QUOTA_SURVIVAL_INTERVAL, "60",
        "apig_MENConfiguration_tickInterval", "60", "apiKeyHeader", "x-Gateway-APIKey");

    private final AssetStore store;
    private final AtomicReference<JsonObject> preferred = new AtomicReference<>(new JsonObject());

    public ExtendedSettings(AssetStore store) {
        this.store = store;
        store.onChange(change -> {
            if (change.type() == null || (change.type() == AssetType.SETTINGS && ID.equals(change.id()))) reload();
        });
    }

    /** Loads the stored keys; completes when the cache holds them. */
    @Override
    public Future<Void> start() {
        return reload();
    }

    /**
     * Loads the stored keys again; completes when the cache holds them. A stored document of the wrong shape (an older
     * version, a hand-edited file) is read as no keys, with a warning: the node still starts on the defaults.
     */
    public Future<Void> reload() {
        return store.get(AssetType.SETTINGS, ID).map(doc -> {
            if (doc == null) return null;
            JsonObject keys = new JsonObject();
            if (doc.getValue("extendedKeys") instanceof JsonObject stored) {
                stored.forEach(e -> {
                    if (e.getValue() != null && !(e.getValue() instanceof JsonObject) && !(e.getValue() instanceof JsonArray)) {
                        keys.put(e.getKey(), e.getValue().toString());
                    }
                });
            } else {
                LOG.warn("settings {}: 'extendedKeys' is not an object; using the defaults", ID);
            }
            preferred.set(keys);
            return null;
        });
    }

    /** Keys set explicitly (the product's {@code preferredSettings.extendedKeys}). */
    public JsonObject preferred() {
        return preferred.get().copy();
    }

    /** Defaults overridden by the stored keys. */
    public JsonObject all() {
        JsonObject all = new JsonObject();
        DEFAULTS.forEach(all::put);
        return all.mergeIn(preferred.get());
    }

    public String get(String key) {
        return all().getString(key);
    }

    /** Merges the given keys into the stored ones (only changed keys are sent, as with the product). */
    public Future<Void> update(JsonObject keys) {
        JsonObject merged = preferred.get().copy().mergeIn(keys);
        return store.put(AssetType.SETTINGS, ID, new JsonObject().put("extendedKeys", merged))
            .onSuccess(v -> preferred.set(merged));
    }
}
