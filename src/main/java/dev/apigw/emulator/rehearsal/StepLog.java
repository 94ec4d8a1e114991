package dev.apigw.emulator.rehearsal;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rehearsal's steps as they ran: name, start, end, outcome and what each returned. A step that throws is
 * recorded as failed and stops the sequence ({@link Failed}); the report then says where it stopped. Used from the
 * orchestrator's thread only.
 */
final class StepLog {
    private static final Logger LOG = LoggerFactory.getLogger(StepLog.class);

    /** One step: its outcome and details (the node's answers that matter). */
    record Step(String name, Instant startedAt, Instant endedAt, boolean ok, JsonObject detail) {
        JsonObject toJson() {
            return new JsonObject().put("name", name).put("startedAt", startedAt.toString()).put("endedAt", endedAt.toString())
                .put("ms", Duration.between(startedAt, endedAt).toMillis()).put("outcome", ok ? "ok" : "failed")
                .put("detail", detail);
        }
    }

    /** A step failed: the sequence stops there. */
    static final class Failed extends RuntimeException {
        Failed(String step, String reason) {
            super(step + ": " + reason, null, false, false);
        }
    }

    private final List<Step> steps = new ArrayList<>();

    JsonObject run(String name, Supplier<JsonObject> action) {
        Instant start = Instant.now();
        LOG.info("step: {}", name);
        try {
            JsonObject detail = action.get();
            steps.add(new Step(name, start, Instant.now(), true, detail == null ? new JsonObject() : detail));
            return detail;
        } catch (RuntimeException e) {
            String reason = e.getMessage() == null ? e.toString() : e.getMessage();
            LOG.error("step failed: {}: {}", name, reason);
            steps.add(new Step(name, start, Instant.now(), false, new JsonObject().put("error", reason)));
            throw new Failed(name, reason);
        }
    }

    boolean allOk() {
        return steps.stream().allMatch(Step::ok);
    }

    JsonArray toJson() {
        JsonArray out = new JsonArray();
        steps.forEach(s -> out.add(s.toJson()));
        return out;
    }

    List<Step> steps() {
        return List.copyOf(steps);
    }
}
