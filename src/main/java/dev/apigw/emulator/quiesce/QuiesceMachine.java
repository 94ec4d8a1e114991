package dev.apigw.emulator.quiesce;

import dev.apigw.emulator.quiesce.QuiesceSnapshot.Status;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * The node's quiesce state machine (design.md, "Quiesce"): ACTIVE / DESIGNTIME_BLOCKED → FLUSHING → DRAINING →
 * QUIESCED, and back to ACTIVE through an activation. Pure: it holds one immutable {@link QuiesceSnapshot} swapped by
 * compare-and-set, does no I/O, and its transitions return what happened (a refusal names why) instead of HTTP codes
 * or JSON. Safe from any thread; {@link QuiesceSequence} drives the asynchronous steps.
 */
public final class QuiesceMachine {
    /** Why a requested transition was not applied. */
    public enum Refusal { NONE, ALL_NOT_DISABLEABLE, ALL_IN_EFFECT, DESIGNTIME_IN_EFFECT, NOT_ENABLED, QUIESCE_PORT_MISSING }

    /** The outcome of a request: applied (refusal NONE) with the snapshot it made, or refused with the one in force. */
    public record Transition(Refusal refusal, QuiesceSnapshot snapshot) {
        public boolean applied() {
            return refusal == Refusal.NONE;
        }
    }

    private final AtomicReference<QuiesceSnapshot> current = new AtomicReference<>(QuiesceSnapshot.INITIAL);

    public QuiesceSnapshot snapshot() {
        return current.get();
    }

    /** A {@code PUT /quiescemode}: design time on or off, or the start of a quiesce for all. */
    public Transition request(QuiesceRequest r, boolean quiescePortReady) {
        while (true) {
            QuiesceSnapshot s = current.get();
            Refusal refusal = refusal(s, r, quiescePortReady);
            if (refusal != Refusal.NONE) return new Transition(refusal, s);
            QuiesceSnapshot next = r.all() ? startAll(s, r.flush())
                : new QuiesceSnapshot(r.enable() ? QuiesceState.DESIGNTIME_BLOCKED : QuiesceState.ACTIVE, r.enable(),
                    "designtime", List.of(), Status.SUCCESS, null, s.generation(), s.receipt());
            if (current.compareAndSet(s, next)) return new Transition(Refusal.NONE, next);
        }
    }

    private static Refusal refusal(QuiesceSnapshot s, QuiesceRequest r, boolean quiescePortReady) {
        if (r.all() && !r.enable()) return Refusal.ALL_NOT_DISABLEABLE;
        if (s.state().blocksAll()) return Refusal.ALL_IN_EFFECT;
        if (r.all()) return quiescePortReady ? Refusal.NONE : Refusal.QUIESCE_PORT_MISSING;
        boolean blocked = s.state() == QuiesceState.DESIGNTIME_BLOCKED;
        if (r.enable() == blocked) return r.enable() ? Refusal.DESIGNTIME_IN_EFFECT : Refusal.NOT_ENABLED;
        return Refusal.NONE;
    }

    private static QuiesceSnapshot startAll(QuiesceSnapshot s, List<String> kinds) {
        return new QuiesceSnapshot(QuiesceState.FLUSHING, true, "all", kinds, Status.IN_PROGRESS, null,
            s.generation() + 1, QuiesceReceipt.EMPTY);
    }

    /** Shutdown: starts a quiesce for all of every kind unless one is in effect; always a new generation. */
    public QuiesceSnapshot beginShutdown() {
        return update(s -> s.state().blocksAll()
            ? new QuiesceSnapshot(s.state(), s.enable(), s.block(), s.flush(), s.status(), s.failureReason(),
                s.generation() + 1, s.receipt())
            : startAll(s, QuiesceRequest.KINDS));
    }

    /** FLUSHING → DRAINING, if {@code generation} is still the one in force; true when it is. */
    public boolean drain(long generation) {
        QuiesceSnapshot after = update(s -> s.generation() == generation && s.state() == QuiesceState.FLUSHING
            ? s.with(QuiesceState.DRAINING) : s);
        return after.generation() == generation;
    }

    /** → QUIESCED with status success, if {@code generation} is still the one in force. */
    public boolean quiesced(long generation) {
        QuiesceSnapshot after = update(s -> s.generation() == generation
            ? s.with(QuiesceState.QUIESCED).with(Status.SUCCESS, null) : s);
        return after.generation() == generation && after.state() == QuiesceState.QUIESCED;
    }

    /** A quiesce that could not complete: back to {@code backTo}, status failure with the reason. */
    public void failed(long generation, QuiesceState backTo, String reason) {
        update(s -> s.generation() == generation ? s.with(backTo).with(Status.FAILURE, reason) : s);
    }

    /** The start of {@code setActiveMode}: a new generation, so a quiesce still running stops at its next step. */
    public long activating() {
        return update(s -> new QuiesceSnapshot(s.state(), s.enable(), s.block(), s.flush(), s.status(),
            s.failureReason(), s.generation() + 1, s.receipt())).generation();
    }

    /** The end of {@code setActiveMode}: every block lifted, if no other request came in between. */
    public void activated(long generation) {
        update(s -> s.generation() == generation ? new QuiesceSnapshot(QuiesceState.ACTIVE, false, s.block(), s.flush(),
            Status.SUCCESS, null, generation, s.receipt()) : s);
    }

    public boolean isCurrent(long generation) {
        return current.get().generation() == generation;
    }

    /** Records that a phase of the quiesce began now. */
    public void phase(String name, Map<String, Object> facts) {
        update(s -> s.with(s.receipt().withPhase(name, facts)));
    }

    /** Records a flush of one kind (error null when it succeeded). */
    public void flushed(String kind, int count, String error) {
        update(s -> s.with(s.receipt().withFlush(kind, count, error)));
    }

    private QuiesceSnapshot update(UnaryOperator<QuiesceSnapshot> step) {
        return current.updateAndGet(step);
    }
}
