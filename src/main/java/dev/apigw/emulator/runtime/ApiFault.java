package dev.apigw.emulator.runtime;

import io.vertx.core.json.JsonObject;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

/**
 * The faults injected into one API's backend exchange (an emulator test aid): a delay before the backend is called,
 * a share of requests answered with a status instead of the backend's, and a share failed as if the backend had
 * reset the connection. Immutable settings; the counters of faults injected are thread-safe.
 *
 * @param latencyMs added before the request goes to the backend (0 = none)
 * @param failRate share of requests (0..1) answered with {@code failStatus} without calling the backend
 * @param resetRate share of requests (0..1) failed as a connection reset by the backend (503, as a real reset)
 */
public record ApiFault(String apiId, String apiName, String apiVersion, long latencyMs, double failRate, int failStatus,
                       double resetRate, Counts injected) {

    /** How many requests each kind of fault hit. */
    public record Counts(LongAdder latency, LongAdder status, LongAdder reset) {
        public Counts() {
            this(new LongAdder(), new LongAdder(), new LongAdder());
        }
    }

    /** What to do with one request, drawn once: fail with the status, reset, or go on (after the latency). */
    enum Draw { STATUS, RESET, PASS }

    Draw draw() {
        double r = ThreadLocalRandom.current().nextDouble();
        if (r < failRate) return Draw.STATUS;
        if (r < failRate + resetRate) return Draw.RESET;
        return Draw.PASS;
    }

    public JsonObject json() {
        return new JsonObject().put("apiId", apiId).put("apiName", apiName).put("apiVersion", apiVersion)
            .put("latencyMs", latencyMs).put("failRate", failRate).put("failStatus", failStatus).put("resetRate", resetRate)
            .put("injected", new JsonObject().put("latency", injected.latency().sum()).put("status", injected.status().sum())
                .put("reset", injected.reset().sum()));
    }
}
