package dev.apigw.emulator.store;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps an in-memory view of the store up to date: runs an asynchronous rebuild on one context of its own, one at a
 * time; requests that arrive during a rebuild cause exactly one more, so a burst of changes coalesces. A failed
 * rebuild is logged and the previous view stays in place. {@link #request()} may be called from any thread.
 */
public final class CoalescingRebuild {
    private static final Logger LOG = LoggerFactory.getLogger(CoalescingRebuild.class);
    private final Context context;
    private final String what;
    private final Supplier<Future<Void>> build;
    private boolean running;
    private boolean again;
    /** Requests seen and requests covered by a finished rebuild; confined to {@code context}. */
    private long requested;
    private long built;
    private final java.util.List<Waiter> waiters = new java.util.ArrayList<>();

    private record Waiter(long generation, Promise<Void> promise) {
    }

    public CoalescingRebuild(Vertx vertx, String what, Supplier<Future<Void>> build) {
        this.context = vertx.getOrCreateContext();
        this.what = what;
        this.build = build;
    }

    /** The first build; completes once the view is in place. */
    public Future<Void> start() {
        Promise<Void> first = Promise.promise();
        context.runOnContext(v -> run().onComplete(first));
        return first.future();
    }

    public void request() {
        context.runOnContext(v -> {
            requested++;
            if (running) again = true;
            else run();
        });
    }

    /**
     * Completes once every request made so far is covered by a finished rebuild (a failed one counts: waiting would
     * not make the view newer). A store write's listeners run before the write's future completes, so calling this
     * after a write waits for the view to include it.
     */
    public Future<Void> caughtUp() {
        Promise<Void> promise = Promise.promise();
        context.runOnContext(v -> {
            if (built >= requested) promise.complete();
            else waiters.add(new Waiter(requested, promise));
        });
        return promise.future();
    }

    private Future<Void> run() {
        running = true;
        again = false;
        long generation = requested;
        return build.get().onComplete(ar -> context.runOnContext(v -> {
            if (ar.failed()) LOG.warn("{} rebuild failed; keeping the previous one", what, ar.cause());
            running = false;
            built = Math.max(built, generation);
            waiters.removeIf(w -> {
                if (w.generation() > built) return false;
                w.promise().complete();
                return true;
            });
            if (again) run();
        }));
    }
}
