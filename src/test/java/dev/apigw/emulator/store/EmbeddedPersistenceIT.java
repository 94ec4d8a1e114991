package dev.apigw.emulator.store;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.apigw.emulator.support.Assets;
import dev.apigw.emulator.support.DeployedApi;
import dev.apigw.emulator.support.GatewayIT;
import dev.apigw.emulator.support.Routing;
import dev.apigw.emulator.support.TestBackend;
import dev.apigw.emulator.support.TestGateway;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The embedded store across a restart of the node (same data directory). A {@code kill -9} cannot be sent to the
 * test's own JVM; the on-disk states such a kill can leave are covered by {@link EmbeddedAssetStoreTest}.
 */
@GatewayIT(perTest = true)
class EmbeddedPersistenceIT {

    @Test
    void apis_policies_and_routing_survive_a_restart_and_are_still_served(TestGateway gw, Vertx vertx) {
        try (TestBackend first = TestBackend.start(vertx, req -> req.response().end("first"));
             TestBackend second = TestBackend.start(vertx, req -> req.response().end("second"))) {
            DeployedApi kept = gw.deploy("apis/any-method.json", Map.of("name", "Kept", "backend", first.url()));
            DeployedApi dormant = gw.deploy("apis/inactive.json", Map.of("name", "Dormant", "version", "2.0", "backend", first.url()));
            DeployedApi gone = gw.deploy("apis/inactive.json", Map.of("name", "Gone", "version", "1.0", "backend", first.url()));
            gw.admin().delete("/rest/apigateway/apis/" + gone.id()).then().statusCode(204);
            Routing.change(gw, kept.id(), second.url() + "${sys:resource_path}");
            String actionId = Assets.policyAction(gw, "policyActions/log-invocation.json"); // enforced nowhere
            String policyId = Assets.policy(gw, "policies/global-log-all.json", Map.of("action", actionId));
            gw.admin().put("/rest/apigateway/policies/" + policyId + "/activate").then().statusCode(200);

            gw.restart();

            gw.admin().get("/rest/apigateway/apis/" + kept.id()).then().statusCode(200)
                .body("apiResponse.api.isActive", equalTo(true)).body("apiResponse.api.apiName", equalTo("Kept"));
            gw.admin().get("/rest/apigateway/apis/" + dormant.id()).then().statusCode(200)
                .body("apiResponse.api.isActive", equalTo(false));
            gw.admin().get("/rest/apigateway/apis/" + gone.id()).then().statusCode(404);
            assertEquals(second.url() + "${sys:resource_path}", Routing.endpoint(gw, kept.id()));
            gw.admin().get("/rest/apigateway/policies/" + policyId).then().statusCode(200)
                .body("policy.active", equalTo(true));
            gw.admin().get("/rest/apigateway/policyActions/" + actionId).then().statusCode(200)
                .body("policyAction.templateKey", equalTo("logInvocation"))
                .body("policyAction.parameters[0].values", equalTo(List.of("true")));
            // served straight after the restart: the route table is built before the port opens
            gw.anonymous().get(kept.path() + "/r").then().statusCode(200).body(equalTo("second"));
        }
    }
}
