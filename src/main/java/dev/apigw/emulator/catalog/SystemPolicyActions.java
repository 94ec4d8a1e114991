package dev.apigw.emulator.catalog;

import dev.apigw.emulator.lifecycle.Lifecycle;
import dev.apigw.emulator.model.Names;
import dev.apigw.emulator.model.PolicyActions;
import dev.apigw.emulator.store.AssetStore;
import dev.apigw.emulator.store.AssetType;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The threat-protection policy actions every gateway has, under fixed ids: {@code globalipdos} (denial of service by
 * any IP) and {@code ipdos} (by IP). Clients read and update them by id ({@code GET/POST /policyActions/globalipdos}).
 * Created at start when missing, disabled; stored and returned, not enforced.
 */
public final class SystemPolicyActions implements Lifecycle {
    public static final List<String> IDS = List.of("globalipdos", "ipdos");
    private final AssetStore store;

    public SystemPolicyActions(AssetStore store) {
        this.store = store;
    }

    @Override
    public Future<Void> start() {
        Future<Void> chain = Future.succeededFuture();
        for (String id : IDS) {
            chain = chain.compose(v -> store.get(AssetType.POLICY_ACTIONS, id)).compose(found -> found != null
                ? Future.<Void>succeededFuture() : store.put(AssetType.POLICY_ACTIONS, id, dos(id)));
        }
        return chain;
    }

    private static JsonObject dos(String id) {
        boolean global = id.equals("globalipdos");
        JsonArray params = new JsonArray().add(PolicyActions.param("limitBy", global ? "GLOBALIP" : "IP"))
            .add(PolicyActions.param("isDOSEnabled", "false")).add(PolicyActions.param("maximumRequests", "100"))
            .add(PolicyActions.param("requestsPerSeconds", "1")).add(PolicyActions.param("inProgressRequests", "10"))
            .add(PolicyActions.param("whenLimitExceeds", "Block")).add(PolicyActions.param("blockInterval", "1"))
            .add(PolicyActions.param("customErrorMessage", "")).add(PolicyActions.param("trustedIPRange"));
        return new JsonObject().put("id", id).put("names", Names.of(global ? "Global Denial of Service" : "Denial of Service by IP", "en"))
            .put("templateKey", id).put("parameters", params).put("active", false);
    }
}
