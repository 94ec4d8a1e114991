package dev.apigw.emulator.ratelimit;

import io.vertx.core.Future;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Fixed windows in this node's memory, the same semantics as {@link RedisFixedWindowLimiter}: a window opens at the
 * first request and lasts {@code windowMillis}; rejected requests are not counted. Each decision runs inside
 * {@link ConcurrentHashMap#compute}, so it is atomic across event loops.
 */
public final class LocalFixedWindowLimiter implements RateLimiter {
    private record Window(long start, long end, long count) {
    }

    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final LongSupplier clock;

    public LocalFixedWindowLimiter() {
        this(System::currentTimeMillis);
    }

    LocalFixedWindowLimiter(LongSupplier clock) {
        this.clock = clock;
    }

    /** Forgets every window (an emulator reset). */
    void clear() {
        windows.clear();
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
        boolean[] allowed = new boolean[1];
        Window w = windows.compute(key, (k, cur) -> {
            Window live = cur == null || now >= cur.end ? new Window(now, now + windowMillis, 0) : cur;
            allowed[0] = force || live.count + cost <= limit;
            return allowed[0] ? new Window(live.start, live.end, live.count + cost) : live;
        });
        if (windows.size() > 10_000) purge(now);
        return new Decision(allowed[0], limit, Math.max(0, limit - w.count), w.end - now);
    }

    /** Drops windows that ended, so keys of clients gone away do not pile up. */
    private void purge(long now) {
        windows.entrySet().removeIf(e -> now >= e.getValue().end);
    }
}
