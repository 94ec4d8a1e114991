package dev.apigw.emulator.store;

import io.vertx.core.json.JsonObject;

/**
 * Which shared-store paths an emulator fault declares unavailable: assets, tokens, rate limits. The paths read one
 * volatile field per call; with nothing set, they behave exactly as without this class. Thread-safe.
 */
public final class SimulatedOutage {
    private volatile boolean assets;
    private volatile boolean tokens;
    private volatile boolean rateLimit;

    public boolean assets() {
        return assets;
    }

    public boolean tokens() {
        return tokens;
    }

    public boolean rateLimit() {
        return rateLimit;
    }

    public void set(boolean assets, boolean tokens, boolean rateLimit) {
        this.assets = assets;
        this.tokens = tokens;
        this.rateLimit = rateLimit;
    }

    public void clear() {
        set(false, false, false);
    }

    public JsonObject json() {
        return new JsonObject().put("assets", assets).put("tokens", tokens).put("rateLimit", rateLimit);
    }

    /** The failure a path reports while its store is declared unavailable. */
    public static StoreUnavailableException failure(String path) {
        return new StoreUnavailableException("the data store is unavailable (" + path + " outage simulated by an emulator fault)", null);
    }
}
