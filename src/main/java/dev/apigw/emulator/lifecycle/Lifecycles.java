package dev.apigw.emulator.lifecycle;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one list of a node's parts with a life: started one after the other in the order they were added, stopped in
 * reverse. A start that fails stops the parts already started (in reverse) and fails with its cause. Stopping is
 * idempotent and goes on past a part that fails to stop. Parts are added by the composition root before the start;
 * a start and a stop may complete on different threads, hence the concurrent list and the atomic reference.
 */
public final class Lifecycles {
    private static final Logger LOG = LoggerFactory.getLogger(Lifecycles.class);
    private final List<Lifecycle> parts = new ArrayList<>();
    private final List<Lifecycle> started = new CopyOnWriteArrayList<>();
    private final AtomicReference<Promise<Void>> stopped = new AtomicReference<>();

    /** Adds a part and returns it, so construction reads as one line per part. */
    public <T extends Lifecycle> T add(T part) {
        parts.add(part);
        return part;
    }

    public Future<Void> startAll() {
        Future<Void> chain = Future.succeededFuture();
        for (Lifecycle part : parts) {
            chain = chain.compose(v -> startOne(part));
        }
        return chain.recover(err -> stopAll().transform(v -> Future.failedFuture(err)));
    }

    private Future<Void> startOne(Lifecycle part) {
        Future<Void> f;
        try {
            f = part.start();
        } catch (RuntimeException e) {
            f = Future.failedFuture(e);
        }
        return f.onSuccess(x -> started.add(part))
            .recover(err -> Future.failedFuture(new IllegalStateException(part.name() + ": " + err.getMessage(), err)));
    }

    /** Stops every started part in reverse order; repeated calls share the first run. */
    public Future<Void> stopAll() {
        Promise<Void> mine = Promise.promise();
        if (!stopped.compareAndSet(null, mine)) return stopped.get().future();
        List<Lifecycle> reverse = new ArrayList<>(started);
        Collections.reverse(reverse);
        Future<Void> chain = Future.succeededFuture();
        for (Lifecycle part : reverse) {
            chain = chain.eventually(() -> stopOne(part));
        }
        chain.onComplete(mine);
        return mine.future();
    }

    private static Future<Void> stopOne(Lifecycle part) {
        Future<Void> f;
        try {
            f = part.stop();
        } catch (RuntimeException e) {
            f = Future.failedFuture(e);
        }
        return f.onFailure(err -> LOG.warn("{} did not stop cleanly: {}", part.name(), err.getMessage()))
            .otherwiseEmpty();
    }
}
