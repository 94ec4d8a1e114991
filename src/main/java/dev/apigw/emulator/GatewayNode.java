package dev.apigw.emulator;

import dev.apigw.emulator.demo.EchoBackend;
import dev.apigw.emulator.metrics.Flushable;
import dev.apigw.emulator.ratelimit.RateLimitService;
import java.util.List;
import dev.apigw.emulator.store.AssetStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;

/** A started gateway node: what {@link Main#start} built, with the ports it bound and a way to stop it. */
public final class GatewayNode {
    private final Vertx vertx;
    private final AssetStore store;
    private final Redis redis;
    private final EchoBackend echo;
    private final String deploymentId;
    private final int port;
    private java.util.function.Supplier<Future<Void>> extraClose = Future::succeededFuture;
    private final RateLimitService rateLimits;
    private final List<Flushable> flushables;
    private final Runnable stopSchedules;

    GatewayNode(Vertx vertx, AssetStore store, Redis redis, EchoBackend echo, String deploymentId, int port,
                RateLimitService rateLimits, List<Flushable> flushables, Runnable stopSchedules) {
        this.rateLimits = rateLimits;
        this.flushables = List.copyOf(flushables);
        this.stopSchedules = stopSchedules;
        this.vertx = vertx;
        this.store = store;
        this.redis = redis;
        this.echo = echo;
        this.deploymentId = deploymentId;
        this.port = port;
    }

    /** Also closes this (before the stores) when the node stops. */
    GatewayNode alsoClose(java.util.function.Supplier<Future<Void>> closer) {
        java.util.function.Supplier<Future<Void>> before = extraClose;
        extraClose = () -> before.get().eventually(closer::get);
        return this;
    }

    /** The main HTTP port (runtime, admin, /invoke). */
    public int port() {
        return port;
    }

    /** The echo backend's port, or -1 when the demo is disabled. */
    public int echoPort() {
        return echo == null ? -1 : echo.port();
    }

    /** Throttle decisions of this node: degraded state and counters (violations, decisions without Redis). */
    public RateLimitService rateLimits() {
        return rateLimits;
    }

    /** Data accumulated on this node that quiesce and shutdown publish at once (kind {@code subscription_quota}, ...). */
    public List<Flushable> flushables() {
        return flushables;
    }

    public AssetStore store() {
        return store;
    }

    /** Stops serving, flushes accumulated counters, releases stores and clients; the Vert.x instance stays up. */
    public Future<Void> stop() {
        stopSchedules.run();
        Future<Void> undeploy = vertx.deploymentIDs().contains(deploymentId) ? vertx.undeploy(deploymentId) : Future.succeededFuture();
        return undeploy
            .eventually(() -> echo == null ? Future.succeededFuture() : echo.stop())
            .eventually(() -> extraClose.get())
            // counts taken since the last scheduled flush would otherwise be lost with the process
            .eventually(() -> Future.join(flushables.stream().map(Flushable::flush).toList()))
            .eventually(store::close)
            .eventually(() -> redis == null ? Future.succeededFuture() : redis.close());
    }
}
