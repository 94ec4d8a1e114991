package dev.apigw.emulator.rehearsal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReconciliationTest {
    private static final DemoAssets.App APP = new DemoAssets.App("app1", "Client", "key", "cid", "secret",
        new DemoAssets.Api("A", "/gateway/A/1.0/x", "api1"));

    private static JsonObject published(String field, long... counts) {
        JsonArray records = new JsonArray();
        for (long c : counts) records.add(new JsonObject().put("apiName", "A").put(field, c));
        records.add(new JsonObject().put("apiName", "Other").put(field, 1000));
        return new JsonObject().put("published", records);
    }

    private static JsonObject node(long... counts) {
        return new JsonObject().put(Reconciliation.PERFORMANCE, published("count", counts))
            .put(Reconciliation.LICENSE, published("transactions", counts));
    }

    private static TrafficTally traffic(int old, int fresh) {
        TrafficTally t = new TrafficTally();
        for (int i = 0; i < old; i++) t.answered(TrafficTally.OLD, "A", 200);
        for (int i = 0; i < fresh; i++) t.answered(TrafficTally.NEW, "A", 200);
        return t;
    }

    @Test
    void totals_reconcile_when_each_node_published_what_it_answered() {
        TrafficTally probes = new TrafficTally();
        probes.answered(TrafficTally.OLD, "A", 200);
        JsonObject row = new Reconciliation(traffic(5, 3), probes).apis(List.of(APP), node(4, 2), node(4, 2, 3)).getJsonObject(0);
        assertTrue(row.getBoolean("ok"), row.encode());
        assertEquals(6, row.getLong("answeredOld"), "the set-up probe counts on the old node");
        assertEquals(3, row.getLong("newOwnPerformance"));
    }

    @Test
    void one_lost_count_is_a_mismatch() {
        JsonObject row = new Reconciliation(traffic(5, 3), new TrafficTally()).apis(List.of(APP), node(5), node(5, 2)).getJsonObject(0);
        assertFalse(row.getBoolean("ok"), row.encode());
    }

    @Test
    void an_abandoned_call_may_or_may_not_have_been_counted() {
        assertTrue(Reconciliation.within(10, 10, 1));
        assertTrue(Reconciliation.within(11, 10, 1));
        assertFalse(Reconciliation.within(12, 10, 1));
        assertFalse(Reconciliation.within(9, 10, 1));
    }

    @Test
    void quota_usage_counts_every_call_served_by_either_node() {
        Reconciliation r = new Reconciliation(traffic(5, 3), new TrafficTally());
        assertTrue(r.quotas(List.of(APP), List.of(new JsonObject().put("successCount", 8).put("failureCount", 0)))
            .getJsonObject(0).getBoolean("ok"));
        assertFalse(r.quotas(List.of(APP), List.of(new JsonObject().put("successCount", 5).put("failureCount", 0)))
            .getJsonObject(0).getBoolean("ok"), "the old node's counts were not carried over");
    }
}
