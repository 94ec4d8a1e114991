package dev.apigw.emulator.ratelimit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Requests admitted that Redis never counted (decided without it, or whose call never reached it), per limit,
 * waiting to be added to Redis when it answers again, so a limit shared by nodes still sees each of them exactly
 * once. Calls that timed out on a live connection are not here: Redis runs those itself when it resumes. Shared by
 * every event loop; one replay at a time; a replay that fails puts its hits back.
 */
final class PendingHits {
    private record Limit(Algorithm algorithm, String key, long limit, long windowMillis) {
    }

    private final Map<Limit, LongAdder> hits = new ConcurrentHashMap<>();
    private final AtomicBoolean replaying = new AtomicBoolean();

    void clear() {
        hits.clear();
    }

    void add(Algorithm algorithm, String key, long limit, long windowMillis) {
        hits.computeIfAbsent(new Limit(algorithm, key, limit, windowMillis), k -> new LongAdder()).increment();
    }

    boolean isEmpty() {
        return hits.isEmpty();
    }

    long total() {
        return hits.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Sends every pending count with {@link RateLimiter#record}, unless a replay is under way; failures are kept. */
    void replay(Map<Algorithm, RateLimiter> limiters, Consumer<Throwable> onFailure) {
        if (hits.isEmpty() || !replaying.compareAndSet(false, true)) return;
        try {
            for (Limit l : hits.keySet()) {
                LongAdder adder = hits.remove(l);
                long n = adder == null ? 0 : adder.sumThenReset();
                if (n == 0) continue;
                limiters.get(l.algorithm()).record(l.key(), l.limit(), l.windowMillis(), n).onFailure(err -> {
                    hits.computeIfAbsent(l, k -> new LongAdder()).add(n);
                    onFailure.accept(err);
                });
            }
        } finally {
            replaying.set(false);
        }
    }
}
