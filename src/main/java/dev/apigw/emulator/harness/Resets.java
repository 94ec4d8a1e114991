package dev.apigw.emulator.harness;

import dev.apigw.emulator.store.AssetStore;
import dev.apigw.emulator.store.AssetType;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Reset actions on the asset store: delete every document of some types, one after the other. Settings documents are
 * not design-time assets: the JWT signing keys stay (as across a restart), and the metrics destination settings belong
 * to the metrics scope (quota counters are no asset: they have a store of their own, cleared by the quotas scope).
 */
public final class Resets {
    /** The design-time assets of {@link Reset.Scope#ASSETS}: everything but applications. */
    public static final List<AssetType> DESIGN_TIME = List.of(AssetType.APIS, AssetType.POLICIES, AssetType.POLICY_ACTIONS,
        AssetType.PLANS, AssetType.WEBHOOKS);

    private Resets() {
    }

    /** Deletes every document of the types through {@code store} (the applied store: the runtime follows at once). */
    public static Future<Void> deleteAll(AssetStore store, List<AssetType> types) {
        Future<Void> chain = Future.succeededFuture();
        for (AssetType type : types) {
            chain = chain.compose(v -> store.list(type)).compose(docs -> {
                Future<Void> each = Future.succeededFuture();
                for (JsonObject d : docs) {
                    String id = d.getString("id");
                    if (id != null) each = each.compose(v -> store.delete(type, id).mapEmpty());
                }
                return each;
            });
        }
        return chain;
    }
}
