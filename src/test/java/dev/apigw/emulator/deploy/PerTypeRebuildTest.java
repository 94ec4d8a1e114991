package dev.apigw.emulator.deploy;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.apigw.emulator.runtime.RouteRegistry;
import dev.apigw.emulator.runtime.RouteTable;
import dev.apigw.emulator.store.AssetType;
import dev.apigw.emulator.store.EmbeddedAssetStore;
import dev.apigw.emulator.store.SkippedAssets;
import dev.apigw.emulator.support.Await;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Applications, plans, packages, users, groups, access profiles, strategies, webhooks and settings never rebuild the
 * route table; what routes are compiled from (APIs, policies, actions, aliases, gateway scope mappings) does.
 */
class PerTypeRebuildTest {

    @Test
    void only_what_routes_are_compiled_from_rebuilds_them() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            EmbeddedAssetStore store = EmbeddedAssetStore.open(vertx, Files.createTempDirectory("rebuild"));
            RouteRegistry routes = new RouteRegistry();
            Deployer deployer = new Deployer(vertx, store, routes, new RouteCompiler(List.of()), new SkippedAssets());
            Await.result(deployer.start());
            RouteTable first = routes.current();
            for (AssetType type : List.of(AssetType.APPLICATIONS, AssetType.PLANS, AssetType.PACKAGES, AssetType.USERS,
                    AssetType.GROUPS, AssetType.ACCESS_PROFILES, AssetType.STRATEGIES, AssetType.WEBHOOKS,
                    AssetType.SETTINGS)) {
                Await.result(store.put(type, "x", new JsonObject().put("name", "x")));
                Await.result(deployer.applied());
                assertSame(first, routes.current(), type + " rebuilt the route table");
            }
            RouteTable before = first;
            for (AssetType type : List.of(AssetType.POLICIES, AssetType.ALIASES, AssetType.GATEWAY_SCOPES)) {
                Await.result(store.put(type, "p", new JsonObject().put("name", "p").put("names", new JsonArray())));
                Await.result(deployer.applied());
                assertNotSame(before, routes.current(), type + " did not rebuild the route table");
                before = routes.current();
            }
        } finally {
            Await.result(vertx.close());
        }
    }
}
