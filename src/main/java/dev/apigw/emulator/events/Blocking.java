package dev.apigw.emulator.events;

import dev.apigw.emulator.store.StoreUnavailableException;
import io.vertx.core.Future;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waiting for a future, bounded, on the threads of this package that may block: the event writer's and worker
 * threads (Redis calls of a scan, the steps of a restore). Never called on an event loop. A failure or a timeout
 * becomes a {@link StoreUnavailableException} (the admin API answers 503).
 */
final class Blocking {
    private Blocking() {
    }

    static <T> T await(Future<T> f, long timeoutMs, String what) {
        try {
            return f.toCompletionStage().toCompletableFuture().get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted waiting for " + what, e);
        } catch (ExecutionException e) {
            throw new StoreUnavailableException(what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new StoreUnavailableException(what + " did not answer within " + timeoutMs + " ms", e);
        }
    }
}
