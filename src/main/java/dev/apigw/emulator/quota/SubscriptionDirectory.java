package dev.apigw.emulator.quota;

import dev.apigw.emulator.lifecycle.Lifecycle;
import dev.apigw.emulator.store.AssetStore;
import dev.apigw.emulator.store.AssetType;
import dev.apigw.emulator.store.CoalescingRebuild;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Which application is subscribed to which plan quota, for the runtime: an immutable map swapped after any change
 * of applications, plans, policies or policy actions, so requests never read the store. Rebuilds run on one
 * context; changes during a rebuild cause one more.
 */
public final class SubscriptionDirectory implements Lifecycle {
    private final AssetStore store;
    private final AtomicReference<Map<String, PlanQuota>> quotas = new AtomicReference<>(Map.of());
    private final CoalescingRebuild rebuilds;

    public SubscriptionDirectory(Vertx vertx, AssetStore store) {
        this.store = store;
        this.rebuilds = new CoalescingRebuild(vertx, "subscription directory", this::rebuild);
        store.onChange(change -> {
            AssetType t = change.type();
            if (t == null || t == AssetType.APPLICATIONS || t == AssetType.PLANS || t == AssetType.POLICIES
                || t == AssetType.POLICY_ACTIONS) {
                rebuilds.request();
            }
        });
    }

    /** The quota of the application's plan, or null. Any thread. */
    public PlanQuota quotaOf(String applicationId) {
        return quotas.get().get(applicationId);
    }

    /** The first build; completes once the view is in place. */
    @Override
    public Future<Void> start() {
        return rebuilds.start();
    }

    private Future<Void> rebuild() {
        return Future.all(store.list(AssetType.APPLICATIONS), store.list(AssetType.PLANS)).compose(all -> {
            List<JsonObject> apps = all.resultAt(0);
            List<JsonObject> plans = all.resultAt(1);
            Map<String, Future<PlanQuota>> byPlan = new HashMap<>();
            for (JsonObject plan : plans) byPlan.put(plan.getString("id"), PlanQuota.of(store, plan).otherwise((PlanQuota) null));
            return Future.all(List.copyOf(byPlan.values())).map(v -> {
                Map<String, PlanQuota> next = new HashMap<>();
                for (JsonObject app : apps) {
                    Future<PlanQuota> q = byPlan.get(app.getString("planId", ""));
                    if (q != null && q.result() != null) next.put(app.getString("id"), q.result());
                }
                quotas.set(Map.copyOf(next));
                return (Void) null;
            });
        });
    }
}
