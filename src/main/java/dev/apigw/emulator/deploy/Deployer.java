package dev.apigw.emulator.deploy;

import dev.apigw.emulator.runtime.RouteRegistry;
import dev.apigw.emulator.store.AssetStore;
import dev.apigw.emulator.store.AssetType;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the {@link RouteRegistry} in step with the store: after any asset change (this node's or, through Redis,
 * another's) it reloads the assets and swaps in a freshly compiled table. Runs on one context of its own; changes
 * arriving during a rebuild cause exactly one more rebuild, so bursts of writes coalesce.
 */
public final class Deployer {
    private static final Logger LOG = Logger.getLogger(Deployer.class.getName());
    private final AssetStore store;
    private final RouteRegistry registry;
    private final RouteCompiler compiler;
    private final Context context;
    private boolean running;
    private boolean again;
    /** Callers of {@link #sync()} waiting for a rebuild that starts after their call; touched on {@link #context} only. */
    private List<Handler<AsyncResult<Void>>> waitingForNext = new ArrayList<>();

    public Deployer(Vertx vertx, AssetStore store, RouteRegistry registry, RouteCompiler compiler) {
        this.store = store;
        this.registry = registry;
        this.compiler = compiler;
        this.context = vertx.getOrCreateContext();
        store.onChange(change -> context.runOnContext(v -> requestRebuild()));
    }

    /** The first build; completes when the table is in place. */
    public Future<Void> start() {
        return sync();
    }

    /**
     * Completes, on the caller's context, once a rebuild that began after this call has finished: succeeded when its
     * table is in place, failed when the rebuild failed and the previous table stays.
     */
    public Future<Void> sync() {
        Context caller = Vertx.currentContext();
        Promise<Void> done = Promise.promise();
        context.runOnContext(v -> {
            waitingForNext.add(caller == null ? done::handle : ar -> caller.runOnContext(x -> done.handle(ar)));
            requestRebuild();
        });
        return done.future();
    }

    private void requestRebuild() {
        if (running) {
            again = true;
            return;
        }
        rebuild();
    }

    private Future<Void> rebuild() {
        running = true;
        again = false;
        List<Handler<AsyncResult<Void>>> waiters = waitingForNext;
        waitingForNext = new ArrayList<>();
        Future<Void> done = Future.all(store.list(AssetType.APIS), store.list(AssetType.POLICIES),
                store.list(AssetType.POLICY_ACTIONS))
            .map(all -> {
                registry.swap(compiler.compile(AssetSnapshot.of(all.resultAt(0), all.resultAt(1), all.resultAt(2))));
                return (Void) null;
            });
        return done.onComplete(ar -> context.runOnContext(v -> {
            if (ar.failed()) LOG.log(Level.WARNING, "route table rebuild failed; keeping the previous one", ar.cause());
            running = false;
            waiters.forEach(w -> w.handle(ar));
            if (again) rebuild();
        }));
    }
}
