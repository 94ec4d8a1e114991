package dev.apigw.emulator.rehearsal;

import java.time.Instant;

/**
 * The rehearsal's traffic: virtual users calling the two APIs on the old node and moving to the new one when the old
 * one refuses them. Two implementations classify the same way and write the same {@code traffic.json}: the built-in
 * Vert.x generator (CI) and Gatling simulation (c). Driven from the orchestrator's thread.
 */
interface Traffic {
    /** Starts it; returns once calls are being sent. */
    void start();

    /** When the first calls were sent. */
    Instant startedAt();

    /**
     * Lets the traffic end: at its duration, or at {@code notBefore} if that is later, so the new node still gets
     * traffic when the runbook's steps took longer than planned. Until then the built-in generator keeps sending;
     * Gatling's duration was fixed at its start, so it ignores this.
     */
    void release(Instant notBefore);

    /** Waits for the end of the traffic and the answer to its last call; how every call ended. */
    TrafficTally finish();
}
