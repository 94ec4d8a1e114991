package dev.apigw.emulator.quiesce;

import io.vertx.core.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /rest/apigateway/shutdown} and SIGTERM: stop admitting requests, flush every kind, drain in-flight
 * requests up to a timeout (0 = no wait), then run the exit action with the {@code bounce} flag. The exit action is
 * given by the composition root (the node stops; Main then exits the JVM). Runs once; repeated calls share it.
 */
public final class Shutdown {
    private static final Logger LOG = LoggerFactory.getLogger(Shutdown.class);

    private final QuiesceSequence sequence;
    private final Function<Boolean, Future<Void>> exit;
    private final AtomicReference<Future<Void>> running = new AtomicReference<>();

    public Shutdown(QuiesceSequence sequence, Function<Boolean, Future<Void>> exit) {
        this.sequence = sequence;
        this.exit = exit;
    }

    /** Drains up to {@code drainTimeoutMs} and flushes, then exits; the future fails if a flush failed. */
    public Future<Void> shutdown(long drainTimeoutMs, boolean bounce) {
        Future<Void> started = running.get();
        if (started != null) return started;
        Future<Void> run = sequence.shutdown(drainTimeoutMs)
            .onFailure(err -> LOG.warn("shutdown: {}; stopping anyway", err.getMessage()))
            .transform(ar -> exit.apply(bounce).transform(x -> ar.succeeded() ? Future.<Void>succeededFuture()
                : Future.<Void>failedFuture(ar.cause())));
        return running.compareAndSet(null, run) ? run : running.get();
    }

    /** True once a shutdown has begun. */
    public boolean started() {
        return running.get() != null;
    }
}
