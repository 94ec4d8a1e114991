package dev.apigw.emulator;

import io.vertx.core.json.JsonObject;

/**
 * What a node can still do while its data store is impaired, as the health endpoints show it: one entry per
 * capability, {@code green} when it works, {@code yellow} when it works from what this node already holds,
 * {@code red} when it is refused (with the reason clients get). The rows follow the seed documents on losing quorum
 * (see docs/redis-topologies.md): traffic and validation of known credentials go on; publishing, issuing and
 * sharing stop.
 */
final class StoreCapabilities {
    private StoreCapabilities() {
    }

    /**
     * @param store      the data store's health ({@code status}, and {@code subscribed} for Redis)
     * @param redis      whether the store is a shared Redis (an embedded store has no change feed)
     * @param rateLimits the rate-limit check's data ({@code status}, {@code onStoreError})
     */
    static JsonObject of(JsonObject store, boolean redis, JsonObject rateLimits) {
        boolean up = !"red".equals(store.getString("status"));
        if (!redis && !up) return embeddedDown(store.getString("error", "the embedded store cannot write"));
        boolean feed = !redis || (up && store.getBoolean("subscribed", false));
        String down = "the data store does not answer";
        JsonObject caps = new JsonObject()
            .put("runtimeTraffic", row("green", "served from this node's route table"))
            .put("designTimeReads", up ? ok() : row("red", "refused with 503: " + down))
            .put("designTimeWrites", up ? ok() : row("red", "refused with 503 (API publication included): " + down))
            .put("tokenIssue", up ? ok() : row("red", "refused with 503: tokens cannot be stored"))
            .put("tokenValidation", up ? ok()
                : row("yellow", "tokens this node validated before, and JWTs; other tokens get 503"))
            .put("jwtIssue", row("green", "signed with the key pair this node holds"))
            .put("revocation", feed ? ok() : up ? row("yellow", "stored, but revocations made on other nodes arrive "
                + "once the change feed is back (then every cached token is checked again)")
                : row("red", "refused with 503: cannot be stored or shared"))
            .put("rateLimits", "yellow".equals(rateLimits.getString("status")) || (redis && !up)
                ? row("yellow", "decided on this node by each throttle's onStoreError (default "
                    + rateLimits.getString("onStoreError") + "), counts handed back when Redis answers")
                : ok())
            .put("quotaCounters", up ? ok() : row("yellow", "counted on this node, written when the store answers"))
            .put("metricsPublishing", up ? ok() : row("yellow", "kept on this node, published when the store answers"));
        if (redis) {
            caps.put("changeFeed", feed ? ok() : row(up ? "yellow" : "red",
                "changes made on other nodes arrive when the subscription is restored (then everything is reloaded)"));
        }
        return caps;
    }

    /**
     * An embedded store that cannot write (its data directory gone): everything is served from this node's memory,
     * only what must be written first (design-time changes) is refused; the rest is kept and written once it can be.
     */
    private static JsonObject embeddedDown(String why) {
        JsonObject memory = row("yellow", "served from this node's memory");
        JsonObject kept = row("yellow", "kept in this node's memory, written when the store can write again");
        return new JsonObject().put("runtimeTraffic", row("green", "served from this node's route table"))
            .put("designTimeReads", memory)
            .put("designTimeWrites", row("red", "refused with 503: " + why))
            .put("tokenIssue", kept).put("tokenValidation", ok()).put("jwtIssue", ok()).put("revocation", kept)
            .put("rateLimits", ok()).put("quotaCounters", kept)
            .put("metricsPublishing", row("yellow", "kept on this node, published when the store can write again"));
    }

    private static JsonObject ok() {
        return new JsonObject().put("status", "green");
    }

    private static JsonObject row(String status, String detail) {
        return new JsonObject().put("status", status).put("detail", detail);
    }
}
