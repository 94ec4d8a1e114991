package dev.apigw.emulator.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apigw.emulator.support.Fixtures;
import dev.apigw.emulator.support.GatewayIT;
import dev.apigw.emulator.support.TestGateway;
import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The requests of the vendor's search-service and transaction-data-service collections (our own list of them,
 * {@code fixtures/vendor/event-requests.json}) each answer 200 with a JSON object: no 404, 400 or 5xx.
 */
@GatewayIT
class VendorEventRequestsIT {

    static Stream<Arguments> requests() {
        return Fixtures.json("vendor/event-requests.json", Map.of()).getJsonArray("requests").stream()
            .map(o -> (JsonObject) o).map(r -> Arguments.of(r.getString("name"), r));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    void answers_like_the_product(String name, JsonObject request, TestGateway gw) {
        var spec = gw.admin().urlEncodingEnabled(false).accept("application/json");
        if (request.containsKey("body")) spec = spec.contentType("application/json").body(request.getJsonObject("body").encode());
        Response r = spec.request(request.getString("method"), "/rest/apigateway" + request.getString("path"));
        assertEquals(200, r.statusCode(), name + ": " + r.asString());
        JsonObject body = new JsonObject(r.asString());
        assertTrue(!body.isEmpty(), name + " answers something: " + body);
    }
}
