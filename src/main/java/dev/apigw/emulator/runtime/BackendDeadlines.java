package dev.apigw.emulator.runtime;

import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds how long a backend may stay silent ({@code runtime.backendTimeoutMs}): from the end of the upload to the
 * response head, and between chunks of the response body. One instance per forwarder, so per event loop, and confined
 * to it. A periodic sweep walks the calls in flight, kept in an intrusive list, instead of one Vert.x timer per
 * request: a timer is a scheduled task, a boxed id and a map entry, set and cancelled for every request, about 1.5 %
 * of a request's CPU in the routing profile. Activity is only flagged and stamped by the next sweep, so relaying a
 * chunk reads no clock. A stamp is never earlier than the activity it records, so a silence is never cut early;
 * it is cut at most two periods late (the period is a tenth of the timeout, between 5 and 250 ms).
 */
final class BackendDeadlines {
    private static final Logger LOG = LoggerFactory.getLogger(BackendDeadlines.class);
    /** One call to a backend, in the list while the backend owes it an answer. Confined to the owner's event loop. */
    abstract static class Watch {
        private Watch prev;
        private Watch next;
        private long lastActivity;
        private boolean touched;
        private boolean finished;
        private BackendDeadlines owner;

        /**
         * The backend said something (the response head or a body chunk): its silence starts again. Only a flag: the
         * next sweep stamps it with its own clock reading, so relaying a chunk reads no clock and a late sweep can
         * only make the cut later, never earlier.
         */
        final void touch() {
            touched = true;
        }

        /** The backend owes nothing more (the response ended or failed, the call was reset); final, even unwatched. */
        final void done() {
            finished = true;
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
        if (w.owner != null || w.finished) return; // e.g. the answer ended before the upload did
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
        long now = System.nanoTime();
        List<Watch> late = null;
        for (Watch w = head.next; w != head; w = w.next) {
            if (w.touched) {
                w.touched = false;
                w.lastActivity = now;
            } else if (now - w.lastActivity > timeoutNanos) {
                if (late == null) late = new ArrayList<>();
                late.add(w);
            }
        }
        if (late == null) return;
        // failing a call runs its callbacks, which may end other calls: unlink all first, then fail each
        for (Watch w : late) unlink(w);
        for (Watch w : late) expire(w);
    }

    /** One call's failure must not leave the others unfailed (their exchanges would never end). */
    private static void expire(Watch w) {
        try {
            w.finished = true;
            w.expired();
        } catch (RuntimeException e) {
            LOG.warn("failing a silent backend call failed: {}", e.toString());
        }
    }

    /** Calls watched now (tests). */
    int watched() {
        int n = 0;
        for (Watch w = head.next; w != head; w = w.next) n++;
        return n;
    }
}
