package dev.apigw.emulator.runtime;

import static org.hamcrest.Matchers.equalTo;

import dev.apigw.emulator.support.DeployedApi;
import dev.apigw.emulator.support.Echo;
import dev.apigw.emulator.support.GatewayIT;
import dev.apigw.emulator.support.TestGateway;
import org.junit.jupiter.api.Test;

@GatewayIT
class ProxySmokeIT {

    @Test
    void proxies_a_get_with_its_query_string_to_the_backend(TestGateway gw, Echo echo) {
        DeployedApi api = gw.deploy("apis/echo.json", echo);
        gw.anonymous().get(api.path() + "/get?foo=bar").then().statusCode(200)
            .body("args.foo", equalTo("bar")).body("headers.x-forwarded-for", equalTo("127.0.0.1"));
    }
}
