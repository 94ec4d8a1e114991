package dev.apigw.emulator.alias;

import dev.apigw.emulator.support.Eventually;
import dev.apigw.emulator.support.RedisServer;
import dev.apigw.emulator.support.Routing;
import dev.apigw.emulator.support.TestApis;
import dev.apigw.emulator.support.TestBackend;
import dev.apigw.emulator.support.TestGateway;
import io.restassured.RestAssured;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Two nodes on one Redis: an alias changed on one node re-routes the other; a user created on one signs in on both. */
@ExtendWith(VertxExtension.class)
class AliasClusterIT {

    static TestGateway node(Vertx vertx, String redisUrl) {
        JsonObject settings = TestGateway.defaults();
        settings.getJsonObject("redis").put("url", redisUrl);
        return TestGateway.start(vertx, settings);
    }

    @Test
    void aliases_and_users_are_shared_by_the_nodes_of_one_store(Vertx vertx) {
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String api = "Clustered" + suffix;
        String alias = "Cluster_Alias_" + suffix;
        try (TestBackend blue = TestBackend.start(vertx, req -> req.response().end("blue"));
             TestBackend green = TestBackend.start(vertx, req -> req.response().end("green"));
             TestGateway a = node(vertx, RedisServer.sharedUrl()); TestGateway b = node(vertx, RedisServer.sharedUrl())) {
            String aliasId = a.admin().contentType("application/json").body(new JsonObject().put("name", alias)
                .put("type", "endpoint").put("endPointURI", blue.url()).encode()).post("/rest/apigateway/alias")
                .then().statusCode(201).extract().path("alias.id");
            String id = TestApis.registerActive(a, api, "1.0", "http://127.0.0.1:9", "/r");
            Routing.change(a, id, "${" + alias + "}${sys:resource_path}");
            Eventually.until(Duration.ofSeconds(2), "node B routes through the alias",
                () -> b.anonymous().get("/gateway/" + api + "/1.0/r").asString().equals("blue"));
            b.admin().contentType("application/json").body(new JsonObject().put("name", alias).put("type", "endpoint")
                .put("endPointURI", green.url()).encode()).put("/rest/apigateway/alias/" + aliasId).then().statusCode(200);
            Eventually.until(Duration.ofSeconds(2), "node A follows the alias changed on B",
                () -> a.anonymous().get("/gateway/" + api + "/1.0/r").asString().equals("green"));

            String login = "user_" + suffix;
            a.admin().contentType("application/json").body(new JsonObject().put("loginId", login).put("password", "pw-" + suffix)
                .encode()).post("/rest/apigateway/users").then().statusCode(201);
            Eventually.until(Duration.ofSeconds(2), "the user signs in on node B", () -> RestAssured.given().port(b.port())
                .auth().preemptive().basic(login, "pw-" + suffix).get("/rest/apigateway/alias/local").statusCode() == 200);
            a.admin().delete("/rest/apigateway/apis/" + id + "?forceDelete=true").then().statusCode(204);
        }
    }
}
