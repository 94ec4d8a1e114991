package dev.apigw.emulator.ratelimit;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether Redis is answering rate-limit calls, shared by every event loop. Redis is judged down only after
 * {@code downAfterFailures} failed calls in a row (no answered call between them), and, when those failures are
 * timeouts, only once the streak has lasted {@code downAfterMs}: a burst of slow answers under CPU load (a fresh
 * node, a GC pause) is a blip, not an outage, while a refused connection is definite at once. While down, decisions
 * skip Redis and a timer PINGs it every {@code probeMs}; the first answer marks it up again and runs the recovery
 * action (the replay of counts taken meanwhile). State changes are atomic; the probe never blocks.
 */
public final class RedisAvailability {
    private static final Logger LOG = LoggerFactory.getLogger(RedisAvailability.class);
    private final Vertx vertx;
    private final Redis redis;
    private final long probeMs;
    private final long timeoutMs;
    private final int downAfterFailures;
    private final long downAfterMs;
    private final AtomicBoolean up = new AtomicBoolean(true);
    private final AtomicInteger failuresInARow = new AtomicInteger();
    private final AtomicLong streakStart = new AtomicLong();
    private volatile Runnable onRecovered = () -> { };

    public RedisAvailability(Vertx vertx, Redis redis, long probeMs, long timeoutMs, int downAfterFailures, long downAfterMs) {
        this.vertx = vertx;
        this.redis = redis;
        this.probeMs = probeMs;
        this.timeoutMs = Math.max(timeoutMs, probeMs);
        this.downAfterFailures = downAfterFailures;
        this.downAfterMs = downAfterMs;
    }

    public boolean isUp() {
        return up.get();
    }

    void onRecovered(Runnable action) {
        this.onRecovered = action;
    }

    /** Records an answered call: the streak of failures, if any, is over. */
    void succeeded() {
        if (failuresInARow.get() != 0) {
            failuresInARow.set(0);
            streakStart.set(0);
        }
    }

    /** A timeout leaves the call in doubt: it was written on a live connection, and Redis runs it when it can. */
    static boolean inDoubt(Throwable cause) {
        return cause instanceof TimeoutException || String.valueOf(cause.getMessage()).startsWith("Timeout");
    }

    /** Records a failed call; answers whether Redis is now judged down (the caller then applies onStoreError). */
    boolean failed(Throwable cause) {
        long now = System.currentTimeMillis();
        streakStart.compareAndSet(0, now);
        int n = failuresInARow.incrementAndGet();
        boolean longEnough = !inDoubt(cause) || now - streakStart.get() >= downAfterMs;
        if (n >= downAfterFailures && longEnough) markDown(cause);
        return !up.get();
    }

    /** Marks Redis down; the first call after a healthy period starts probing. */
    void markDown(Throwable cause) {
        if (up.compareAndSet(true, false)) {
            LOG.warn("Redis is not answering rate-limit calls ({} failed in a row: {}); deciding without it",
                failuresInARow.get(), cause.getMessage());
            schedule();
        }
    }

    private void schedule() {
        vertx.setTimer(probeMs, id -> redis.send(Request.cmd(Command.PING)).timeout(timeoutMs, TimeUnit.MILLISECONDS)
            .onSuccess(r -> {
                succeeded();
                if (up.compareAndSet(false, true)) {
                    LOG.info("Redis answers rate-limit calls again; reconciling counts taken meanwhile");
                    onRecovered.run();
                }
            })
            .onFailure(err -> schedule()));
    }
}
