package dev.apigw.emulator.migration;

import dev.apigw.emulator.metrics.LicenseMetrics;
import dev.apigw.emulator.metrics.PerformanceMetrics;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * The runtime data a {@code logsevents} reindex copies: the published records of each metrics kind (performance and
 * license metrics) and the persisted subscription quota counters ({@code settings/quotaAccumulator}, or null).
 */
record LogsEvents(Map<String, List<JsonObject>> records, JsonObject quotaCounters) {
    static final List<String> KINDS = List.of(PerformanceMetrics.KIND, LicenseMetrics.KIND);
    static final String QUOTA_COUNTERS = "quotaAccumulator";
}
