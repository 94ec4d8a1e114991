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
            if (running) again = true;
            else run();
        });
    }

    private Future<Void> run() {
        running = true;
        again = false;
        return build.get().onComplete(ar -> context.runOnContext(v -> {
            if (ar.failed()) LOG.warn("{} rebuild failed; keeping the previous one", what, ar.cause());
            running = false;
            if (again) run();
        }));
    }
}
