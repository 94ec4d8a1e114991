package dev.apigw.emulator.ratelimit;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * Whether Redis is answering rate-limit calls, shared by every event loop. The first failed call marks it down, so
 * later decisions fail fast instead of each waiting for a timeout; while down, a timer PINGs it every
 * {@code probeMs} (each PING opens a fresh pooled connection), and the first answer marks it up again and runs the
 * recovery action (reconciliation of counts taken meanwhile). State changes are atomic; the probe never blocks.
 */
public final class RedisAvailability {
    private static final Logger LOG = Logger.getLogger(RedisAvailability.class.getName());
    private final Vertx vertx;
    private final Redis redis;
    private final long probeMs;
    private final long timeoutMs;
    private final AtomicBoolean up = new AtomicBoolean(true);
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

    /** Records a failed call; the first one after a healthy period starts probing. */
    void markDown(Throwable cause) {
        if (up.compareAndSet(true, false)) {
            LOG.warning("Redis is not answering rate-limit calls (" + cause.getMessage() + "); deciding without it");
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
