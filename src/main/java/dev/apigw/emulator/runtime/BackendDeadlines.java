package dev.apigw.emulator.runtime;

import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;

/**
 * Bounds how long a backend may stay silent ({@code runtime.backendTimeoutMs}): from the end of the upload to the
 * response head, and between chunks of the response body. One instance per forwarder, so per event loop, and confined
 * to it. A periodic sweep walks the calls in flight, kept in an intrusive list, instead of one Vert.x timer per
 * request: a timer is a scheduled task, a boxed id and a map entry, set and cancelled for every request, about 2 % of
 * a request's CPU in the routing profile. Activity is stamped with the sweep's coarse clock, so relaying a chunk reads
 * no clock. A silence is cut once it lasted longer than the timeout plus one period: never early, at most two periods
 * late (the period is a tenth of the timeout, between 5 and 250 ms).
 */
final class BackendDeadlines {
    /** One call to a backend, in the list while the backend owes it an answer. Confined to the owner's event loop. */
    abstract static class Watch {
        private Watch prev;
        private Watch next;
        private long lastActivity;
        private BackendDeadlines owner;

        /** The backend said something (the response head or a body chunk): its silence starts again. */
        final void touch() {
            if (owner != null) lastActivity = owner.now;
        }

        /** The backend owes nothing more (the response ended or failed, the call was reset). */
        final void done() {
            if (owner != null) owner.unlink(this);
        }

        /** The backend stayed silent too long: fail the call. Runs after the watch left the list. */
        abstract void expired();
    }

    private static final class Sentinel extends Watch {
        @Override
        void expired() {
        }
    }

    private final Vertx vertx;
    private final long timeoutNanos;
    private final long periodMs;
    private final Watch head = new Sentinel();
    private long now = System.nanoTime();
    private long timer = -1;

    BackendDeadlines(Vertx vertx, long timeoutMs) {
        this.vertx = vertx;
        this.timeoutNanos = timeoutMs * 1_000_000;
        this.periodMs = Math.max(5, Math.min(250, timeoutMs / 10));
        head.prev = head;
        head.next = head;
    }

    void start() {
        timer = vertx.setPeriodic(periodMs, id -> sweep());
    }

    void stop() {
        if (timer >= 0) vertx.cancelTimer(timer);
        timer = -1;
    }

    /** From now ({@code nowNanos}, a {@link System#nanoTime} reading) the backend owes {@code w} an answer. */
    void watch(Watch w, long nowNanos) {
        if (w.owner != null) return;
        w.owner = this;
        w.lastActivity = nowNanos;
        w.prev = head.prev;
        w.next = head;
        head.prev.next = w;
        head.prev = w;
    }

    private void unlink(Watch w) {
        w.prev.next = w.next;
        w.next.prev = w.prev;
        w.prev = null;
        w.next = null;
        w.owner = null;
    }

    /** The list keeps registration order, not activity order (a touch does not move an entry): walk it all. */
    private void sweep() {
        now = System.nanoTime();
        long limit = timeoutNanos + periodMs * 1_000_000;
        List<Watch> late = null;
        for (Watch w = head.next; w != head; w = w.next) {
            if (now - w.lastActivity > limit) {
                if (late == null) late = new ArrayList<>();
                late.add(w);
            }
        }
        if (late == null) return;
        // failing a call runs its callbacks, which may end other calls: unlink first, then fail
        for (Watch w : late) unlink(w);
        for (Watch w : late) w.expired();
    }

    /** Calls watched now (tests). */
    int watched() {
        int n = 0;
        for (Watch w = head.next; w != head; w = w.next) n++;
        return n;
    }
}
