package dev.apigw.emulator.demo;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.apigw.emulator.support.GatewayIT;
import dev.apigw.emulator.support.TestGateway;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A node started with the demo on: the EchoAPI and its own echo backend, ready without any admin call. */
@GatewayIT(set = "demo.enabled=true", perTest = true)
class DemoIT {

    @Test
    void demo_node_answers_the_echo_api_right_after_start_and_a_restart_does_not_duplicate_it(TestGateway gw) {
        gw.anonymous().get("/gateway/EchoAPI/1.0/get?foo=bar").then().statusCode(200)
            .body("args.foo", equalTo("bar"));
        gw.anonymous().contentType("application/json").body("{\"a\":[1,2]}").post("/gateway/EchoAPI/1.0/post")
            .then().statusCode(200).body("json.a", equalTo(List.of(1, 2)));

        gw.restart();

        List<String> names = gw.admin().get("/rest/apigateway/apis").then().statusCode(200)
            .extract().path("apiResponse.api.apiName");
        assertEquals(1, names.stream().filter("EchoAPI"::equals).count(), names.toString());
        // the echo backend came back on another ephemeral port; the demo API follows it
        gw.anonymous().get("/gateway/EchoAPI/1.0/get?foo=baz").then().statusCode(200)
            .body("args.foo", equalTo("baz")).body("url", equalTo("http://127.0.0.1:" + gw.node().echoPort() + "/get?foo=baz"));
    }
}
