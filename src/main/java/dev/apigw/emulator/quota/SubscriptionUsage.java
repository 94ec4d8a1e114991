package dev.apigw.emulator.quota;

import dev.apigw.emulator.store.AssetStore;
import dev.apigw.emulator.store.AssetType;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The usage of subscriptions in the product's shape ({@code GET /subscriptions/{applicationId}/usage}): stored
 * counts of the current cycle plus this node's counts not yet flushed. A subscription is an application whose
 * document names a {@code planId} whose plan has a quota.
 */
public final class SubscriptionUsage {
    private final SubscriptionQuotas quotas;

    public SubscriptionUsage(SubscriptionQuotas quotas) {
        this.quotas = quotas;
    }

    /** The quota of the application's plan; a succeeded null when it has none. */
    public static Future<PlanQuota> quotaFor(AssetStore store, String appId) {
        return store.get(AssetType.APPLICATIONS, appId).compose(app -> {
            String planId = app != null && app.getValue("planId") instanceof String p ? p : null;
            if (planId == null) return Future.succeededFuture(null);
            return store.get(AssetType.PLANS, planId).compose(plan -> plan == null ? Future.succeededFuture(null)
                : PlanQuota.of(store, plan).otherwise((PlanQuota) null)); // a plan that cannot be read has no usage
        });
    }

    /** The usage of one application; a succeeded null when it is not subscribed to a plan with a quota. */
    public Future<JsonObject> of(String appId) {
        AssetStore store = quotas.store();
        return Future.all(store.get(AssetType.APPLICATIONS, appId), quotaFor(store, appId), quotas.counters().get(appId))
            .map(all -> {
                JsonObject app = all.resultAt(0);
                PlanQuota quota = all.resultAt(1);
                if (app == null || quota == null) return null;
                return render(app, quota, all.resultAt(2));
            });
    }

    /** Every subscribed application's usage. */
    public Future<JsonArray> all() {
        return quotas.store().list(AssetType.APPLICATIONS).compose(apps -> {
            List<Future<JsonObject>> each = apps.stream()
                .filter(a -> a.getValue("planId") instanceof String && a.getValue("id") instanceof String)
                .map(a -> of(a.getString("id"))).toList();
            return Future.all(each).map(cf -> {
                JsonArray out = new JsonArray();
                for (Object o : cf.list()) if (o != null) out.add(o);
                return out;
            });
        });
    }

    private JsonObject render(JsonObject app, PlanQuota quota, JsonObject stored) {
        long now = System.currentTimeMillis();
        String appId = app.getString("id");
        long[] local = quotas.pending(appId);
        QuotaCycle cycle = stored != null ? QuotaCycle.fromJson(stored) : new QuotaCycle(local[2] > 0 ? local[2] : now, 0, 0);
        cycle = cycle.at(now, quota.intervalMillis()).plus(local[0], local[1]);
        long end = cycle.startTime() + quota.intervalMillis();
        long used = cycle.successCount() + cycle.failureCount();
        return new JsonObject().put("successCount", cycle.successCount()).put("failureCount", cycle.failureCount())
            .put("planId", quota.planId()).put("planName", quota.planName())
            .put("applicationId", appId).put("applicationName", app.getValue("name") instanceof String n ? n : null)
            .put("quotaAllowed", quota.quotaAllowed()).put("usedQuota", used)
            .put("interval", quota.interval()).put("intervalUnit", quota.intervalUnit())
            .put("startTime", cycle.startTime()).put("endTime", end)
            .put("remainingPeriod", remainingText(end - now)).put("quota", quota.text())
            .put("remainingPeriodInMillis", Math.max(0, end - now));
    }

    static String remainingText(long millis) {
        long minutes = millis / 60_000;
        if (minutes < 1) return "Less than 1 Minute left";
        if (minutes < 60) return minutes + (minutes == 1 ? " Minute left" : " Minutes left");
        long hours = minutes / 60;
        if (hours < 24) return hours + (hours == 1 ? " Hour left" : " Hours left");
        long days = hours / 24;
        return days + (days == 1 ? " Day left" : " Days left");
    }
}
