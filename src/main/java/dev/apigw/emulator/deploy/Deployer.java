package dev.apigw.emulator.deploy;

import dev.apigw.emulator.lifecycle.Lifecycle;
import dev.apigw.emulator.runtime.RouteRegistry;
import dev.apigw.emulator.store.AssetStore;
import dev.apigw.emulator.store.AssetType;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the {@link RouteRegistry} in step with the store: after any asset change (this node's or, through Redis,
 * another's) it reloads the assets and swaps in a freshly compiled table. Runs on one context of its own; changes
 * arriving during a rebuild cause exactly one more rebuild, so bursts of writes coalesce.
 */
public final class Deployer implements Lifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(Deployer.class);
    private final AssetStore store;
    private final RouteRegistry registry;
    private final RouteCompiler compiler;
    private final Context context;
    private boolean running;
    private boolean again;
    /** Changes seen and changes compiled into the table in force; confined to {@code context}. */
    private long requested;
    private long built;
    private final List<Waiter> waiters = new ArrayList<>();

    private record Waiter(long generation, Promise<Void> promise) {
    }

    public Deployer(Vertx vertx, AssetStore store, RouteRegistry registry, RouteCompiler compiler) {
        this.store = store;
        this.registry = registry;
        this.compiler = compiler;
        this.context = vertx.getOrCreateContext();
        store.onChange(change -> context.runOnContext(v -> {
            requested++;
            requestRebuild();
        }));
    }

    /** The first build; completes when the table is in place. */
    @Override
    public Future<Void> start() {
        Promise<Void> first = Promise.promise();
        context.runOnContext(v -> rebuild().onComplete(first));
        return first.future();
    }

    /**
     * Completes once every change this node has seen so far is in the route table in force. A store write's
     * listeners are queued on this context before the write's future completes, so calling this after a write
     * waits for that write.
     */
    public Future<Void> applied() {
        Promise<Void> promise = Promise.promise();
        context.runOnContext(v -> {
            if (built >= requested) promise.complete();
            else waiters.add(new Waiter(requested, promise));
        });
        return promise.future();
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
        long generation = requested;
        Future<Void> done = Future.all(List.of(store.list(AssetType.APIS), store.list(AssetType.POLICIES),
                store.list(AssetType.POLICY_ACTIONS), store.list(AssetType.ALIASES), store.list(AssetType.GATEWAY_SCOPES)))
            .map(all -> {
                registry.swap(compiler.compile(AssetSnapshot.of(all.resultAt(0), all.resultAt(1), all.resultAt(2),
                    all.resultAt(3), all.resultAt(4))));
                return (Void) null;
            });
        return done.onComplete(ar -> context.runOnContext(v -> {
            if (ar.failed()) LOG.warn("route table rebuild failed; keeping the previous one", ar.cause());
            running = false;
            // a failed rebuild releases its waiters too: the write itself is stored, and blocking the admin call
            // would not make the table any newer
            built = Math.max(built, generation);
            waiters.removeIf(w -> {
                if (w.generation() > built) return false;
                w.promise().complete();
                return true;
            });
            if (again) rebuild();
        }));
    }
}
