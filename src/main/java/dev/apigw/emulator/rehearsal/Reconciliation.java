package dev.apigw.emulator.rehearsal;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Nothing lost, per API: the performance-metric count and the license transactions the old node published equal the
 * calls it answered; the new node's, after reindex logsevents copied the old node's records and its own final flush,
 * equal the calls both answered. "Answered" is what the traffic (and the set-up probes) saw answered by an admitted
 * request, served or not: exactly what a node counts. A call the client abandoned (never, unless it timed out) may
 * or may not have reached the node, which then counts it as 499: each such call widens the accepted range by one.
 * Per application, the new node's quota usage counts every call served by either node as a success (an abandoned
 * call is a 499, a failure, so the success count stays exact).
 */
final class Reconciliation {
    static final String PERFORMANCE = "performance_metrics";
    static final String LICENSE = "license_metrics";

    private final TrafficTally traffic;
    private final TrafficTally probes;

    Reconciliation(TrafficTally traffic, TrafficTally probes) {
        this.traffic = traffic;
        this.probes = probes;
    }

    /** One row per API; {@code oldPublished}/{@code newPublished}: kind → the node's {@code metrics/published} answer. */
    JsonArray apis(List<DemoAssets.App> apps, JsonObject oldPublished, JsonObject newPublished) {
        JsonArray rows = new JsonArray();
        for (DemoAssets.App app : apps) {
            String api = app.api().name();
            long countedOld = counted(TrafficTally.OLD, api);
            long countedNew = counted(TrafficTally.NEW, api);
            long abortedOld = traffic.abortedCount(TrafficTally.OLD, api);
            long abortedAll = abortedOld + traffic.abortedCount(TrafficTally.NEW, api);
            long oldPerf = total(oldPublished.getJsonObject(PERFORMANCE), api, "count");
            long oldLic = total(oldPublished.getJsonObject(LICENSE), api, "transactions");
            long newPerf = total(newPublished.getJsonObject(PERFORMANCE), api, "count");
            long newLic = total(newPublished.getJsonObject(LICENSE), api, "transactions");
            boolean ok = within(oldPerf, countedOld, abortedOld) && within(oldLic, countedOld, abortedOld)
                && within(newPerf, countedOld + countedNew, abortedAll) && within(newLic, countedOld + countedNew, abortedAll);
            rows.add(new JsonObject().put("api", api)
                .put("servedOld", served(TrafficTally.OLD, api)).put("servedNew", served(TrafficTally.NEW, api))
                .put("answeredOld", countedOld).put("answeredNew", countedNew).put("aborted", abortedAll)
                .put("oldPerformance", oldPerf).put("oldLicense", oldLic)
                .put("newPerformance", newPerf).put("newLicense", newLic)
                .put("newOwnPerformance", newPerf - oldPerf).put("newOwnLicense", newLic - oldLic).put("ok", ok));
        }
        return rows;
    }

    /** One row per application: the new node's usage against the calls served to it by both nodes. */
    JsonArray quotas(List<DemoAssets.App> apps, List<JsonObject> usages) {
        JsonArray rows = new JsonArray();
        for (int i = 0; i < apps.size(); i++) {
            DemoAssets.App app = apps.get(i);
            JsonObject usage = usages.get(i);
            String api = app.api().name();
            long expected = served(TrafficTally.OLD, api) + served(TrafficTally.NEW, api);
            long success = usage.getLong("successCount", -1L);
            rows.add(new JsonObject().put("application", app.name()).put("api", api).put("servedByBoth", expected)
                .put("successCount", success).put("failureCount", usage.getLong("failureCount", -1L))
                .put("quota", usage.getString("quota")).put("ok", success == expected));
        }
        return rows;
    }

    private long counted(String node, String api) {
        return traffic.answered(node, api) + probes.answered(node, api);
    }

    private long served(String node, String api) {
        return traffic.served(node, api) + probes.served(node, api);
    }

    /** {@code counted} calls were certainly counted; {@code aborted} more may have been. */
    static boolean within(long published, long counted, long aborted) {
        return published >= counted && published <= counted + aborted;
    }

    /** The sum of {@code field} over a node's published records of {@code apiName}. */
    static long total(JsonObject published, String apiName, String field) {
        if (published == null) return -1;
        long sum = 0;
        for (Object o : published.getJsonArray("published", new JsonArray())) {
            JsonObject r = (JsonObject) o;
            if (apiName.equals(r.getString("apiName"))) sum += r.getLong(field, 0L);
        }
        return sum;
    }
}
