package dev.apigw.emulator.promotion;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.apigw.emulator.support.Echo;
import dev.apigw.emulator.support.Fixtures;
import dev.apigw.emulator.support.GatewayIT;
import dev.apigw.emulator.support.TestApis;
import dev.apigw.emulator.support.TestAuth;
import dev.apigw.emulator.support.TestGateway;
import io.restassured.path.json.JsonPath;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Promotion between two real nodes: the class's gateway promotes, a second node is the destination stage. Names are
 * random per test, so the tests share both nodes.
 */
@GatewayIT
class PromotionIT {
    static TestGateway stage;

    @BeforeAll
    static void start_the_stage(Vertx vertx) {
        stage = TestGateway.start(vertx);
    }

    @AfterAll
    static void stop_the_stage() {
        stage.close();
    }

    static String name(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8);
    }

    static String createStage(TestGateway gw, String name, String password) {
        String body = Fixtures.text("promotion/stage.json", Map.of("name", name, "url", "http://127.0.0.1:" + stage.port() + "/",
            "password", password));
        return gw.admin().contentType("application/json").body(body).post("/rest/apigateway/stages").then().statusCode(200)
            .body("stage.password", equalTo("********************************")).extract().path("stage.id");
    }

    static JsonPath promote(TestGateway gw, String fixture, Map<String, String> vars) {
        return gw.admin().contentType("application/json").body(Fixtures.text(fixture, vars))
            .post("/rest/apigateway/promotion?overwrite=true&overwriteAlias=false&fixingMissingVersions=true")
            .then().statusCode(200).extract().jsonPath();
    }

    static int call(TestGateway gw, String apiName) {
        return gw.anonymous().get("/gateway/" + apiName + "/1.0/get").statusCode();
    }

    @Test
    void promotes_an_api_and_its_application_and_rolls_the_stage_back_to_what_it_was(TestGateway gw, Echo echo) {
        String stageName = name("QA");
        String stageId = createStage(gw, stageName, "manage");
        String apiName = name("Promoted");
        String apiId = TestApis.registerActive(gw, apiName, "1.0", echo.url(), "/get");

        JsonPath first = promote(gw, "promotion/promote-api.json", Map.of("name", name("first"), "stageId", stageId, "apiId", apiId));
        assertEquals("Success", first.getString("promotion.status"), first.prettify());
        assertEquals("Success", first.getString("promotion.promotionResults." + stageName + ".status"));
        stage.admin().get("/rest/apigateway/apis/" + apiId).then().statusCode(200).body("apiResponse.api.isActive", equalTo(true));
        assertEquals(200, call(stage, apiName));

        String appId = TestAuth.createApp(gw, apiName + "App", new JsonArray()).getString("id");
        TestAuth.register(gw, appId, apiId);
        gw.admin().put("/rest/apigateway/apis/" + apiId + "/deactivate").then().statusCode(200);
        JsonPath second = promote(gw, "promotion/promote-api-and-app.json",
            Map.of("name", name("second"), "stageId", stageId, "apiId", apiId, "appId", appId));
        String promotionId = second.getString("promotion.id");
        assertEquals("Success", second.getString("promotion.status"), second.prettify());
        stage.admin().get("/rest/apigateway/applications/" + appId).then().statusCode(200)
            .body("applications[0].consumingAPIs", hasItem(apiId));
        stage.admin().get("/rest/apigateway/apis/" + apiId).then().statusCode(200).body("apiResponse.api.isActive", equalTo(false));

        gw.admin().get("/rest/apigateway/promotion/" + promotionId).then().statusCode(200)
            .body("promotion.promotionResults." + stageName + ".ArchiveResult.Application.id", hasItem(appId))
            .body("promotion.owner", equalTo("Administrator"));
        gw.admin().get("/rest/apigateway/promotion").then().statusCode(200).body("promotion.id", hasItem(promotionId));
        gw.admin().get("/rest/apigateway/rollback").then().statusCode(200).body("rollback.id", hasItem(promotionId));

        gw.admin().put("/rest/apigateway/rollback/" + promotionId).then().statusCode(200)
            .body("rollback.status", equalTo("Success")).body("rollback.promotionId", equalTo(promotionId));
        stage.admin().get("/rest/apigateway/applications/" + appId).then().statusCode(404);
        stage.admin().get("/rest/apigateway/apis/" + apiId).then().statusCode(200).body("apiResponse.api.isActive", equalTo(true));
        assertEquals(200, call(stage, apiName), "the stage serves the API as before the second promotion");
    }

    @Test
    void a_stage_with_a_wrong_password_makes_a_failed_promotion_with_the_reason(TestGateway gw, Echo echo) {
        String stageName = name("Locked");
        String stageId = createStage(gw, stageName, "not-the-password");
        String apiId = TestApis.registerActive(gw, name("Refused"), "1.0", echo.url(), "/get");
        JsonPath p = promote(gw, "promotion/promote-api.json", Map.of("name", name("refused"), "stageId", stageId, "apiId", apiId));
        assertEquals("Failed", p.getString("promotion.status"));
        assertEquals("Failed", p.getString("promotion.promotionResults." + stageName + ".status"));
        org.hamcrest.MatcherAssert.assertThat(p.getString("promotion.promotionResults." + stageName + ".errorReason"),
            containsString("refused the stage's credentials (401)"));
        stage.admin().get("/rest/apigateway/apis/" + apiId).then().statusCode(404);
        gw.admin().get("/rest/apigateway/rollback/" + p.getString("promotion.id")).then().statusCode(404);
    }

    @Test
    void stages_keep_their_password_hidden_and_bad_requests_are_4xx(TestGateway gw) {
        String stageId = createStage(gw, name("Hidden"), "manage");
        gw.admin().get("/rest/apigateway/stages/" + stageId).then().statusCode(200)
            .body("stage.password", equalTo("********************************")).body("stage.username", equalTo("Administrator"));
        gw.admin().contentType("application/json").body("{\"name\":\"renamed\",\"url\":\"http://127.0.0.1:1\",\"username\":\"u\"}")
            .put("/rest/apigateway/stages/" + stageId).then().statusCode(200).body("stage.name", equalTo("renamed"));
        gw.admin().get("/rest/apigateway/stages").then().statusCode(200).body("stages.id", hasItem(stageId));
        gw.admin().contentType("application/json").body("{\"name\":\"x\",\"url\":\"ftp://h\",\"username\":\"u\",\"password\":\"p\"}")
            .post("/rest/apigateway/stages").then().statusCode(400).body("errorDetails", containsString("url"));
        gw.admin().contentType("application/json").body("{\"name\":\"p\",\"promotedAssets\":{\"api\":[\"a\"]}}")
            .post("/rest/apigateway/promotion").then().statusCode(400).body("errorDetails", containsString("destinationStages"));
        gw.admin().contentType("application/json")
            .body("{\"name\":\"p\",\"destinationStages\":[\"nope\"],\"promotedAssets\":{\"api\":[\"a\"]}}")
            .post("/rest/apigateway/promotion").then().statusCode(404).body("errorDetails", containsString("nope"));
        gw.admin().delete("/rest/apigateway/stages/" + stageId).then().statusCode(204);
        gw.admin().get("/rest/apigateway/stages/" + stageId).then().statusCode(404);
    }
}
