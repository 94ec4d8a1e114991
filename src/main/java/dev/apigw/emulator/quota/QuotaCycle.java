package dev.apigw.emulator.quota;

import io.vertx.core.json.JsonObject;

/**
 * One application's counts in its current quota cycle, as persisted ({@code startTime, successCount,
 * failureCount}). A cycle starts at the first counted request and ends {@code intervalMillis} later; reading or
 * adding after the end starts the cycle in which {@code now} falls.
 */
record QuotaCycle(long startTime, long successCount, long failureCount) {

    static QuotaCycle fromJson(JsonObject json) {
        return json == null ? null : new QuotaCycle(json.getLong("startTime", 0L), json.getLong("successCount", 0L),
            json.getLong("failureCount", 0L));
    }

    JsonObject toJson() {
        return new JsonObject().put("startTime", startTime).put("successCount", successCount).put("failureCount", failureCount);
    }

    /** This cycle, or the one {@code now} falls in with no counts when it has ended. */
    QuotaCycle at(long now, long intervalMillis) {
        if (intervalMillis <= 0 || now < startTime + intervalMillis) return this;
        long elapsed = (now - startTime) / intervalMillis;
        return new QuotaCycle(startTime + elapsed * intervalMillis, 0, 0);
    }

    QuotaCycle plus(long success, long failure) {
        return new QuotaCycle(startTime, successCount + success, failureCount + failure);
    }
}
