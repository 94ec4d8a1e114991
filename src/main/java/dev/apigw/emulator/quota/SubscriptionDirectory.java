package dev.apigw.emulator.quota;

import dev.apigw.emulator.lifecycle.Lifecycle;
import dev.apigw.emulator.store.AppliedView;
import dev.apigw.emulator.store.AssetStore;
import dev.apigw.emulator.store.AssetType;
import dev.apigw.emulator.store.CoalescingRebuild;
import dev.apigw.emulator.store.SkippedAssets;
import dev.apigw.emulator.store.SkippedAssets.Skipped;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Which application is subscribed to which plan quota, for the runtime: an immutable map swapped after any change
 * of applications, plans, policies or policy actions, so requests never read the store. Rebuilds run on one
 * context; changes during a rebuild cause one more. A plan whose quota cannot be read is left out (its subscribers
 * are then not limited by it) and reported to {@link SkippedAssets}; it never keeps the other plans out.
 */
public final class SubscriptionDirectory implements Lifecycle, AppliedView {
    private static final Set<AssetType> READ = Set.of(AssetType.APPLICATIONS, AssetType.PLANS, AssetType.POLICIES,
        AssetType.POLICY_ACTIONS);
    private final AssetStore store;
    private final SkippedAssets skipped;
    private final AtomicReference<Map<String, PlanQuota>> quotas = new AtomicReference<>(Map.of());
    private final CoalescingRebuild rebuilds;

    public SubscriptionDirectory(Vertx vertx, AssetStore store, SkippedAssets skipped) {
        this.store = store;
        this.skipped = skipped;
        this.rebuilds = new CoalescingRebuild(vertx, "subscription directory", this::rebuild);
        store.onChange(change -> {
            if (change.type() == null || READ.contains(change.type())) rebuilds.request();
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

    @Override
    public Future<Void> applied() {
        return rebuilds.applied();
    }

    private Future<Void> rebuild() {
        return Future.all(store.list(AssetType.APPLICATIONS), store.list(AssetType.PLANS)).compose(all -> {
            List<JsonObject> apps = all.resultAt(0);
            List<JsonObject> plans = all.resultAt(1);
            List<Skipped> left = new ArrayList<>();
            Map<String, Future<PlanQuota>> byPlan = new HashMap<>();
            for (JsonObject plan : plans) {
                if (!(plan.getValue("id") instanceof String id)) continue;
                byPlan.put(id, PlanQuota.of(store, plan).recover(err -> {
                    left.add(new Skipped(AssetType.PLANS, id, "quota not enforced: " + err.getMessage()));
                    return Future.succeededFuture(null);
                }));
            }
            return Future.all(List.copyOf(byPlan.values())).map(v -> {
                Map<String, PlanQuota> next = new HashMap<>();
                for (JsonObject app : apps) {
                    Future<PlanQuota> q = app.getValue("planId") instanceof String p ? byPlan.get(p) : null;
                    if (q != null && q.result() != null && app.getValue("id") instanceof String id) next.put(id, q.result());
                }
                quotas.set(Map.copyOf(next));
                skipped.report("subscription directory", left);
                return (Void) null;
            });
        });
    }
}
