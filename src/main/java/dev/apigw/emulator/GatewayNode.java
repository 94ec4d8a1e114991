package dev.apigw.emulator;

import dev.apigw.emulator.demo.EchoBackend;
import dev.apigw.emulator.metrics.Flushable;
import dev.apigw.emulator.quiesce.QuiesceController;
import dev.apigw.emulator.ratelimit.RateLimitService;
import dev.apigw.emulator.store.AssetStore;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import java.util.List;
import java.util.function.Supplier;

/** A started gateway node: what {@link Main#start} built, with the ports it bound and a way to stop it. */
public final class GatewayNode {
    private final AssetStore store;
    private final Redis redis;
    private final EchoBackend echo;
    private final MainPort mainPort;
    private final Operations ops;
    private final Traffic traffic;
    private final Supplier<Future<Void>> closeAuth;
    private final Promise<Boolean> exited = Promise.promise();
    private Future<Void> stopped;

    GatewayNode(Vertx vertx, AssetStore store, Redis redis, EchoBackend echo, MainPort mainPort, Operations ops,
                Traffic traffic, Supplier<Future<Void>> closeAuth) {
        this.store = store;
        this.redis = redis;
        this.echo = echo;
        this.mainPort = mainPort;
        this.ops = ops;
        this.traffic = traffic;
        this.closeAuth = closeAuth;
        // a shutdown (API or signal) that drained and flushed stops the node; Main then exits the JVM
        ops.exitRequested().onSuccess(bounce -> stop().onComplete(v -> exited.tryComplete(bounce)));
    }

    /** The main HTTP port (runtime, admin, /invoke). */
    public int port() {
        return mainPort.port();
    }

    /** The quiesce port while it listens, else -1. */
    public int quiescePort() {
        return ops.quiescePort.actualPort();
    }

    /** The echo backend's port, or -1 when the demo is disabled. */
    public int echoPort() {
        return echo == null ? -1 : echo.port();
    }

    public AssetStore store() {
        return store;
    }

    public QuiesceController quiesce() {
        return ops.quiesce;
    }

    /** Throttle decisions of this node: degraded state and counters (violations, decisions without Redis). */
    public RateLimitService rateLimits() {
        return traffic.rateLimits();
    }

    /** Data accumulated on this node that quiesce and shutdown publish at once (kind {@code subscription_quota}). */
    public List<Flushable> flushables() {
        return traffic.flushables();
    }

    /** Completes with the {@code bounce} flag once a shutdown has drained, flushed and stopped this node. */
    public Future<Boolean> exited() {
        return exited.future();
    }

    /** Shutdown as on SIGTERM: stop admitting, flush, drain up to the timeout, then stop the node. */
    public Future<Void> shutdown(long drainTimeoutMs) {
        return ops.shutdown.shutdown(drainTimeoutMs, false).compose(v -> stop());
    }

    /** Stops serving, flushes what was counted since the last schedule, releases stores and clients. Idempotent. */
    public synchronized Future<Void> stop() {
        if (stopped == null) {
            traffic.quotas().stop();
            stopped = mainPort.close()
                .eventually(ops::close)
                .eventually(() -> echo == null ? Future.succeededFuture() : echo.stop())
                .eventually(closeAuth::get)
                // counts taken since the last scheduled flush would otherwise be lost with the process
                .eventually(() -> Future.join(traffic.flushables().stream().map(Flushable::flush).toList()))
                .eventually(store::close)
                .eventually(() -> redis == null ? Future.succeededFuture() : redis.close());
        }
        return stopped;
    }
}
