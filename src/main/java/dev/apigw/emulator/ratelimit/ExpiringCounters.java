package dev.apigw.emulator.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;

/**
 * The in-memory state of a local limiter: at most {@code maxEntries} entries, each forgotten when its window ends (a
 * fixed window's end, the moment a token bucket is full again). Caffeine expires and evicts in amortised constant
 * time with a timer wheel, so nothing on the request path scans the map however many clients came and went.
 * Maintenance runs on the calling thread (never blocks). {@link #map()} gives atomic {@code compute} per key.
 */
final class ExpiringCounters<V> {
    private final Cache<String, V> cache;

    /** @param expiresAt the wall-clock millisecond at which an entry may be forgotten */
    ExpiringCounters(int maxEntries, ToLongFunction<V> expiresAt) {
        this.cache = Caffeine.newBuilder().maximumSize(maxEntries).executor(Runnable::run)
            .expireAfter(new Expiry<String, V>() {
                @Override
                public long expireAfterCreate(String key, V value, long currentTime) {
                    return nanosUntil(expiresAt.applyAsLong(value));
                }

                @Override
                public long expireAfterUpdate(String key, V value, long currentTime, long currentDuration) {
                    return nanosUntil(expiresAt.applyAsLong(value));
                }

                @Override
                public long expireAfterRead(String key, V value, long currentTime, long currentDuration) {
                    return currentDuration;
                }
            }).build();
    }

    private static long nanosUntil(long epochMillis) {
        // a second of grace: an entry is never forgotten while a request near the window's end still reads it
        return TimeUnit.MILLISECONDS.toNanos(Math.max(0, epochMillis - System.currentTimeMillis()) + 1_000);
    }

    ConcurrentMap<String, V> map() {
        return cache.asMap();
    }

    long size() {
        return cache.estimatedSize();
    }

    void cleanUp() {
        cache.cleanUp();
    }

    /** Forgets every entry (an emulator reset). */
    void clear() {
        cache.invalidateAll();
    }
}
