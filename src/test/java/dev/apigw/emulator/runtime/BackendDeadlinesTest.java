package dev.apigw.emulator.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The per-event-loop sweep that replaced a Vert.x timer per backend call: on a real event loop, no sockets. */
class BackendDeadlinesTest {
    private static final long TIMEOUT_MS = 200;
    private Vertx vertx;
    private Context loop;
    private BackendDeadlines deadlines;

    /** A call that notes when and how often it expired. */
    private static final class Call extends BackendDeadlines.Watch {
        final CompletableFuture<Long> expiredAt = new CompletableFuture<>();
        final AtomicInteger expirations = new AtomicInteger();

        @Override
        void expired() {
            expirations.incrementAndGet();
            expiredAt.complete(System.nanoTime());
        }
    }

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        loop = vertx.getOrCreateContext();
        deadlines = onLoop(() -> {
            BackendDeadlines d = new BackendDeadlines(vertx, TIMEOUT_MS);
            d.start();
            return d;
        });
    }

    @AfterEach
    void stop() throws Exception {
        onLoop(() -> {
            deadlines.stop();
            return null;
        });
        vertx.close().await();
    }

    @Test
    void a_silent_call_expires_once_and_never_before_its_timeout() throws Exception {
        Call call = new Call();
        long since = onLoop(() -> {
            long now = System.nanoTime();
            deadlines.watch(call, now);
            return now;
        });
        long expired = call.expiredAt.get(10, TimeUnit.SECONDS);
        assertTrue(expired - since >= TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MS),
            "expired after " + (expired - since) / 1_000_000 + " ms");
        assertEquals(0, (int) onLoop(deadlines::watched));
        Thread.sleep(3 * TIMEOUT_MS); // the test thread: later sweeps must not fail it again
        assertEquals(1, call.expirations.get());
    }

    @Test
    void a_call_done_before_it_is_watched_is_never_watched() throws Exception {
        Call call = new Call();
        int watched = onLoop(() -> {
            call.done(); // e.g. the backend answered before the upload ended
            deadlines.watch(call, System.nanoTime());
            return deadlines.watched();
        });
        assertEquals(0, watched);
    }

    @Test
    void a_call_that_keeps_talking_or_is_done_never_expires() throws Exception {
        Call talking = new Call();
        Call done = new Call();
        AtomicInteger touches = new AtomicInteger();
        onLoop(() -> {
            deadlines.watch(talking, System.nanoTime());
            deadlines.watch(done, System.nanoTime());
            done.done();
            vertx.setPeriodic(10, id -> {
                talking.touch();
                if (touches.incrementAndGet() == 100) vertx.cancelTimer(id); // ~1 s: five timeouts
            });
            return null;
        });
        while (touches.get() < 100) Thread.sleep(20); // the test thread, not the event loop
        assertEquals(0, talking.expirations.get() + done.expirations.get());
        assertEquals(1, (int) onLoop(deadlines::watched));
        onLoop(() -> {
            talking.done();
            return null;
        });
        assertEquals(0, (int) onLoop(deadlines::watched));
    }

    private <T> T onLoop(java.util.concurrent.Callable<T> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        loop.runOnContext(v -> {
            try {
                result.complete(work.call());
            } catch (Exception e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(10, TimeUnit.SECONDS);
    }
}
