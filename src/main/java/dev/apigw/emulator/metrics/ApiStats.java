package dev.apigw.emulator.metrics;

import io.vertx.core.json.JsonObject;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * Performance figures of one API for the current interval, updated from every event loop without locks. Draining
 * reads and resets each figure separately, so a request landing mid-drain counts in one interval or the next,
 * never in none.
 */
final class ApiStats {
    private final String apiId;
    private final String apiName;
    private final String apiVersion;
    private final LongAdder count = new LongAdder();
    private final LongAdder success = new LongAdder();
    private final LongAdder failure = new LongAdder();
    private final Timing total = new Timing();
    private final Timing backend = new Timing();

    ApiStats(String apiId, String apiName, String apiVersion) {
        this.apiId = apiId;
        this.apiName = apiName;
        this.apiVersion = apiVersion;
    }

    void record(int status, long totalNanos, long backendNanos) {
        count.increment();
        if (status > 0 && status < 400) success.increment();
        else failure.increment();
        total.record(totalNanos);
        if (backendNanos >= 0) backend.record(backendNanos);
    }

    /** The interval's record, or null when no request came. */
    JsonObject drain(String start, String end) {
        long n = count.sumThenReset();
        long ok = success.sumThenReset();
        long ko = failure.sumThenReset();
        JsonObject t = total.drain();
        JsonObject b = backend.drain();
        if (n == 0) return null;
        return new JsonObject().put("apiId", apiId).put("apiName", apiName).put("apiVersion", apiVersion)
            .put("intervalStart", start).put("intervalEnd", end).put("count", n).put("success", ok).put("failure", ko)
            .put("totalTimeMs", t).put("backendTimeMs", b);
    }

    /** min / avg / max of durations, in milliseconds. */
    private static final class Timing {
        private final LongAdder n = new LongAdder();
        private final LongAdder sum = new LongAdder();
        private final LongAccumulator min = new LongAccumulator(Math::min, Long.MAX_VALUE);
        private final LongAccumulator max = new LongAccumulator(Math::max, 0);

        void record(long nanos) {
            n.increment();
            sum.add(nanos);
            min.accumulate(nanos);
            max.accumulate(nanos);
        }

        JsonObject drain() {
            long count = n.sumThenReset();
            long total = sum.sumThenReset();
            long lo = min.getThenReset();
            long hi = max.getThenReset();
            if (count == 0) return new JsonObject().put("min", 0.0).put("avg", 0.0).put("max", 0.0);
            return new JsonObject().put("min", ms(lo)).put("avg", ms(total / count)).put("max", ms(hi));
        }

        private static double ms(long nanos) {
            return Math.round(nanos / 1_000.0) / 1_000.0;
        }
    }
}
