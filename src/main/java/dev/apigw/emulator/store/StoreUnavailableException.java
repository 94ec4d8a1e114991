package dev.apigw.emulator.store;

/** The store could not do what was asked: disk failure, Redis down or slow. Callers answer 503. */
public final class StoreUnavailableException extends RuntimeException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
