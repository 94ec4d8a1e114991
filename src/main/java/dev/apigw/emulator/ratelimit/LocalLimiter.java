package dev.apigw.emulator.ratelimit;

import io.vertx.core.Future;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;

/**
 * What the in-memory limiters share: a clock, at most {@code maxEntries} states by key, each forgotten once it
 * expires ({@link ExpiringCounters}), and decisions made at once, each one atomic {@code compute} on its key, so
 * safe across event loops. Subclasses say how a state decides and when it expires.
 *
 * @param <S> the immutable state kept per key
 */
abstract sealed class LocalLimiter<S> implements RateLimiter permits LocalFixedWindowLimiter, LocalTokenBucketLimiter {
    static final int DEFAULT_MAX_ENTRIES = 500_000;

    final ExpiringCounters<S> states;
    final LongSupplier clock;

    /** @param expiresAt when a state, untouched, means nothing any more (on {@code clock}'s time line) */
    LocalLimiter(LongSupplier clock, int maxEntries, ToLongFunction<S> expiresAt) {
        this.clock = clock;
        // the clock may be a test's: expiry only frees memory, decisions compare with the clock themselves
        this.states = new ExpiringCounters<>(maxEntries,
            s -> expiresAt.applyAsLong(s) + (System.currentTimeMillis() - clock.getAsLong()));
    }

    /** One decision on {@code key}: {@code force} counts the cost even when over the limit (a recorded hit). */
    abstract Decision decide(String key, long limit, long windowMillis, long cost, boolean force);

    /** Forgets every state (an emulator reset). */
    void clear() {
        states.clear();
    }

    @Override
    public Future<Decision> acquire(String key, long limit, long windowMillis) {
        return Future.succeededFuture(decide(key, limit, windowMillis, 1, false));
    }

    @Override
    public Future<Decision> record(String key, long limit, long windowMillis, long hits) {
        return Future.succeededFuture(decide(key, limit, windowMillis, hits, true));
    }

    /** States held now (approximate). */
    long size() {
        states.cleanUp();
        return states.size();
    }
}
