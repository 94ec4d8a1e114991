package dev.apigw.emulator.rehearsal;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * Waiting on the orchestrator's own thread (the rehearsal runs its steps one after another, like an operator at a
 * terminal). Never called on an event loop: the traffic, the backend and the webhook receiver run on Vert.x and
 * never wait.
 */
final class Sync {
    private Sync() {
    }

    /** The future's result, or an {@link IllegalStateException} naming {@code what}. */
    static <T> T await(Future<T> future, Duration timeout, String what) {
        try {
            // a blocking wait, on the orchestrator's main thread only (see the class comment), never an event loop
            return future.toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(what + " failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(what + " did not complete within " + timeout.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + ": interrupted");
        }
    }

    /** Polls {@code condition} every {@code everyMs} until it holds; false when {@code timeout} passed first. */
    static boolean poll(Duration timeout, long everyMs, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) return false;
            pause(everyMs);
        }
        return true;
    }

    /** Sleeps on the orchestrator's thread: a schedule (wait until a phase is due), never synchronisation. */
    static void pause(long millis) {
        try {
            Thread.sleep(Math.max(0, millis)); // the orchestrator's main thread, never an event loop
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }
}
