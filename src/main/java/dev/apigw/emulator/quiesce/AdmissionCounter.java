package dev.apigw.emulator.quiesce;

import dev.apigw.emulator.runtime.Admission;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The runtime-facing half of quiesce: admits requests while the machine's state allows and counts those in flight.
 * Lock-free and shared by every event loop: {@link #tryEnter()} increments before it reads the state, so a drain that
 * sees zero in flight can never miss a request admitted just before it began.
 */
public final class AdmissionCounter implements Admission {
    private final QuiesceMachine machine;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicReference<Promise<Void>> drained = new AtomicReference<>();

    public AdmissionCounter(QuiesceMachine machine) {
        this.machine = machine;
    }

    @Override
    public boolean tryEnter() {
        inFlight.incrementAndGet();
        if (machine.snapshot().state().admits()) return true;
        exit();
        return false;
    }

    @Override
    public void exit() {
        if (inFlight.decrementAndGet() == 0) {
            Promise<Void> p = drained.get();
            if (p != null) p.tryComplete();
        }
    }

    @Override
    public boolean closeConnections() {
        return machine.snapshot().state().closesConnections();
    }

    public int inFlight() {
        return inFlight.get();
    }

    /** Completes when nothing is in flight any more (maybe at once). Call once the machine refuses new requests. */
    Future<Void> whenDrained() {
        Promise<Void> p = Promise.promise();
        drained.set(p);
        if (inFlight.get() == 0) p.tryComplete();
        return p.future();
    }
}
