package dev.apigw.emulator.quiesce;

import dev.apigw.emulator.metrics.Flushable;
import dev.apigw.emulator.quiesce.QuiesceMachine.Transition;
import dev.apigw.emulator.lifecycle.Contexts;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives a quiesce through the machine and the admission counter: (a) flush the selected kinds, (b)+(c) refuse new
 * requests and wait for those in flight up to the drain timeout, flush once more what finished meanwhile, (d) emit
 * {@code migration:quiesce:all:completed}, (e) close the main listener (unless configured to keep answering 503).
 * Each step is timestamped in the receipt. Shutdown runs the same flush and drain.
 */
public final class QuiesceSequence {
    private static final Logger LOG = LoggerFactory.getLogger(QuiesceSequence.class);

    private final Context home;
    private final Vertx vertx;
    private final QuiesceMachine machine;
    private final AdmissionCounter admission;
    private final List<Flushable> flushables;
    private final GatewayEvents events;
    private final MainListener listener;
    private final long drainTimeoutMs;
    private final boolean keepListening;

    /** @param home a context of no verticle (see {@link Contexts}), where the quiesce runs */
    public QuiesceSequence(Context home, QuiesceMachine machine, AdmissionCounter admission, List<Flushable> flushables,
                           GatewayEvents events, MainListener listener, long drainTimeoutMs, boolean keepListening) {
        this.home = home;
        this.vertx = home.owner();
        this.machine = machine;
        this.admission = admission;
        this.flushables = List.copyOf(flushables);
        this.events = events;
        this.listener = listener;
        this.drainTimeoutMs = drainTimeoutMs;
        this.keepListening = keepListening;
    }

    /** Applies a {@code PUT /quiescemode}; a quiesce for all then runs on its own and the answer returns at once. */
    public Transition request(QuiesceRequest request, boolean quiescePortReady) {
        QuiesceSnapshot before = machine.snapshot();
        Transition t = machine.request(request, quiescePortReady);
        if (!t.applied()) return t;
        if (request.all()) runAll(t.snapshot().generation(), request.flush(), before.state());
        else if (request.enable()) events.emit(GatewayEvents.QUIESCE_DESIGNTIME, QuiesceReport.json(t.snapshot(), admission.inFlight()));
        return t;
    }

    private void runAll(long gen, List<String> kinds, QuiesceState previous) {
        // on the node's own context, not the request's: under load the main port's event loop is the busiest thread
        // of the node, and closing the port undeploys the verticle that owns it
        Contexts.on(home, () -> flushThenDrain(gen, kinds, drainTimeoutMs, false))
            .compose(v -> Contexts.on(home, () -> finalFlush(kinds))).onComplete(ar -> {
                if (!machine.isCurrent(gen)) return;
                if (ar.failed()) {
                    // nothing was blocked yet: back to where we were, so the operator can fix the store and retry
                    machine.failed(gen, previous, ar.cause().getMessage());
                    return;
                }
                machine.phase("quiesced", Map.of("listening", keepListening));
                if (machine.quiesced(gen)) {
                    LOG.info("quiesce all completed; only the quiesce port answers");
                    events.emit(GatewayEvents.QUIESCE_ALL, QuiesceReport.json(machine.snapshot(), admission.inFlight()));
                    if (!keepListening) closeListener(gen);
                }
            });
    }

    /**
     * After {@code quiesced}, not before: no request is admitted any more (the drain refused every new one with 503),
     * so closing the port only turns those refusals into refused connections. Undeploying its verticles waits for
     * their event loops and closes every keep-alive connection and the backend client: hundreds of milliseconds
     * under load that the quiesce does not wait for. The receipt records when it ended.
     */
    private void closeListener(long gen) {
        listener.close().onComplete(closed -> {
            machine.phase("listenerClosed", closed.succeeded() ? Map.of() : Map.of("error", String.valueOf(closed.cause().getMessage())));
            // setActiveMode between quiesced and this close may have asked to open before we asked to close
            if (!machine.isCurrent(gen)) listener.open();
        });
    }

    /**
     * Shutdown: flush everything, then drain up to {@code timeoutMs} (0 = do not wait), then flush again. Completes
     * when all is done; fails (after draining anyway) when a flush failed.
     */
    public Future<Void> shutdown(long timeoutMs) {
        long gen = machine.beginShutdown().generation();
        LOG.info("shutdown: no longer accepting new requests");
        return flushThenDrain(gen, QuiesceRequest.KINDS, timeoutMs, true)
            .transform(ar -> finalFlush(QuiesceRequest.KINDS)
                .transform(f -> ar.succeeded() ? (Future<Void>) f : Future.<Void>failedFuture(ar.cause())));
    }

    /** {@code setActiveMode}: opens the main port again and lifts every block. */
    public Future<Void> activate() {
        long gen = machine.activating(); // a quiesce still running stops at its next step
        return listener.open().onSuccess(v -> machine.activated(gen));
    }

    /** Flushes, then (only if every flush succeeded, unless {@code drainAnyway}) drains. Fails with the flush errors. */
    private Future<Void> flushThenDrain(long gen, List<String> kinds, long timeoutMs, boolean drainAnyway) {
        machine.phase("requested", Map.of("inFlight", admission.inFlight()));
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
    private Future<Void> finalFlush(List<String> kinds) {
        return flush(kinds).onSuccess(v -> machine.phase("finalFlush", Map.of()));
    }

    private Future<Void> startDrain(long gen, long timeoutMs) {
        // setActiveMode while flushing: the node is active again, so this quiesce must not start refusing requests
        if (!machine.drain(gen)) return Future.failedFuture("superseded by setActiveMode");
        machine.phase("flushed", Map.of());
        int inFlight = admission.inFlight();
        machine.phase("draining", Map.of("inFlight", inFlight));
        LOG.info("draining {} requests in flight (at most {} ms)", inFlight, timeoutMs);
        return drain(timeoutMs);
    }

    private Future<Void> flush(List<String> kinds) {
        List<Future<Integer>> all = new ArrayList<>();
        for (Flushable f : flushables) {
            // a kind the product does not name (transaction_events) goes with every flush, whatever was selected
            if (!kinds.contains(f.kind()) && QuiesceRequest.KINDS.contains(f.kind())) continue;
            all.add(flushOne(f).onComplete(ar -> {
                machine.flushed(f.kind(), ar.succeeded() ? ar.result() : 0, ar.succeeded() ? null : ar.cause().getMessage());
                if (ar.succeeded()) LOG.info("flushed {}: {} records", f.kind(), ar.result());
                else LOG.warn("flush of {} failed: {}", f.kind(), ar.cause().getMessage());
            }));
        }
        return Future.join(all).transform(ar -> ar.succeeded() ? Future.<Void>succeededFuture()
            : Future.failedFuture("flush failed: " + ar.cause().getMessage()));
    }

    private static Future<Integer> flushOne(Flushable f) {
        try {
            return f.flush();
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }

    private Future<Void> drain(long timeoutMs) {
        Promise<Void> done = Promise.promise();
        admission.whenDrained().onComplete(v -> done.tryComplete());
        long timer = vertx.setTimer(Math.max(1, timeoutMs), t -> {
            if (done.tryComplete()) LOG.warn("drain timed out with {} requests in flight", admission.inFlight());
        });
        return done.future().onComplete(v -> {
            vertx.cancelTimer(timer);
            machine.phase("drained", Map.of("inFlight", admission.inFlight()));
            LOG.info("drained: {} requests in flight", admission.inFlight());
        });
    }
}
