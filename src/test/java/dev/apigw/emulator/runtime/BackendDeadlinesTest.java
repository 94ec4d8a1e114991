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

    /** A call that notes when it expired. */
    private static final class Call extends BackendDeadlines.Watch {
        final CompletableFuture<Long> expiredAt = new CompletableFuture<>();

        @Override
        void expired() {
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
            vertx.setPeriodic(20, id -> {
                talking.touch();
                if (touches.incrementAndGet() == 40) vertx.cancelTimer(id); // 800 ms: four timeouts
            });
            return null;
        });
        while (touches.get() < 40) Thread.sleep(20); // the test thread, not the event loop
        assertTrue(!talking.expiredAt.isDone() && !done.expiredAt.isDone());
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
