package dev.apigw.emulator;

import dev.apigw.emulator.lifecycle.Contexts;
import dev.apigw.emulator.lifecycle.Lifecycle;
import dev.apigw.emulator.quiesce.MainListener;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * The main port's verticles as one listener: closing undeploys them (their HttpServers stop listening), opening
 * deploys them again on the port first bound. Transitions are serialised, so close/open races cannot leave two
 * deployments.
 *
 * <p>The port exists before what it serves: the quiesce sequence that closes it is called from the admin API it
 * serves. So, like a Vert.x {@code HttpServer}, it is given its verticles when it starts serving
 * ({@link #serving}); the quiesce sequence only sees it as a {@link MainListener}.
 */
final class MainPort implements MainListener {
    /** Builds one event loop's verticle for a port; it reports the port it bound. */
    interface VerticleFactory {
        GatewayVerticle create(int port, IntConsumer bound);
    }

    private final Vertx vertx;
    private final Context home;
    private final int instances;
    private final AtomicInteger bound = new AtomicInteger();
    private volatile Supplier<Future<String>> deploy;
    private Future<Void> last = Future.succeededFuture();
    private volatile String deploymentId;
    private volatile int port;

    /** @param home a context that belongs to no verticle (see {@link Contexts}) */
    MainPort(Vertx vertx, Context home, int instances) {
        this.vertx = vertx;
        this.home = home;
        this.instances = instances;
    }

    /** The part of the node's life that listens on {@code configuredPort} (0 = any free port) with these verticles. */
    Lifecycle serving(VerticleFactory factory, int configuredPort) {
        return Lifecycle.of("main port", () -> {
            deploy = () -> vertx.deployVerticle(() -> factory.create(port == 0 ? configuredPort : port, bound::set),
                new DeploymentOptions().setInstances(instances));
            return open().onSuccess(v -> port = bound.get());
        }, this::close);
    }

    int port() {
        return port;
    }

    @Override
    public synchronized Future<Void> close() {
        return chain(() -> {
            String id = deploymentId;
            deploymentId = null;
            return id == null || !vertx.deploymentIDs().contains(id) ? Future.succeededFuture()
                : Contexts.on(home, () -> vertx.undeploy(id));
        });
    }

    @Override
    public synchronized Future<Void> open() {
        return chain(() -> deploymentId != null || deploy == null ? Future.succeededFuture()
            : Contexts.on(home, deploy).onSuccess(id -> deploymentId = id).mapEmpty());
    }

    /** Serialises transitions; the monitor guards one field swap, never a wait. */
    private Future<Void> chain(Supplier<Future<Void>> step) {
        Future<Void> next = last.transform(ar -> step.get());
        last = next;
        return next;
    }
}
