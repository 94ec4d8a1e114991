package dev.apigw.emulator.settings;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import dev.apigw.emulator.support.DeployedApi;
import dev.apigw.emulator.support.Echo;
import dev.apigw.emulator.support.GatewayIT;
import dev.apigw.emulator.support.TestGateway;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code GET/PUT /configurations/{configId}}: validated, stored, returned; extra keys stored and echoed. */
@GatewayIT
class ConfigurationsIT {
    static final String CONFIG = "/rest/apigateway/configurations/";

    @Test
    void the_load_balancer_urls_are_where_the_gateway_shows_api_endpoints(TestGateway gw, Echo echo) {
        gw.admin().get(CONFIG + "loadBalancer").then().statusCode(200).body("httpUrls", equalTo(List.of()))
            .body("httpsUrls", equalTo(List.of())).body("websocketUrls", equalTo(List.of())).body("webAppUrl", equalTo(""));
        DeployedApi api = gw.deploy("apis/named-echo.json", Map.of("name", "Balanced", "echo", echo.url()));
        gw.admin().get("/rest/apigateway/apis/" + api.id()).then().statusCode(200)
            .body("apiResponse.gatewayEndPoints[0]", equalTo("http://localhost:" + gw.port() + "/gateway/Balanced/1.0"));
        gw.admin().contentType("application/json")
            .body("{\"websocketUrls\":[],\"httpsUrls\":[\"https://lb.example.com\"],\"httpUrls\":[\"http://lb.example.com:8080/\"]}")
            .put(CONFIG + "loadBalancer").then().statusCode(200).body("httpsUrls[0]", equalTo("https://lb.example.com"))
            .body("webAppUrl", equalTo(""));
        gw.admin().get("/rest/apigateway/apis/" + api.id()).then().statusCode(200).body("apiResponse.gatewayEndPoints",
            equalTo(List.of("http://lb.example.com:8080/gateway/Balanced/1.0", "https://lb.example.com/gateway/Balanced/1.0")));
    }

    @Test
    void the_elasticsearch_destination_stores_and_echoes_the_keys_pipelines_send(TestGateway gw) {
        gw.admin().contentType("application/json").body("{\"hostName\":\"es.example.com\",\"protocol\":\"https\",\"port\":\"9200\","
                + "\"userName\":\"elastic\",\"password\":\"secret\",\"keystoreName\":\"\",\"metricsPublishInterval\":\"5\","
                + "\"sendAuditlogRuleManagementEvent\":\"true\",\"sendPerformanceMetrics\":true}")
            .put(CONFIG + "elasticsearchDestinationConfig").then().statusCode(200).body("hostName", equalTo("es.example.com"))
            .body("sendAuditlogRuleManagementEvent", equalTo("true")).body("sendPerformanceMetrics", equalTo("true"))
            .body("password", equalTo("********"));
        gw.admin().get(CONFIG + "elasticsearchDestinationConfig").then().statusCode(200).body("userName", equalTo("elastic"))
            .body("keystoreName", equalTo(""));
    }

    @Test
    void audit_log_white_list_and_mobile_app_round_trip(TestGateway gw) {
        gw.admin().get(CONFIG + "auditlogDestinationConfig").then().statusCode(200).body("mode", equalTo("synchronous"));
        gw.admin().contentType("application/json").body("{\"enabled\":\"true\",\"maximumRetries\":5}")
            .put(CONFIG + "auditlogDestinationConfig").then().statusCode(200).body("enabled", equalTo("true"))
            .body("maximumRetries", equalTo("5")).body("destination", equalTo("file"));
        gw.admin().contentType("application/json").body("{\"privateIPs\":[\"10.0.0.0-10.255.255.255\"],\"privateV6IPs\":[\"::1\"]}")
            .put(CONFIG + "whiteListingIPs").then().statusCode(200).body("privateIPs[0]", equalTo("10.0.0.0-10.255.255.255"));
        gw.admin().contentType("application/json").body("{\"mobileAppDeviceTypes\":[\"Android\"],\"mobileApplications\":[\"App\"]}")
            .put(CONFIG + "mobileApp").then().statusCode(200);
        gw.admin().get(CONFIG + "mobileApp").then().statusCode(200).body("mobileApplications", hasItem("App"));
        gw.admin().contentType("application/json").body("{\"sendNativeProviderFault\":\"true\",\"defaultErrorMessage\":\"x\"}")
            .put(CONFIG + "errorProcessing").then().statusCode(200).body("defaultErrorMessage", equalTo("x"));
        gw.admin().get(CONFIG + "settings").then().statusCode(200).body("preferredSettings", notNullValue());
        gw.admin().get(CONFIG + "gatewayDestinationConfig").then().statusCode(200).body("metricsPublishInterval", notNullValue());
    }

    static Stream<Arguments> refused() {
        return Stream.of(
            Arguments.of("loadBalancer", "{\"httpUrls\":\"http://x\"}"),
            Arguments.of("loadBalancer", "{\"httpsUrls\":[\"http://not-https\"]}"),
            Arguments.of("whiteListingIPs", "{\"privateIPs\":[\"not-an-ip\"]}"),
            Arguments.of("auditlogDestinationConfig", "{\"maximumRetries\":\"many\"}"),
            Arguments.of("auditlogDestinationConfig", "{\"mode\":\"sometimes\"}"),
            Arguments.of("elasticsearchDestinationConfig", "{\"sendErrorEvent\":\"maybe\"}"),
            Arguments.of("elasticsearchDestinationConfig", "{\"hostName\":{\"nested\":true}}"),
            Arguments.of("mobileApp", "{\"mobileApplications\":[1]}"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource
    void refused(String id, String body, TestGateway gw) {
        gw.admin().contentType("application/json").body(body).put(CONFIG + id).then().statusCode(400)
            .body("errorDetails", org.hamcrest.Matchers.startsWith(" Invalid property key found in request payload."));
    }

    @Test
    void an_unknown_configuration_id_is_the_vendor_400(TestGateway gw) {
        gw.admin().get(CONFIG + "nonsense").then().statusCode(400)
            .body("errorDetails", equalTo(" Invalid configId value in request. configId: nonsense."));
        gw.admin().contentType("application/json").body("{}").put(CONFIG + "nonsense").then().statusCode(400);
    }
}
