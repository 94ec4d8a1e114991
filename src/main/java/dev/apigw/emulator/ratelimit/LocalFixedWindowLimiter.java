package dev.apigw.emulator.ratelimit;

import java.util.function.LongSupplier;

/**
 * Fixed windows in this node's memory, the same semantics as {@link RedisFixedWindowLimiter}: a window opens at the
 * first request and lasts {@code windowMillis}; rejected requests are not counted. Each decision is one atomic
 * {@code compute} on the key, across event loops. At most {@code maxEntries} windows are kept, each forgotten when
 * it ends ({@link ExpiringCounters}).
 */
public final class LocalFixedWindowLimiter extends LocalLimiter<LocalFixedWindowLimiter.Window> {
    record Window(long start, long end, long count) {
    }

    public LocalFixedWindowLimiter() {
        this(DEFAULT_MAX_ENTRIES);
    }

    public LocalFixedWindowLimiter(int maxEntries) {
        this(System::currentTimeMillis, maxEntries);
    }

    LocalFixedWindowLimiter(LongSupplier clock) {
        this(clock, DEFAULT_MAX_ENTRIES);
    }

    LocalFixedWindowLimiter(LongSupplier clock, int maxEntries) {
        super(clock, maxEntries, Window::end);
    }

    @Override
    Decision decide(String key, long limit, long windowMillis, long cost, boolean force) {
        long now = clock.getAsLong();
        boolean[] allowed = new boolean[1];
        Window w = states.map().compute(key, (k, cur) -> {
            Window live = cur == null || now >= cur.end ? new Window(now, now + windowMillis, 0) : cur;
            allowed[0] = force || live.count + cost <= limit;
            return allowed[0] ? new Window(live.start, live.end, live.count + cost) : live;
        });
        return new Decision(allowed[0], limit, Math.max(0, limit - w.count), w.end - now);
    }
}
