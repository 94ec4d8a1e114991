package dev.apigw.emulator.events;

import static dev.apigw.emulator.support.EventSearches.keyword;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apigw.emulator.NodeProbe;
import dev.apigw.emulator.metrics.Flushable;
import dev.apigw.emulator.support.Await;
import dev.apigw.emulator.support.DeployedApi;
import dev.apigw.emulator.support.Echo;
import dev.apigw.emulator.support.EventSearches;
import dev.apigw.emulator.support.GatewayIT;
import dev.apigw.emulator.support.Poll;
import dev.apigw.emulator.support.TestGateway;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The writer's side: events wait for the next batch (here a minute away) unless a flush (quiesce, shutdown) writes
 * them at once; a full queue drops events and counts them (metric, health) without delaying requests; the count
 * retention bounds what is kept; a restart keeps it.
 */
@GatewayIT(set = {"events.flushIntervalMs=60000", "events.maxEvents=100", "events.queueSize=64"}, perTest = true)
class EventRecordingIT {
    private static final String TX = "TRANSACTION_EVENTS";
    private static final List<String> ALL = List.of("TRANSACTION_EVENTS", "LIFECYCLE_EVENTS", "POLICYVIOLATION_EVENTS",
        "ERROR_EVENTS");

    /**
     * Waits until every request has ended on the server side: a client may read its whole response before that end
     * (which records the event, then counts the request out) has run.
     */
    private static void ended(TestGateway gw) {
        Poll.until("every request counted out", () -> NodeProbe.of(gw.node()).inFlight() == 0);
    }

    /** Writes the queued events of every ended request. */
    private static int flush(TestGateway gw) {
        ended(gw);
        Flushable events = NodeProbe.of(gw.node()).flushables().stream()
            .filter(f -> f.kind().equals("transaction_events")).findFirst().orElseThrow();
        return Await.result(events.flush());
    }

    private static long stored(TestGateway gw) {
        JsonObject counts = EventSearches.post(gw, "/rest/apigateway/search/_count",
            new JsonObject().put("types", new JsonArray(ALL)));
        return counts.stream().mapToLong(e -> ((Number) e.getValue()).longValue()).sum();
    }

    private static void requests(TestGateway gw, DeployedApi api, int n) {
        for (int i = 0; i < n; i++) gw.anonymous().get(api.path() + "/get").then().statusCode(200);
    }

    @Test
    void events_wait_for_the_batch_a_flush_writes_them_and_the_retention_keeps_the_newest(TestGateway gw, Echo echo) {
        DeployedApi api = gw.deploy("apis/echo.json", echo);
        flush(gw);
        long probes = EventSearches.count(gw, TX, keyword("apiName", "Echo")); // the deployment's
        requests(gw, api, 5);
        assertEquals(probes, EventSearches.count(gw, TX, keyword("apiName", "Echo")), "not written before the batch");
        assertEquals(5, flush(gw));
        assertEquals(probes + 5, EventSearches.count(gw, TX, keyword("apiName", "Echo")), "the flush wrote them");
        for (int round = 0; round < 3; round++) {
            requests(gw, api, 50);
            assertTrue(flush(gw) >= 50);
        }
        assertEquals(100, stored(gw), "maxEvents bounds every type together");
    }

    @Test
    void a_full_queue_drops_events_counts_them_and_never_delays_a_request(TestGateway gw, Echo echo) {
        DeployedApi api = gw.deploy("apis/echo.json", echo);
        flush(gw);
        long probes = EventSearches.count(gw, TX, keyword("apiName", "Echo"));
        requests(gw, api, 100); // 64 fit in the queue
        ended(gw);
        gw.admin().get("/rest/apigateway/health/engine").then().statusCode(200).body("status", equalTo("yellow"))
            .body("transactionEvents.status", equalTo("yellow"));
        int dropped = gw.admin().get("/rest/apigateway/health/engine").then().extract().path("transactionEvents.droppedQueueFull");
        assertEquals(36, dropped);
        gw.anonymous().get("/metrics").then().statusCode(200)
            .body(containsString("gateway_events_dropped_total{reason=\"queue_full\"} 36.0"));
        assertEquals(64, flush(gw));
        assertEquals(probes + 64, EventSearches.count(gw, TX, keyword("apiName", "Echo")));
    }

    @Test
    void a_restart_keeps_the_events(TestGateway gw, Echo echo) {
        DeployedApi api = gw.deploy("apis/echo.json", echo);
        requests(gw, api, 5);
        flush(gw);
        long before = EventSearches.count(gw, TX, keyword("apiName", "Echo"));
        gw.restart();
        assertEquals(before, EventSearches.count(gw, TX, keyword("apiName", "Echo")));
        requests(gw, api, 1);
        flush(gw);
        assertEquals(before + 1, EventSearches.count(gw, TX, keyword("apiName", "Echo")));
    }

    @Test
    void a_quiesce_and_a_shutdown_are_lifecycle_events(TestGateway gw) {
        gw.admin().contentType("application/json").body("{\"enable\":true,\"block\":\"designtime\"}")
            .put("/rest/apigateway/quiescemode").then().statusCode(200);
        flush(gw);
        assertEquals(1, EventSearches.count(gw, "LIFECYCLE_EVENTS",
            keyword("lifecycleEvent", "migration:quiesce:designtime:completed")), "searching is allowed while quiesced");
        Await.result(gw.node().shutdown(0)); // flushes, drains, stops; the shutdown event is written as the node stops
        gw.restart();
        assertEquals(1, EventSearches.count(gw, "LIFECYCLE_EVENTS", keyword("lifecycleEvent", "apigateway:server:shutdown")));
        flush(gw);
        assertEquals(2, EventSearches.count(gw, "LIFECYCLE_EVENTS", keyword("lifecycleEvent", "apigateway:server:started")));
    }
}
