package dev.apigw.emulator.ratelimit;

import io.vertx.core.Future;
import java.util.function.LongSupplier;

/**
 * Token buckets in this node's memory, the same semantics as {@link RedisTokenBucketLimiter}: a bucket holds up to
 * {@code limit} tokens and refills at {@code limit / windowMillis} per millisecond, so traffic is smoothed rather
 * than cut at window edges. Each decision is one atomic {@code compute} on the key, across event loops. At most
 * {@code maxEntries} buckets are kept, each forgotten once it is full again ({@link ExpiringCounters}).
 */
public final class LocalTokenBucketLimiter implements RateLimiter {
    /** {@code fullAt}: when the bucket is full again if untouched, so it can be forgotten. */
    private record Bucket(double tokens, long at, long fullAt) {
    }

    private final ExpiringCounters<Bucket> buckets;
    private final LongSupplier clock;

    public LocalTokenBucketLimiter() {
        this(LocalFixedWindowLimiter.DEFAULT_MAX_ENTRIES);
    }

    public LocalTokenBucketLimiter(int maxEntries) {
        this(System::currentTimeMillis, maxEntries);
    }

    LocalTokenBucketLimiter(LongSupplier clock) {
        this(clock, LocalFixedWindowLimiter.DEFAULT_MAX_ENTRIES);
    }

    LocalTokenBucketLimiter(LongSupplier clock, int maxEntries) {
        this.clock = clock;
        this.buckets = new ExpiringCounters<>(maxEntries, b -> b.fullAt() + (System.currentTimeMillis() - clock.getAsLong()));
    }

    /** Forgets every bucket (an emulator reset). */
    void clear() {
        buckets.clear();
    }

    @Override
    public Future<Decision> acquire(String key, long limit, long windowMillis) {
        return Future.succeededFuture(decide(key, limit, windowMillis, 1, false));
    }

    @Override
    public Future<Decision> record(String key, long limit, long windowMillis, long hits) {
        return Future.succeededFuture(decide(key, limit, windowMillis, hits, true));
    }

    Decision decide(String key, long limit, long windowMillis, long cost, boolean force) {
        long now = clock.getAsLong();
        double rate = (double) limit / windowMillis;
        boolean[] allowed = new boolean[1];
        Bucket b = buckets.map().compute(key, (k, cur) -> {
            double tokens = cur == null ? limit : Math.min(limit, cur.tokens + Math.max(0, now - cur.at) * rate);
            allowed[0] = force || tokens >= cost;
            double left = allowed[0] ? tokens - cost : tokens;
            return new Bucket(left, now, now + (long) Math.ceil((limit - left) / rate));
        });
        long missing = allowed[0] ? Math.max(0, (long) Math.ceil(limit - b.tokens)) : Math.max(1, (long) Math.ceil(cost - b.tokens));
        return new Decision(allowed[0], limit, Math.max(0, (long) Math.floor(b.tokens)), (long) Math.ceil(missing / rate));
    }
}
