package dev.apigw.emulator.admin;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.apigw.emulator.support.GatewayIT;
import dev.apigw.emulator.support.TestGateway;
import io.restassured.http.Method;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Endpoints the emulator does not reproduce say so with 501, never a 404 that looks like a missing asset. */
@GatewayIT
class NotEmulatedIT {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"GET, /dataspace", "PUT, /dataspace/listener", "GET, /dataspace/status", "POST, /portalGateways",
        "GET, /portalGateways/communities", "GET, /approvalConfigurations", "PUT, /approvals/a1/approve",
        "PUT, /serviceRegistry/publish", "GET, /integrationServer/publish", "GET, /urlaliases", "POST, /tracer/archive",
        "GET, /documents", "PUT, /is/outboundproxy/HTTPS_Proxy", "GET, /apis/a1/fetchMetadata", "PUT, /apis/a1/tracing/enable"})
    void answers_501_naming_the_endpoint(String method, String path, TestGateway gw) {
        gw.admin().contentType("application/json").body("{}").request(Method.valueOf(method), "/rest/apigateway" + path)
            .then().statusCode(501).body("errorDetails", containsString("is not emulated by apigw-emulator"))
            .body("errorDetails", containsString(path));
    }

    @Test
    void the_portal_gateway_list_is_empty_so_republishing_stops_cleanly(TestGateway gw) {
        gw.admin().get("/rest/apigateway/portalGateways").then().statusCode(200).body("portalGatewayResponse", equalTo(List.of()));
        gw.anonymous().get("/rest/apigateway/dataspace").then().statusCode(401);
    }
}
