package dev.apigw.emulator;

import dev.apigw.emulator.demo.EchoBackend;
import dev.apigw.emulator.lifecycle.Lifecycles;
import dev.apigw.emulator.metrics.Flushable;
import dev.apigw.emulator.quiesce.AdmissionCounter;
import dev.apigw.emulator.quiesce.QuiesceMachine;
import dev.apigw.emulator.quiesce.QuiescePort;
import dev.apigw.emulator.quiesce.Shutdown;
import dev.apigw.emulator.ratelimit.RateLimitService;
import dev.apigw.emulator.store.AssetStore;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.List;

/** A started gateway node: the ports it bound, and the ways it stops (at once, or by a draining shutdown). */
public final class GatewayNode {
    /** Parts a test may look at (through its probe); not for production callers. */
    record Internals(AssetStore store, QuiesceMachine quiesce, AdmissionCounter admission, RateLimitService rateLimits,
                     List<Flushable> flushables, dev.apigw.emulator.store.QuotaCounterStore quotaCounters) {
    }

    private final MainPort mainPort;
    private final QuiescePort quiescePort;
    private final EchoBackend echo;
    private final Lifecycles life;
    private final Shutdown shutdown;
    private final Promise<Integer> exited = Promise.promise();
    private final Internals internals;

    GatewayNode(MainPort mainPort, QuiescePort quiescePort, EchoBackend echo, Lifecycles life, Shutdown shutdown,
                Future<Integer> exitRequested, Internals internals) {
        this.mainPort = mainPort;
        this.quiescePort = quiescePort;
        this.echo = echo;
        this.life = life;
        this.shutdown = shutdown;
        this.internals = internals;
        // a shutdown (API or signal) that drained and flushed stops the node; Main then exits the JVM
        exitRequested.onSuccess(status -> stop().onComplete(v -> exited.tryComplete(status)));
    }

    /** The main HTTP port (runtime, admin, /invoke). */
    public int port() {
        return mainPort.port();
    }

    /** The quiesce port while it listens, else -1. */
    public int quiescePort() {
        return quiescePort.actualPort();
    }

    /** The echo backend's port, or -1 when the demo is disabled. */
    public int echoPort() {
        return echo == null ? -1 : echo.port();
    }

    /**
     * Completes with the process exit status once a shutdown has drained, flushed and stopped this node: 0, 3 when a
     * restart was asked for, 1 when a flush failed.
     */
    public Future<Integer> exited() {
        return exited.future();
    }

    /**
     * Shutdown as on SIGTERM: stop admitting, flush, drain up to the timeout (it ends as soon as the last request
     * does), then stop the node. Completes with the exit status ({@link #exited()}).
     */
    public Future<Integer> shutdown(long drainTimeoutMs) {
        shutdown.shutdown(drainTimeoutMs, false);
        return exited.future();
    }

    /** Stops every part in reverse order of start: the ports first, then publishers (which flush), stores last. */
    public Future<Void> stop() {
        return life.stopAll();
    }

    Internals internals() {
        return internals;
    }
}
