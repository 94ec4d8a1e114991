package dev.apigw.emulator.reliability;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.apigw.emulator.support.DeployedApi;
import dev.apigw.emulator.support.Echo;
import dev.apigw.emulator.support.GatewayIT;
import dev.apigw.emulator.support.RawHttp;
import dev.apigw.emulator.support.TestGateway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Path tricks: the runtime decides and forwards on the normalised resource path (dot-segments removed, encoded slashes
 * and dots refused), and the admin API's decisions (authentication, the design-time quiesce) use the path its router
 * matches. Requests are sent raw, so no client library normalises them first.
 */
@GatewayIT
class PathsIT {
    static DeployedApi api;

    @BeforeAll
    static void deploy(TestGateway gw, Echo echo) {
        api = gw.deploy("apis/echo.json", echo);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"/delay/..,404", "/delay/%2e%2e,400", "/delay/%2E%2E%2Fget,400", "/delay/..%2F..%2Fget,400",
        "/status/../get,200", "/delay/x/../../get,200", "/../../../rest/apigateway/apis,404", "/./get,200"})
    void the_runtime_routes_the_normalised_resource_path(String resource, int status, TestGateway gw) {
        String raw = RawHttp.exchange(gw.port(), "GET " + api.path() + resource + " HTTP/1.1\nHost: x\nConnection: close\n\n");
        assertEquals(status, Integer.parseInt(raw.substring(9, 12)), raw);
    }

    @Test
    void design_time_quiesce_blocks_an_encoded_dot_segment_detour_through_the_whitelist(TestGateway gw) {
        gw.admin().contentType("application/json").body("{\"enable\":true,\"block\":\"designtime\"}")
            .put("/rest/apigateway/quiescemode").then().statusCode(200);
        try {
            String auth = "Authorization: Basic " + java.util.Base64.getEncoder().encodeToString("Administrator:manage".getBytes());
            for (String path : new String[] {"/rest/apigateway/search/%2e%2e/apis/" + api.id() + "/deactivate",
                "/rest/apigateway/search/../apis/" + api.id() + "/deactivate", "/rest/apigateway/search/%2E%2E/apis/" + api.id()
                + "/deactivate"}) {
                String raw = RawHttp.exchange(gw.port(), "PUT " + path + " HTTP/1.1\nHost: x\n" + auth
                    + "\nContent-Length: 0\nConnection: close\n\n");
                assertEquals("503", raw.substring(9, 12), path + " -> " + raw);
            }
            gw.admin().get("/rest/apigateway/apis/" + api.id()).then().statusCode(200);
            gw.anonymous().get(api.path() + "/get").then().statusCode(200);
        } finally {
            gw.admin().contentType("application/json").body("{\"enable\":false,\"block\":\"designtime\"}")
                .put("/rest/apigateway/quiescemode").then().statusCode(200);
        }
    }

    @Test
    void a_dot_segment_cannot_reach_an_authenticated_route_from_an_anonymous_one(TestGateway gw) {
        for (String path : new String[] {"/rest/apigateway/health/../apis", "/rest/apigateway/health/%2e%2e/apis",
            "/rest/pub/apigateway/jwt/../../../apigateway/apis", "/metrics/../rest/apigateway/apis"}) {
            String raw = RawHttp.exchange(gw.port(), "GET " + path + " HTTP/1.1\nHost: x\nConnection: close\n\n");
            assertEquals("401", raw.substring(9, 12), path + " -> " + raw);
        }
        gw.anonymous().get("/rest/apigateway/health").then().statusCode(200).body(containsString("status"));
    }
}
