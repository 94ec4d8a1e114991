package dev.apigw.emulator.ratelimit;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether Redis is answering rate-limit calls, shared by every event loop. The first failed call marks it down, so
 * later decisions fail fast instead of each waiting for a timeout; while down, a timer PINGs it every
 * {@code probeMs} (each PING opens a fresh pooled connection), and the first answer marks it up again and runs the
 * recovery action (reconciliation of counts taken meanwhile). State changes are atomic; the probe never blocks.
 */
public final class RedisAvailability {
    private static final Logger LOG = LoggerFactory.getLogger(RedisAvailability.class);
    private final Vertx vertx;
    private final Redis redis;
    private final long probeMs;
    private final long timeoutMs;
    /** A few slow answers in a row are a load spike (GC, a busy CPU), not an outage: only then mark Redis down. */
    static final int TIMEOUTS_BEFORE_DOWN = 3;
    private final AtomicBoolean up = new AtomicBoolean(true);
    private final AtomicInteger timeoutsInARow = new AtomicInteger();
    private volatile Runnable onRecovered = () -> { };

    public RedisAvailability(Vertx vertx, Redis redis, long probeMs, long timeoutMs) {
        this.vertx = vertx;
        this.redis = redis;
        this.probeMs = probeMs;
        this.timeoutMs = Math.max(timeoutMs, probeMs);
    }

    public boolean isUp() {
        return up.get();
    }

    void onRecovered(Runnable action) {
        this.onRecovered = action;
    }

    /** Records an answered call. */
    void succeeded() {
        if (timeoutsInARow.get() != 0) timeoutsInARow.set(0);
    }

    /**
     * Records a failed call: a connection failure marks Redis down at once; a timeout only when it is the
     * {@value #TIMEOUTS_BEFORE_DOWN}th in a row (the request itself is decided without Redis either way).
     */
    void failed(Throwable cause) {
        boolean timeout = cause instanceof java.util.concurrent.TimeoutException
            || String.valueOf(cause.getMessage()).startsWith("Timeout");
        if (timeout && timeoutsInARow.incrementAndGet() < TIMEOUTS_BEFORE_DOWN) return;
        markDown(cause);
    }

    /** Marks Redis down; the first call after a healthy period starts probing. */
    void markDown(Throwable cause) {
        timeoutsInARow.set(0);
        if (up.compareAndSet(true, false)) {
            LOG.warn("Redis is not answering rate-limit calls ({}); deciding without it", cause.getMessage());
            schedule();
        }
    }

    private void schedule() {
        vertx.setTimer(probeMs, id -> redis.send(Request.cmd(Command.PING)).timeout(timeoutMs, TimeUnit.MILLISECONDS)
            .onSuccess(r -> {
                if (up.compareAndSet(false, true)) {
                    LOG.info("Redis answers rate-limit calls again; reconciling counts taken meanwhile");
                    onRecovered.run();
                }
            })
            .onFailure(err -> schedule()));
    }
}
