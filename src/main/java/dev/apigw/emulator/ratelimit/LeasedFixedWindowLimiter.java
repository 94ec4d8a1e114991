package dev.apigw.emulator.ratelimit;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.redis.client.Response;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A strict fixed-window limit shared through Redis that rarely calls Redis: a node leases a batch of permits from the
 * shared window with one script call and spends them in memory; it tops the batch up when half of it is spent (and
 * waits for Redis only when the batch ran dry first, or a new window began). Batches
 * shrink as the window fills ({@code remaining / (2 × clusterNodes)}, at most {@code maxLease}), down to one permit
 * per call near the limit, so the last permits go one request at a time.
 *
 * <p><b>Never over the limit:</b> Redis grants permits atomically and each is spent once, so the requests admitted in
 * a window across all nodes never exceed the limit. <b>The price is undershoot:</b> permits leased by a node that then
 * sees no more requests in that window are lost with the window; the worst case is the unspent batches of the other
 * nodes, at most {@code (clusterNodes - 1) × maxLease} per window (and a node that dies loses its batch). A single
 * client sees the limit exactly. A request that finds the batch spent by others several times in a row is decided
 * exactly, with one per-request call. When Redis fails, permits already leased are still spent (still strict);
 * further decisions follow {@code onStoreError}. A window whose permits are all granted is refused locally until it ends, so
 * rejected traffic costs no Redis call either. Same keys and script semantics as {@link RedisFixedWindowLimiter}.
 */
final class LeasedFixedWindowLimiter implements RateLimiter {
    /** Grants up to {@code want} (ARGV[3]) of what is left in the window; also returns the window's start. */
    static final String SCRIPT = RedisFixedWindowLimiter.WINDOW + """
        local want = tonumber(ARGV[3])
        local grant = math.max(0, math.min(want, limit - count))
        if grant > 0 then
          count = count + grant
          redis.call('HSET', KEYS[1], 's', start, 'c', count)
          redis.call('PEXPIREAT', KEYS[1], start + window + 1000)
        end
        return {grant, count, start + window - now, start}
        """;
    /** A lease ends this much before the window it came from, so a permit is never spent in the next window. */
    private static final long MARGIN_NANOS = 5_000_000;
    private static final int MAX_RETRIES = 3;

    private final RedisScript lease;
    private final RateLimiter exact;
    private final long maxLease;
    private final int nodes;
    private final Map<String, Lease> leases = new ConcurrentHashMap<>();
    /** When the map grows past this, ended leases are dropped (at most once a second, on a refill). */
    private static final int SWEEP_ABOVE = 10_000;
    private final AtomicLong lastSweep = new AtomicLong();

    LeasedFixedWindowLimiter(RedisPipelines redis, RateLimiter exact, long timeoutMs, long maxLease, int clusterNodes) {
        this.lease = new RedisScript(redis, SCRIPT, timeoutMs);
        this.exact = exact;
        this.maxLease = maxLease;
        this.nodes = Math.max(1, clusterNodes);
    }

    @Override
    public Future<Decision> acquire(String key, long limit, long windowMillis) {
        Lease l = leases.get(key);
        if (l == null) l = leases.computeIfAbsent(key, k -> new Lease());
        Decision local = l.take(limit);
        if (local != null) {
            if (local.allowed()) topUpIfLow(key, l, limit, windowMillis);
            return Future.succeededFuture(local);
        }
        sweepIfLarge();
        return refillThenTake(key, l, limit, windowMillis, MAX_RETRIES);
    }

    /**
     * Asks for the next permits while half of the batch is still there, so requests do not queue behind a Redis
     * round trip at every batch boundary (under load that wait idled the event loop). It asks only for what tops the
     * batch up to {@link #want}, so a node never holds more than one batch and the worst-case undershoot is unchanged;
     * it costs about one more call per batch. A failed top-up changes nothing: the batch empties and the next request
     * refills as before, under {@code onStoreError}.
     */
    private void topUpIfLow(String key, Lease l, long limit, long windowMillis) {
        long held = l.permits.get();
        // field reads first: most requests stop here, before want() reads the clock (a batch is at most maxLease)
        if (held * 2 > maxLease || l.full || l.refilling.get() != null) return;
        long want = want(l, limit);
        if (held * 2 > want || !l.live()) return;
        l.refill(() -> lease.run(key, limit, windowMillis, want - held));
    }

    /** Bounds the map by the keys with a live window; runs off the common path (a refill calls Redis anyway). */
    private void sweepIfLarge() {
        long now = System.nanoTime();
        long last = lastSweep.get();
        if (leases.size() <= SWEEP_ABOVE || now - last < 1_000_000_000L || !lastSweep.compareAndSet(last, now)) return;
        leases.values().removeIf(l -> !l.live() && l.refilling.get() == null);
    }

    /** Handing back requests admitted while Redis was away counts them exactly, as the plain limiter does. */
    @Override
    public Future<Decision> record(String key, long limit, long windowMillis, long hits) {
        return exact.record(key, limit, windowMillis, hits);
    }

    private Future<Decision> refillThenTake(String key, Lease l, long limit, long windowMillis, int retries) {
        return l.refill(() -> lease.run(key, limit, windowMillis, want(l, limit))).compose(v -> {
            Decision d = l.take(limit);
            // the window's verdict (full) may have come after that look, with permits granted just before it
            if (d == null && l.exhausted()) d = l.take(limit);
            if (d != null) return Future.succeededFuture(d);
            // other requests spent the batch first; under heavy contention, decide this one exactly
            if (retries == 0) return exactly(key, l, limit, windowMillis);
            return refillThenTake(key, l, limit, windowMillis, retries - 1);
        });
    }

    /**
     * Decides one request with a per-request call. Refused there, it looks at this node's batch once more (after the
     * refill in flight, if any): the window's last permits may be sitting in that batch, leased while this request
     * was waiting, and no other request may come to spend them.
     */
    private Future<Decision> exactly(String key, Lease l, long limit, long windowMillis) {
        return exact.acquire(key, limit, windowMillis).compose(d -> {
            if (d.allowed()) return Future.succeededFuture(d);
            Future<Void> inFlight = l.refilling.get();
            return (inFlight == null ? Future.<Void>succeededFuture() : inFlight.otherwiseEmpty()).map(v -> {
                Decision local = l.take(limit);
                return local != null && local.allowed() ? local : d;
            });
        });
    }

    /** A batch that leaves room for the other nodes: a share of what remains, one permit near the limit. */
    private long want(Lease l, long limit) {
        long remaining = l.live() ? limit - l.count : limit;
        return Math.max(1, Math.min(maxLease, remaining / (2L * nodes)));
    }

    /** Forgets every batch (an emulator reset clears the shared windows too). */
    void clear() {
        leases.clear();
    }

    /** Keys with a lease on this node (ended ones until the next sweep). */
    int size() {
        return leases.size();
    }

    /** One key's batch on this node. Permits are taken lock-free; one refill at a time is in flight per key. */
    private static final class Lease {
        final AtomicLong permits = new AtomicLong();
        final AtomicReference<Future<Void>> refilling = new AtomicReference<>();
        volatile long endNanos;
        volatile long windowStart = -1;
        volatile long count;
        volatile boolean full;

        boolean live() {
            return System.nanoTime() < endNanos;
        }

        boolean exhausted() {
            return full && live();
        }

        /** A permit of the live batch, or null when none is left (or the window ended). */
        Decision take(long limit) {
            long now = System.nanoTime(); // once: whether the batch is live and how long it has left
            if (now >= endNanos) return null;
            // read before the permits: a refill writes its permits before its verdict, so a window seen full here
            // has every permit it granted visible below, and refusing when none is left loses none of them
            boolean wasFull = full;
            for (long p = permits.get(); p > 0; p = permits.get()) {
                if (permits.compareAndSet(p, p - 1)) {
                    return new Decision(true, limit, Math.max(0, limit - count + p - 1), remainingMillis(now));
                }
            }
            return wasFull ? new Decision(false, limit, 0, remainingMillis(now)) : null;
        }

        private long remainingMillis(long now) {
            return Math.max(0, (endNanos - now) / 1_000_000);
        }

        /** Joins the refill in flight, or starts one with {@code call}. */
        Future<Void> refill(java.util.function.Supplier<Future<Response>> call) {
            Promise<Void> mine = Promise.promise();
            if (!refilling.compareAndSet(null, mine.future())) {
                Future<Void> running = refilling.get();
                return running != null ? running : refill(call);
            }
            call.get().onComplete(ar -> {
                if (ar.succeeded()) apply(ar.result());
                refilling.set(null);
                if (ar.succeeded()) mine.complete();
                else mine.fail(ar.cause());
            });
            return mine.future();
        }

        private void apply(Response r) {
            long grant = r.get(0).toLong();
            long reset = Math.max(0, r.get(2).toLong());
            long start = r.get(3).toLong();
            if (start == windowStart) permits.addAndGet(grant);
            else permits.set(grant); // a new window: whatever was left of the old one is gone with it
            windowStart = start;
            count = r.get(1).toLong();
            full = grant == 0;
            endNanos = System.nanoTime() + reset * 1_000_000 - MARGIN_NANOS;
        }
    }
}
