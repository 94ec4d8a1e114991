package dev.apigw.emulator.quiesce;

import dev.apigw.emulator.metrics.Flushable;
import dev.apigw.emulator.runtime.Admission;
import dev.apigw.emulator.runtime.GatewayException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * The node's quiesce state machine (design.md, "Quiesce"), shared by every event loop and the quiesce port.
 * ACTIVE / DESIGNTIME_BLOCKED → FLUSHING → DRAINING → QUIESCED, and back to ACTIVE through {@link #activate()}.
 *
 * <p>Admission is lock-free: {@link #tryEnter()} increments the in-flight count before it reads the state, so a
 * drain that sees zero in flight can never miss a request admitted just before. Mode changes are rare and
 * short (no I/O inside), so they are {@code synchronized}; the flush, drain and close steps run asynchronously
 * in {@link QuiesceSequence}.
 */
public final class QuiesceController implements Admission {
    private final AtomicReference<QuiesceState> state = new AtomicReference<>(QuiesceState.ACTIVE);
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicReference<Promise<Void>> drained = new AtomicReference<>();
    private final QuiesceReceipt receipt = new QuiesceReceipt();
    private final QuiesceSequence sequence;
    private final BooleanSupplier quiescePortReady;
    private volatile JsonObject settings = new JsonObject().put("enable", false);
    private volatile String status = "success";
    private volatile String failureReason;
    private long generation;

    public QuiesceController(Vertx vertx, List<Flushable> flushables, GatewayEvents events, BooleanSupplier quiescePortReady,
                             long drainTimeoutMs, boolean keepListening) {
        this.quiescePortReady = quiescePortReady;
        this.sequence = new QuiesceSequence(vertx, this, flushables, events, receipt, drainTimeoutMs, keepListening);
    }

    /** The main port's listener, known once the main verticles are deployed. */
    public void attach(MainListener listener) {
        sequence.attach(listener);
    }

    @Override
    public boolean tryEnter() {
        inFlight.incrementAndGet();
        if (state.get().admits()) return true;
        exit();
        return false;
    }

    @Override
    public void exit() {
        if (inFlight.decrementAndGet() == 0) {
            Promise<Void> p = drained.get();
            if (p != null) p.tryComplete();
        }
    }

    /** While draining or quiesced, responses carry {@code Connection: close} so keep-alive clients move off. */
    @Override
    public boolean closeConnections() {
        QuiesceState s = state.get();
        return s == QuiesceState.DRAINING || s == QuiesceState.QUIESCED;
    }

    /** Readiness on the main port: false from the start of the drain. */
    public boolean accepting() {
        return state.get().admits();
    }

    /** Design-time writes are refused from designtime quiesce until the node is active again. */
    public boolean designTimeBlocked() {
        return state.get() != QuiesceState.ACTIVE;
    }

    public QuiesceState state() {
        return state.get();
    }

    public int inFlight() {
        return inFlight.get();
    }

    /** The body of {@code GET /rest/apigateway/quiescemode}: settings, status and the receipt of the last run. */
    public JsonObject view() {
        // the PUT answers status null (the product's "not yet known"); GET spells it out
        JsonObject out = settings.copy().put("status", status == null ? "in progress" : status).put("failureReason", failureReason)
            .put("state", state.get().name()).put("inFlight", inFlight.get());
        return out.put("receipt", receipt.toJson());
    }

    /** Applies a PUT; returns the response body or throws the product's 400 / 409 / 500. */
    public synchronized JsonObject change(QuiesceRequest r) {
        QuiesceState s = state.get();
        if (r.all() && !r.enable()) {
            throw GatewayException.admin(400, "QUIESCE_ALL_NOT_DISABLEABLE", "Quiesce mode for all cannot be disabled "
                + "through this API; call /invoke/wm.server.quiesce/setActiveMode on the quiesce port");
        }
        if (s.blocksAll()) throw conflict("Quiesce mode for all is already in effect");
        if (r.all()) return startAll(r.flush(), s);
        if (r.enable() == (s == QuiesceState.DESIGNTIME_BLOCKED)) {
            throw conflict(r.enable() ? "Quiesce mode for designtime is already in effect" : "Quiesce mode is not enabled");
        }
        state.set(r.enable() ? QuiesceState.DESIGNTIME_BLOCKED : QuiesceState.ACTIVE);
        settings = new JsonObject().put("enable", r.enable()).put("block", "designtime");
        succeed();
        if (r.enable()) sequence.designTimeCompleted(view());
        return settings.copy().put("status", status);
    }

    private JsonObject startAll(List<String> kinds, QuiesceState previous) {
        if (!quiescePortReady.getAsBoolean()) {
            throw GatewayException.admin(500, "QUIESCE_PORT_MISSING", "A valid quiesce port should be set, enabled, not "
                + "suspended and have allow access mode prior to enable quiesce for all");
        }
        settings = new JsonObject().put("enable", true).put("block", "all").put("flush", new JsonArray(kinds));
        status = null;
        failureReason = null;
        receipt.reset();
        state.set(QuiesceState.FLUSHING);
        sequence.runAll(++generation, kinds, previous);
        return settings.copy().put("status", (String) null);
    }

    /** Shutdown: flush everything, then drain up to the timeout (0 = do not wait). Completes when both are done. */
    public Future<Void> quiesceForShutdown(long drainTimeoutMs) {
        long gen;
        // state changes of the controller are short and I/O-free; the monitor only orders concurrent admin calls
        synchronized (this) {
            if (!state.get().blocksAll()) {
                settings = new JsonObject().put("enable", true).put("block", "all").put("flush", new JsonArray(QuiesceRequest.KINDS));
                status = null;
                receipt.reset();
                state.set(QuiesceState.FLUSHING);
            }
            gen = ++generation;
        }
        return sequence.flushThenDrain(gen, QuiesceRequest.KINDS, drainTimeoutMs, true)
            .transform(ar -> sequence.finalFlush(QuiesceRequest.KINDS)
                .transform(f -> ar.succeeded() ? (Future<Void>) f : Future.<Void>failedFuture(ar.cause())));
    }

    /** {@code setActiveMode}: opens the main port again and lifts every block. */
    public Future<Void> activate() {
        // short, I/O-free state changes; the monitor orders them against a quiesce started from another event loop
        synchronized (this) {
            generation++; // a quiesce still running stops at its next step
        }
        return sequence.reopen().onSuccess(v -> {
            // same monitor, same reason: three field writes, never a wait on I/O
            synchronized (this) {
                state.set(QuiesceState.ACTIVE);
                settings = settings.copy().put("enable", false);
                succeed();
            }
        });
    }

    // ---- called by QuiesceSequence ----

    synchronized boolean current(long gen) {
        return gen == generation;
    }

    void enter(QuiesceState next) {
        state.set(next);
    }

    /** A promise completed when nothing is in flight any more (maybe at once). Call after entering DRAINING. */
    Future<Void> whenDrained() {
        Promise<Void> p = Promise.promise();
        drained.set(p);
        if (inFlight.get() == 0) p.tryComplete();
        return p.future();
    }

    synchronized void succeed() {
        status = "success";
        failureReason = null;
    }

    synchronized void fail(QuiesceState backTo, String reason) {
        state.set(backTo);
        status = "failure";
        failureReason = reason;
    }

    private static GatewayException conflict(String message) {
        return GatewayException.admin(409, "QUIESCE_CONFLICT", message);
    }
}
