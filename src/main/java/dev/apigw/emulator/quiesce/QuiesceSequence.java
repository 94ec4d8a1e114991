package dev.apigw.emulator.quiesce;

import dev.apigw.emulator.metrics.Flushable;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * The asynchronous steps of a quiesce for all: (a) flush the selected kinds, (b)+(c) refuse new requests and wait
 * for those in flight up to the drain timeout, (d) close the main listener (unless configured to keep answering
 * 503), (e) emit {@code migration:quiesce:all:completed}. Each step is timestamped in the receipt.
 */
final class QuiesceSequence {
    private static final Logger LOG = Logger.getLogger(QuiesceSequence.class.getName());

    private final Vertx vertx;
    private final QuiesceController controller;
    private final List<Flushable> flushables;
    private final GatewayEvents events;
    private final QuiesceReceipt receipt;
    private final long drainTimeoutMs;
    private final boolean keepListening;
    private volatile MainListener listener = MainListener.NONE;

    QuiesceSequence(Vertx vertx, QuiesceController controller, List<Flushable> flushables, GatewayEvents events,
                    QuiesceReceipt receipt, long drainTimeoutMs, boolean keepListening) {
        this.vertx = vertx;
        this.controller = controller;
        this.flushables = List.copyOf(flushables);
        this.events = events;
        this.receipt = receipt;
        this.drainTimeoutMs = drainTimeoutMs;
        this.keepListening = keepListening;
    }

    void attach(MainListener listener) {
        this.listener = listener;
    }

    void designTimeCompleted(JsonObject view) {
        events.emit(GatewayEvents.QUIESCE_DESIGNTIME, view);
    }

    void runAll(long gen, List<String> kinds, QuiesceState previous) {
        flushThenDrain(gen, kinds, drainTimeoutMs, false).compose(v -> finalFlush(kinds)).onComplete(ar -> {
            if (!controller.current(gen)) return;
            if (ar.failed()) {
                // nothing was blocked yet: back to where we were, so the operator can fix the store and retry
                controller.fail(previous, ar.cause().getMessage());
                return;
            }
            (keepListening ? Future.<Void>succeededFuture() : listener.close()).onComplete(closed -> {
                if (!controller.current(gen)) return;
                controller.enter(QuiesceState.QUIESCED);
                receipt.phase("quiesced", new JsonObject().put("listening", keepListening || closed.failed()));
                controller.succeed();
                events.emit(GatewayEvents.QUIESCE_ALL, controller.view());
            });
        });
    }

    /** Flushes, then (only if every flush succeeded, unless {@code drainAnyway}) drains. Fails with the flush errors. */
    Future<Void> flushThenDrain(long gen, List<String> kinds, long timeoutMs, boolean drainAnyway) {
        receipt.phase("requested", new JsonObject().put("inFlight", controller.inFlight()));
        Future<Void> flushed = flush(kinds);
        if (drainAnyway) {
            return flushed.transform(f -> startDrain(gen, timeoutMs)
                .compose(d -> f.succeeded() ? Future.<Void>succeededFuture() : Future.<Void>failedFuture(f.cause())));
        }
        return flushed.compose(v -> startDrain(gen, timeoutMs));
    }

    /**
     * Beyond the product: requests that finished during the drain were counted after the first flush, so they are
     * flushed once more, and the published totals equal the requests served.
     */
    Future<Void> finalFlush(List<String> kinds) {
        return flush(kinds).onSuccess(v -> receipt.phase("finalFlush", new JsonObject()));
    }

    private Future<Void> startDrain(long gen, long timeoutMs) {
        // setActiveMode while flushing: the node is active again, so this quiesce must not start refusing requests
        if (!controller.current(gen)) return Future.failedFuture("superseded by setActiveMode");
        receipt.phase("flushed", new JsonObject());
        controller.enter(QuiesceState.DRAINING);
        receipt.phase("draining", new JsonObject().put("inFlight", controller.inFlight()));
        return drain(timeoutMs);
    }

    private Future<Void> flush(List<String> kinds) {
        List<Future<Integer>> all = new ArrayList<>();
        for (Flushable f : flushables) {
            if (!kinds.contains(f.kind())) continue;
            Future<Integer> one;
            try {
                one = f.flush();
            } catch (RuntimeException e) {
                one = Future.failedFuture(e);
            }
            all.add(one.onComplete(ar -> receipt.flushed(f.kind(), ar.succeeded() ? ar.result() : 0, ar.cause())));
        }
        return Future.join(all).transform(ar -> {
            if (ar.succeeded()) return Future.<Void>succeededFuture();
            return Future.failedFuture("flush failed: " + ar.cause().getMessage());
        });
    }

    private Future<Void> drain(long timeoutMs) {
        Promise<Void> done = Promise.promise();
        controller.whenDrained().onComplete(v -> done.tryComplete());
        long timer = vertx.setTimer(Math.max(1, timeoutMs), t -> {
            if (done.tryComplete()) LOG.warning("drain timed out with " + controller.inFlight() + " requests in flight");
        });
        return done.future().onComplete(v -> {
            vertx.cancelTimer(timer);
            receipt.phase("drained", new JsonObject().put("inFlight", controller.inFlight()));
        });
    }

    Future<Void> reopen() {
        return listener.open();
    }
}
