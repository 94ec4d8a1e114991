package dev.apigw.emulator.deploy;

import dev.apigw.emulator.runtime.RouteRegistry;
import dev.apigw.emulator.store.AssetStore;
import dev.apigw.emulator.store.AssetType;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
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

    public Deployer(Vertx vertx, AssetStore store, RouteRegistry registry, RouteCompiler compiler) {
        this.store = store;
        this.registry = registry;
        this.compiler = compiler;
        this.context = vertx.getOrCreateContext();
        store.onChange(change -> {
            if (store.listsAreImmediate()) rebuildNow();
            else context.runOnContext(v -> requestRebuild());
        });
    }

    /**
     * For a store whose lists are in memory: compile on the writer's thread, inside its change notification, so the
     * admin call that made the change answers only after the new table is in place and the very next request sees
     * it. Synchronized, because writes complete on several event loops: the last to swap has read the newest state.
     */
    private synchronized void rebuildNow() {
        try {
            registry.swap(compiler.compile(AssetSnapshot.of(store.list(AssetType.APIS).result(),
                store.list(AssetType.POLICIES).result(), store.list(AssetType.POLICY_ACTIONS).result())));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "route table rebuild failed; keeping the previous one", e);
        }
    }

    /** The first build; completes when the table is in place. */
    public Future<Void> start() {
        Promise<Void> first = Promise.promise();
        context.runOnContext(v -> rebuild().onComplete(first));
        return first.future();
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
        Future<Void> done = Future.all(store.list(AssetType.APIS), store.list(AssetType.POLICIES),
                store.list(AssetType.POLICY_ACTIONS))
            .map(all -> {
                registry.swap(compiler.compile(AssetSnapshot.of(all.resultAt(0), all.resultAt(1), all.resultAt(2))));
                return (Void) null;
            });
        return done.onComplete(ar -> context.runOnContext(v -> {
            if (ar.failed()) LOG.log(Level.WARNING, "route table rebuild failed; keeping the previous one", ar.cause());
            running = false;
            if (again) rebuild();
        }));
    }
}
