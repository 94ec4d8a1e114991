package dev.apigw.emulator.ratelimit;

import java.util.function.LongSupplier;

/**
 * Token buckets in this node's memory, the same semantics as {@link RedisTokenBucketLimiter}: a bucket holds up to
 * {@code limit} tokens and refills at {@code limit / windowMillis} per millisecond, so traffic is smoothed rather
 * than cut at window edges. Each decision is one atomic {@code compute} on the key, across event loops. At most
 * {@code maxEntries} buckets are kept, each forgotten once it is full again ({@link ExpiringCounters}).
 */
public final class LocalTokenBucketLimiter extends LocalLimiter<LocalTokenBucketLimiter.Bucket> {
    /** {@code fullAt}: when the bucket is full again if untouched, so it can be forgotten. */
    record Bucket(double tokens, long at, long fullAt) {
    }

    public LocalTokenBucketLimiter(int maxEntries) {
        this(System::currentTimeMillis, maxEntries);
    }

    LocalTokenBucketLimiter(LongSupplier clock) {
        this(clock, DEFAULT_MAX_ENTRIES);
    }

    LocalTokenBucketLimiter(LongSupplier clock, int maxEntries) {
        super(clock, maxEntries, Bucket::fullAt);
    }

    @Override
    Decision decide(String key, long limit, long windowMillis, long cost, boolean force) {
        long now = clock.getAsLong();
        double rate = (double) limit / windowMillis;
        boolean[] allowed = new boolean[1];
        Bucket b = states.map().compute(key, (k, cur) -> {
            double tokens = cur == null ? limit : Math.min(limit, cur.tokens + Math.max(0, now - cur.at) * rate);
            allowed[0] = force || tokens >= cost;
            double left = allowed[0] ? tokens - cost : tokens;
            return new Bucket(left, now, now + (long) Math.ceil((limit - left) / rate));
        });
        long missing = allowed[0] ? Math.max(0, (long) Math.ceil(limit - b.tokens)) : Math.max(1, (long) Math.ceil(cost - b.tokens));
        return new Decision(allowed[0], limit, Math.max(0, (long) Math.floor(b.tokens)), (long) Math.ceil(missing / rate));
    }
}
