package dev.apigw.emulator.store;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps an in-memory view of the store up to date: runs an asynchronous rebuild on one context of its own, one at a
 * time; requests that arrive during a rebuild cause exactly one more, so a burst of changes coalesces. A failed
 * rebuild is logged and the previous view stays in place. {@link #request()} may be called from any thread.
 *
 * <p>{@link #applied()} completes once every request made so far is in the view in force: requests and waiters are
 * queued on the same context, so a caller that asks after a store write (whose listeners requested a rebuild before
 * the write completed) waits for that write. A view that ignores a change never requests, so its waiters go at once.
 */
public final class CoalescingRebuild implements AppliedView {
    private static final Logger LOG = LoggerFactory.getLogger(CoalescingRebuild.class);
    private final Context context;
    private final String what;
    private final Supplier<Future<Void>> build;
    /** All confined to {@code context}. */
    private boolean running;
    private boolean again;
    private long requested;
    private long built;
    private final List<Waiter> waiters = new ArrayList<>();

    private record Waiter(long generation, Promise<Void> promise) {
    }

    public CoalescingRebuild(Vertx vertx, String what, Supplier<Future<Void>> build) {
        this.context = vertx.getOrCreateContext();
        this.what = what;
        this.build = build;
    }

    /** The first build; completes once the view is in place (a failure fails the start). */
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

    @Override
    public Future<Void> applied() {
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
        Future<Void> done;
        try {
            done = build.get();
        } catch (RuntimeException e) {
            done = Future.failedFuture(e);
        }
        return done.onComplete(ar -> context.runOnContext(v -> {
            if (ar.failed()) LOG.warn("{} rebuild failed; keeping the previous one", what, ar.cause());
            running = false;
            // a failed rebuild releases its waiters too: the write is stored, and holding the caller would not
            // make the view any newer
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
