package dev.apigw.emulator.events;

import dev.apigw.emulator.runtime.GatewayException;

/**
 * What one query may spend: a deadline, checked every few thousand events and on every document read. A query
 * that runs out answers 400 asking to be narrowed rather than occupying a worker thread for long. Confined to the
 * query's thread.
 */
final class Budget {
    private final long deadline;
    private int ticks;

    Budget(long timeoutMs) {
        this.deadline = System.nanoTime() + timeoutMs * 1_000_000;
    }

    /** Counts one event examined. */
    void tick() {
        if ((++ticks & 4095) == 0) check();
    }

    void check() {
        if (System.nanoTime() > deadline) throw tooBroad();
    }

    static GatewayException tooBroad() {
        return GatewayException.admin(400, "SEARCH_TOO_BROAD", "The search reads too many events to answer in time; "
            + "narrow it with a creationDate range (\"since\") or a scope on apiName, apiId, applicationName, status "
            + "or responseCode");
    }
}
