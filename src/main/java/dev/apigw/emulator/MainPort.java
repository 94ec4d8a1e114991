package dev.apigw.emulator;

import dev.apigw.emulator.quiesce.Contexts;
import dev.apigw.emulator.quiesce.MainListener;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.function.IntFunction;

/**
 * The main port's verticles as one listener: closing undeploys them (their HttpServers stop listening), opening
 * deploys them again on the port first bound. Transitions are serialised, so close/open races cannot leave two
 * deployments.
 */
final class MainPort implements MainListener {
    private final Vertx vertx;
    private final IntFunction<GatewayVerticle> factory;
    private final int instances;
    private Future<Void> last = Future.succeededFuture();
    private volatile String deploymentId;
    private int port;

    private final Context home;

    /** @param home a context that belongs to no verticle (see {@link Contexts}) */
    MainPort(Vertx vertx, Context home, int instances, IntFunction<GatewayVerticle> factory) {
        this.vertx = vertx;
        this.home = home;
        this.instances = instances;
        this.factory = factory;
    }

    /** First deployment on the configured port; remembers the port actually bound. */
    synchronized Future<Void> start(int configuredPort, java.util.concurrent.atomic.AtomicInteger bound) {
        return chain(() -> deploy(configuredPort).onSuccess(v -> port = bound.get()));
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
        return chain(() -> deploymentId != null ? Future.succeededFuture() : deploy(port));
    }

    private Future<Void> deploy(int onPort) {
        return Contexts.on(home, () -> vertx.deployVerticle(() -> factory.apply(onPort), new DeploymentOptions().setInstances(instances)))
            .onSuccess(id -> {
                // one field, read by close() from another thread; a monitor held for an assignment only
                synchronized (this) {
                    deploymentId = id;
                }
            }).mapEmpty();
    }

    private Future<Void> chain(java.util.function.Supplier<Future<Void>> step) {
        Future<Void> next = last.transform(ar -> step.get());
        last = next;
        return next;
    }
}
