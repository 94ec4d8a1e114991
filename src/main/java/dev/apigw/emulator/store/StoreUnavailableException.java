package dev.apigw.emulator.store;

/** The store could not do what was asked: disk failure, Redis down or slow. Callers answer 503. */
public final class StoreUnavailableException extends RuntimeException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause, false, false);
    }

    /** A failed future: {@code err} itself when it already says the store is unavailable, else "what: its message". */
    static <T> io.vertx.core.Future<T> failed(String what, Throwable err) {
        return io.vertx.core.Future.failedFuture(err instanceof StoreUnavailableException ? err
            : new StoreUnavailableException(what + ": " + err.getMessage(), err));
    }
}
