package dev.apigw.emulator.quiesce;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /rest/apigateway/shutdown} and SIGTERM: stop admitting requests, flush every kind, drain in-flight
 * requests up to a timeout (0 = no wait), then run the exit action with the process exit status: 0, 3 when a
 * restart was asked for ({@code bounce}), 1 when a flush failed (counts may be lost). The exit action is given by the
 * composition root (the node stops; Main then exits the JVM). Runs once; repeated calls share it.
 */
public final class Shutdown {
    private static final Logger LOG = LoggerFactory.getLogger(Shutdown.class);

    private final QuiesceSequence sequence;
    /** Exit statuses: a clean stop, a restart asked for, a stop that lost counts. */
    public static final int CLEAN = 0;
    public static final int FLUSH_FAILED = 1;
    public static final int BOUNCE = 3;

    private final Function<Integer, Future<Void>> exit;
    private final AtomicReference<Future<Void>> running = new AtomicReference<>();

    public Shutdown(QuiesceSequence sequence, Function<Integer, Future<Void>> exit) {
        this.sequence = sequence;
        this.exit = exit;
    }

    /** Drains up to {@code drainTimeoutMs} and flushes, then exits; the future fails if a flush failed. */
    public Future<Void> shutdown(long drainTimeoutMs, boolean bounce) {
        Promise<Void> mine = Promise.promise();
        // signals arrive on threads of their own: only the first caller runs the sequence
        if (!running.compareAndSet(null, mine.future())) return running.get();
        sequence.shutdown(drainTimeoutMs)
            .onFailure(err -> LOG.warn("shutdown: {}; stopping anyway", err.getMessage()))
            .transform(ar -> exit.apply(ar.failed() ? FLUSH_FAILED : bounce ? BOUNCE : CLEAN)
                .transform(x -> ar.succeeded() ? Future.<Void>succeededFuture() : Future.<Void>failedFuture(ar.cause())))
            .onComplete(mine);
        return mine.future();
    }

    /** True once a shutdown has begun. */
    public boolean started() {
        return running.get() != null;
    }
}
