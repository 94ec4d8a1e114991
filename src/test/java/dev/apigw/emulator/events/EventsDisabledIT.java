package dev.apigw.emulator.events;

import static dev.apigw.emulator.support.EventSearches.keyword;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.apigw.emulator.NodeProbe;
import dev.apigw.emulator.support.Await;
import dev.apigw.emulator.support.DeployedApi;
import dev.apigw.emulator.support.Echo;
import dev.apigw.emulator.support.EventSearches;
import dev.apigw.emulator.support.GatewayIT;
import dev.apigw.emulator.support.TestGateway;
import org.junit.jupiter.api.Test;

/** {@code events.enabled: false} records nothing, and the search API still answers. */
@GatewayIT(set = "events.enabled=false")
class EventsDisabledIT {

    @Test
    void nothing_is_recorded_and_searches_answer_empty(TestGateway gw, Echo echo) {
        DeployedApi api = gw.deploy("apis/echo.json", echo);
        gw.anonymous().get(api.path() + "/get").then().statusCode(200);
        gw.anonymous().get(api.path() + "/status/500").then().statusCode(500);
        NodeProbe.of(gw.node()).flushables().stream().filter(f -> f.kind().equals("transaction_events"))
            .forEach(f -> assertEquals(0, (int) Await.result(f.flush())));
        assertEquals(0, EventSearches.count(gw, "TRANSACTION_EVENTS", keyword("apiName", ".*")));
        assertEquals(0, EventSearches.count(gw, "LIFECYCLE_EVENTS"));
        assertEquals(0, EventSearches.search(gw, "ERROR_EVENTS").size());
    }
}
