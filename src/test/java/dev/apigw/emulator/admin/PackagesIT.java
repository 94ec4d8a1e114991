package dev.apigw.emulator.admin;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import dev.apigw.emulator.support.DeployedApi;
import dev.apigw.emulator.support.Echo;
import dev.apigw.emulator.support.GatewayIT;
import dev.apigw.emulator.support.TestAuth;
import dev.apigw.emulator.support.TestGateway;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code /packages}, the rest of {@code /plans}, and {@code /subscriptions} (S-MON shapes), subscriptions at runtime. */
@GatewayIT
class PackagesIT {
    static final String BASE = "/rest/apigateway";

    static String plan(TestGateway gw, String name) {
        return gw.admin().contentType("application/json").body(new JsonObject().put("name", name).put("version", "1.0")
                .put("cost", new JsonObject().put("value", "10")).put("policyActions", new JsonArray()).encode())
            .post(BASE + "/plans").then().statusCode(201).extract().path("planResponse.id");
    }

    static String pkg(TestGateway gw, String name, String apiId, String planId) {
        JsonObject body = new JsonObject().put("name", name).put("apiIds", new JsonArray().add(apiId))
            .put("planIds", new JsonArray().add(planId)).put("publishedPortals", new JsonArray()).putNull("icon");
        return gw.admin().contentType("application/json").body(body.encode()).post(BASE + "/packages").then().statusCode(201)
            .body("packageResponse.status", equalTo("CREATED")).extract().path("packageResponse.id");
    }

    @Test
    void packages_in_the_package_response_wrapper(TestGateway gw, Echo echo) {
        DeployedApi api = gw.deploy("apis/named-echo.json", Map.of("name", "Packaged", "echo", echo.url()));
        String planId = plan(gw, "Gold");
        String id = pkg(gw, "Golden Package", api.id(), planId);
        gw.admin().get(BASE + "/packages/" + id).then().statusCode(200).body("packageResponse.apis[0].id", equalTo(api.id()))
            .body("packageResponse.plans[0].name", equalTo("Gold")).body("packageResponse.active", equalTo(false));
        gw.admin().put(BASE + "/packages/" + id + "/activate").then().statusCode(200).body("packageResponse.status", equalTo("ACTIVATED"));
        gw.admin().put(BASE + "/packages/" + id + "/activate").then().statusCode(400);
        gw.admin().put(BASE + "/packages/" + id + "/deactivate").then().statusCode(200);
        gw.admin().contentType("application/json").body("{\"communities\":[]}").put(BASE + "/packages/" + id + "/publish")
            .then().statusCode(400).body("errorDetails", equalTo(" Please configure API-Portal in Administration > Destinations section"));
        gw.admin().get(BASE + "/packages/" + id + "/plans").then().statusCode(200).body("packageResponse", hasSize(1));
        gw.admin().get(BASE + "/plans/" + planId).then().statusCode(200).body("planResponse.packageIds", hasItem(id));
        gw.admin().delete(BASE + "/plans/" + planId).then().statusCode(400); // still in the package
        JsonObject rename = new JsonObject().put("name", "Renamed").put("apiIds", new JsonArray()).put("planIds", new JsonArray());
        gw.admin().contentType("application/json").body(rename.encode()).put(BASE + "/packages/" + id).then().statusCode(200)
            .body("packageResponse.description", equalTo("Package Updated"));
        gw.admin().contentType("application/json").body("{\"name\":\"Gold\",\"version\":\"2.0\"}").put(BASE + "/plans/" + planId)
            .then().statusCode(200).body("planResponse.version", equalTo("2.0"));
        gw.admin().delete(BASE + "/plans/" + planId).then().statusCode(204);
        gw.admin().delete(BASE + "/packages/" + id).then().statusCode(204);
        gw.admin().get(BASE + "/packages/" + id).then().statusCode(404).body("packageResponse.status", equalTo("NOT_FOUND"));
        gw.admin().contentType("application/json").body("{\"description\":\"no name\"}").post(BASE + "/packages").then().statusCode(400);
        gw.admin().contentType("application/json").body("{\"name\":\"p\",\"apiIds\":[\"missing\"]}").post(BASE + "/packages")
            .then().statusCode(400);
    }

    @Test
    void a_subscription_is_an_application_with_a_key_for_the_package_apis(TestGateway gw, Echo echo) {
        DeployedApi api = gw.deploy("apis/named-echo.json", Map.of("name", "Subscribed", "echo", echo.url()));
        TestAuth.enforce(gw, api.id(), TestAuth.identifyAction("OR", false, "strict", "apiKey"));
        String planId = plan(gw, "Silver");
        String packageId = pkg(gw, "Silver Package", api.id(), planId);
        JsonObject request = new JsonObject().put("packageId", packageId).put("planId", planId)
            .put("applicationName", "Subscription1").put("applicationDescription", "subscribing").put("requesterId", "Administrator");
        JsonObject app = new JsonObject(gw.admin().contentType("application/json").body(request.encode())
            .post(BASE + "/subscriptions").then().statusCode(201).body("subscription", equalTo(true))
            .body("accessTokens.apiAccessKey.apiAccessKey", notNullValue()).body("planId", equalTo(planId)).extract().asString());
        String key = app.getJsonObject("accessTokens").getJsonObject("apiAccessKey").getString("apiAccessKey");
        TestAuth.awaitStatus(() -> gw.anonymous().header("x-Gateway-APIKey", key).get(api.path() + "/get").statusCode(), 200);
        gw.admin().get(BASE + "/subscriptions?packageId=" + packageId).then().statusCode(200).body("$", hasSize(1));
        gw.admin().get(BASE + "/subscriptions/" + app.getString("id")).then().statusCode(200)
            .body("accessTokens.apiAccessKey.apiAccessKey", equalTo(key));
        gw.admin().contentType("application/json").body("{\"packageId\":\"" + packageId + "\"}").post(BASE + "/subscriptions")
            .then().statusCode(400).body("errorDetails", equalTo(" Application name is needed to create subscription"));
        gw.admin().delete(BASE + "/subscriptions/" + app.getString("id")).then().statusCode(204);
        gw.admin().get(BASE + "/subscriptions/" + app.getString("id")).then().statusCode(404);
    }
}
