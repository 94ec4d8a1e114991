package dev.apigw.emulator;

import dev.apigw.emulator.demo.EchoBackend;
import dev.apigw.emulator.quiesce.QuiesceController;
import dev.apigw.emulator.store.AssetStore;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;

/** A started gateway node: what {@link Main#start} built, with the ports it bound and a way to stop it. */
public final class GatewayNode {
    private final AssetStore store;
    private final Redis redis;
    private final EchoBackend echo;
    private final MainPort mainPort;
    private final Operations ops;
    private final Promise<Boolean> exited = Promise.promise();
    private Future<Void> stopped;

    GatewayNode(Vertx vertx, AssetStore store, Redis redis, EchoBackend echo, MainPort mainPort, Operations ops) {
        this.store = store;
        this.redis = redis;
        this.echo = echo;
        this.mainPort = mainPort;
        this.ops = ops;
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

    /** Completes with the {@code bounce} flag once a shutdown has drained, flushed and stopped this node. */
    public Future<Boolean> exited() {
        return exited.future();
    }

    /** Shutdown as on SIGTERM: stop admitting, flush, drain up to the timeout, then stop the node. */
    public Future<Void> shutdown(long drainTimeoutMs) {
        return ops.shutdown.shutdown(drainTimeoutMs, false).compose(v -> stop());
    }

    /** Stops serving and releases stores and clients; the Vert.x instance stays up. Idempotent. */
    public synchronized Future<Void> stop() {
        if (stopped == null) {
            stopped = mainPort.close()
                .eventually(ops::close)
                .eventually(() -> echo == null ? Future.succeededFuture() : echo.stop())
                .eventually(store::close)
                .eventually(() -> redis == null ? Future.succeededFuture() : redis.close());
        }
        return stopped;
    }
}
