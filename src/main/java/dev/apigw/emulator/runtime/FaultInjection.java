package dev.apigw.emulator.runtime;

import io.vertx.core.Vertx;
import java.util.Map;

/**
 * The emulator's per-API backend faults (set through {@code /emulator/faults}) applied just before an exchange goes
 * to its backend: a status answered instead, a backend reset, or added latency. With no fault set an exchange pays
 * one volatile read ({@link BackendFaults#of}).
 */
final class FaultInjection {
    private final Vertx vertx;
    private final BackendFaults faults;

    FaultInjection(Vertx vertx, BackendFaults faults) {
        this.vertx = vertx;
        this.faults = faults;
    }

    /** The fault set for the exchange's API, or null (the common case: the caller then sends without closures). */
    ApiFault of(Exchange exchange) {
        return faults.of(exchange.api().id());
    }

    /** Runs {@code send} now, later, or never (answering with {@code fail} instead), as the API's fault draws. */
    void around(Exchange exchange, ApiFault fault, Runnable send, java.util.function.Consumer<Throwable> fail) {
        switch (fault.draw()) {
            case STATUS -> {
                fault.injected().status().increment();
                fail.accept(new GatewayException(fault.failStatus(), "INJECTED_FAULT", "status " + fault.failStatus()
                    + " injected by the emulator", Map.of("X-Emulator-Fault", "status")));
            }
            case RESET -> {
                fault.injected().reset().increment();
                fail.accept(new GatewayException(503, "INJECTED_FAULT", "Unable to connect to the native service: "
                    + "Connection reset by peer (injected)", Map.of("X-Emulator-Fault", "reset")));
            }
            default -> {
                if (fault.latencyMs() <= 0) {
                    send.run();
                    return;
                }
                fault.injected().latency().increment();
                vertx.setTimer(fault.latencyMs(), t -> {
                    if (!exchange.lifecycle().finished()) send.run(); // the client may have gone meanwhile
                });
            }
        }
    }
}
