package dev.apigw.emulator.ratelimit;

import io.vertx.core.Future;
import java.util.function.LongSupplier;

/**
 * Fixed windows in this node's memory, the same semantics as {@link RedisFixedWindowLimiter}: a window opens at the
 * first request and lasts {@code windowMillis}; rejected requests are not counted. Each decision is one atomic
 * {@code compute} on the key, across event loops. At most {@code maxEntries} windows are kept, each forgotten when
 * it ends ({@link ExpiringCounters}).
 */
public final class LocalFixedWindowLimiter implements RateLimiter {
    private record Window(long start, long end, long count) {
    }

    static final int DEFAULT_MAX_ENTRIES = 500_000;
    private final ExpiringCounters<Window> windows;
    private final LongSupplier clock;

    public LocalFixedWindowLimiter() {
        this(LocalFixedWindowLimiter.DEFAULT_MAX_ENTRIES);
    }

    public LocalFixedWindowLimiter(int maxEntries) {
        this(System::currentTimeMillis, maxEntries);
    }

    LocalFixedWindowLimiter(LongSupplier clock) {
        this(clock, DEFAULT_MAX_ENTRIES);
    }

    LocalFixedWindowLimiter(LongSupplier clock, int maxEntries) {
        this.clock = clock;
        // the clock may be a test's: expiry only frees memory, decisions compare with the window's end themselves
        this.windows = new ExpiringCounters<>(maxEntries, w -> w.end() + (System.currentTimeMillis() - clock.getAsLong()));
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
        Window w = windows.map().compute(key, (k, cur) -> {
            Window live = cur == null || now >= cur.end ? new Window(now, now + windowMillis, 0) : cur;
            allowed[0] = force || live.count + cost <= limit;
            return allowed[0] ? new Window(live.start, live.end, live.count + cost) : live;
        });
        return new Decision(allowed[0], limit, Math.max(0, limit - w.count), w.end - now);
    }

    /** Windows held now (approximate). */
    long size() {
        windows.cleanUp();
        return windows.size();
    }
}
