package dev.apigw.emulator.runtime;

/**
 * Told once about every runtime request that reached an API, when its response has ended (or the connection
 * failed). Runs on the request's event loop: implementations only update counters (atomics, per-thread state).
 */
public interface ExchangeObserver {

    /** @param status the status sent to the client (0 when the connection failed before a response) */
    void completed(Exchange exchange, int status);
}
