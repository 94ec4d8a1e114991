package dev.apigw.emulator.alias;

import static org.hamcrest.Matchers.equalTo;

import dev.apigw.emulator.support.DeployedApi;
import dev.apigw.emulator.support.Echo;
import dev.apigw.emulator.support.Fixtures;
import dev.apigw.emulator.support.GatewayIT;
import dev.apigw.emulator.support.Routing;
import dev.apigw.emulator.support.TestGateway;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A node that plays stage DEV resolves an alias name to the alias of that stage. */
@GatewayIT(set = "aliases.stage=DEV")
class AliasStageIT {

    @Test
    void the_alias_of_the_nodes_stage_wins_over_the_stage_less_one(TestGateway gw, Echo echo) {
        for (String stage : new String[] {"", "DEV", "PROD"}) {
            String target = stage.equals("DEV") ? echo.url() : "http://127.0.0.1:9";
            gw.admin().contentType("application/json").body(Fixtures.text("aliases/endpoint.json",
                Map.of("name", "Staged", "echo", target, "stage", stage))).post("/rest/apigateway/alias").then().statusCode(201);
        }
        DeployedApi api = gw.deploy("apis/named-echo.json", Map.of("name", "StagedApi", "echo", "http://127.0.0.1:9"));
        Routing.change(gw, api.id(), "${Staged}${sys:resource_path}");
        gw.anonymous().get(api.path() + "/get?stage=dev").then().statusCode(200).body("args.stage", equalTo("dev"));
    }
}
