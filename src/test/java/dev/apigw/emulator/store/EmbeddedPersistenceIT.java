package dev.apigw.emulator.store;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.apigw.emulator.support.Routing;
import dev.apigw.emulator.support.ServedApis;
import dev.apigw.emulator.support.TestApis;
import dev.apigw.emulator.support.TestBackend;
import dev.apigw.emulator.support.TestGateway;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The embedded store across a restart of the node (same data directory). A {@code kill -9} cannot be sent to the
 * test's own JVM; the on-disk states such a kill can leave are covered by {@link EmbeddedAssetStoreTest}.
 */
@ExtendWith(VertxExtension.class)
class EmbeddedPersistenceIT {

    @Test
    void apis_policies_and_routing_survive_a_restart_and_are_still_served(Vertx vertx) {
        try (TestBackend first = TestBackend.start(vertx, req -> req.response().end("first"));
             TestBackend second = TestBackend.start(vertx, req -> req.response().end("second"));
             TestGateway gw = TestGateway.start(vertx)) {
            String apiId = ServedApis.serve(gw, "Kept", first.url(), "/r", "/r");
            String dormantId = TestApis.register(gw, "Dormant", "2.0", TestApis.openApi("Dormant", first.url(), "/r"));
            String goneId = TestApis.register(gw, "Gone", "1.0", TestApis.openApi("Gone", first.url(), "/r"));
            gw.admin().delete("/rest/apigateway/apis/" + goneId).then().statusCode(204);
            Routing.change(gw, apiId, second.url() + "${sys:resource_path}");
            JsonObject unenforced = new JsonObject().put("templateKey", "logInvocation").put("parameters", new JsonArray()
                .add(new JsonObject().put("templateKey", "storeRequest").put("values", new JsonArray().add("true"))));
            String actionId = gw.admin().contentType("application/json")
                .body(new JsonObject().put("policyAction", unenforced).encode()).post("/rest/apigateway/policyActions")
                .then().statusCode(201).extract().path("policyAction.id");
            JsonObject global = new JsonObject().put("names", new JsonArray().add(new JsonObject().put("value", "Audit")
                    .put("locale", "English"))).put("policyScope", "GLOBAL").put("global", true)
                .put("policyEnforcements", new JsonArray().add(new JsonObject().put("stageKey", "transport")
                    .put("enforcements", new JsonArray().add(new JsonObject().put("enforcementObjectId", actionId)))));
            String policyId = gw.admin().contentType("application/json").body(new JsonObject().put("policy", global).encode())
                .post("/rest/apigateway/policies").then().statusCode(201).extract().path("policy.id");
            gw.admin().put("/rest/apigateway/policies/" + policyId + "/activate").then().statusCode(200);

            gw.restart();

            gw.admin().get("/rest/apigateway/apis/" + apiId).then().statusCode(200)
                .body("apiResponse.api.isActive", equalTo(true)).body("apiResponse.api.apiName", equalTo("Kept"));
            gw.admin().get("/rest/apigateway/apis/" + dormantId).then().statusCode(200)
                .body("apiResponse.api.isActive", equalTo(false));
            gw.admin().get("/rest/apigateway/apis/" + goneId).then().statusCode(404);
            assertEquals(second.url() + "${sys:resource_path}", Routing.endpoint(gw, apiId));
            gw.admin().get("/rest/apigateway/policies/" + policyId).then().statusCode(200)
                .body("policy.active", equalTo(true));
            gw.admin().get("/rest/apigateway/policyActions/" + actionId).then().statusCode(200)
                .body("policyAction.templateKey", equalTo("logInvocation"))
                .body("policyAction.parameters[0].values", equalTo(List.of("true")));
            // served straight after the restart: the route table is built before the port opens
            gw.anonymous().get("/gateway/Kept/1.0/r").then().statusCode(200).body(equalTo("second"));
        }
    }
}
