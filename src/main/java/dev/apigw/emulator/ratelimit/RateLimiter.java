package dev.apigw.emulator.ratelimit;

import io.vertx.core.Future;

/**
 * One counter store for throttles: every call is one atomic decision for one key, so concurrent requests on any
 * event loop or node never overshoot. Implementations are thread-safe and never block; a failure of the backing
 * store (Redis down, timeout) fails the future, and callers choose what that means ({@code onStoreError}).
 */
public interface RateLimiter {

    /**
     * Counts one request against {@code key} if it fits: at most {@code limit} per {@code windowMillis}.
     * A rejected request is not counted.
     */
    Future<Decision> acquire(String key, long limit, long windowMillis);

    /**
     * Adds {@code hits} to the key's current window unconditionally: used to hand requests admitted while the
     * store was away back to it, so nothing counted is lost.
     */
    Future<Decision> record(String key, long limit, long windowMillis, long hits);

    /** The outcome of one decision: what to do and what to tell the client in the rate-limit headers. */
    record Decision(boolean allowed, long limit, long remaining, long resetMillis) {
        /** Whole seconds until the window resets (or a token returns), at least 1: the Retry-After value. */
        public long retryAfterSeconds() {
            return Math.max(1, (resetMillis + 999) / 1000);
        }
    }
}
