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

/** Applications, plans, webhooks and settings (the quota flush among them) never rebuild the route table. */
class PerTypeRebuildTest {

    @Test
    void only_apis_policies_and_actions_rebuild_routes() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            EmbeddedAssetStore store = EmbeddedAssetStore.open(vertx, Files.createTempDirectory("rebuild"));
            RouteRegistry routes = new RouteRegistry();
            Deployer deployer = new Deployer(vertx, store, routes, new RouteCompiler(List.of()), new SkippedAssets());
            Await.result(deployer.start());
            RouteTable first = routes.current();
            for (AssetType type : List.of(AssetType.APPLICATIONS, AssetType.PLANS, AssetType.WEBHOOKS, AssetType.SETTINGS)) {
                Await.result(store.put(type, "x", new JsonObject().put("name", "x")));
                Await.result(deployer.applied());
                assertSame(first, routes.current(), type + " rebuilt the route table");
            }
            Await.result(store.put(AssetType.POLICIES, "p", new JsonObject().put("names", new JsonArray())));
            Await.result(deployer.applied());
            assertNotSame(first, routes.current());
        } finally {
            Await.result(vertx.close());
        }
    }
}
