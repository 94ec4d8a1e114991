package dev.apigw.emulator.events;

import static dev.apigw.emulator.support.EventSearches.await;
import static dev.apigw.emulator.support.EventSearches.keyword;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apigw.emulator.NodeProbe;
import dev.apigw.emulator.support.Await;
import dev.apigw.emulator.support.DeployedApi;
import dev.apigw.emulator.support.Echo;
import dev.apigw.emulator.support.GatewayIT;
import dev.apigw.emulator.support.Poll;
import dev.apigw.emulator.support.TestBackend;
import dev.apigw.emulator.support.TestGateway;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * One transactional event per runtime request that reached an API, whatever ended it, with the product's field names;
 * a policy violation event for a refusal, an error event for a failure, lifecycle events for activations.
 */
@GatewayIT(set = "events.flushIntervalMs=20")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TransactionalEventsIT {
    private static final String TX = "TRANSACTION_EVENTS";
    private DeployedApi echoApi;
    private DeployedApi keyed;
    private DeployedApi unreachable;

    @BeforeAll
    void deploy(TestGateway gw, Echo echo) {
        echoApi = gw.deploy("apis/echo.json", echo);
        keyed = gw.deploy("apis/echo-with-key.json", echo);
        unreachable = gw.deploy("apis/unreachable.json", Map.of("closedPort", String.valueOf(TestBackend.closedPort())));
    }

    /** A query parameter no other request carries: its event is found by its nativeURL. */
    private static String marker() {
        return "m" + UUID.randomUUID().toString().replace("-", "");
    }

    @Test
    void a_served_request_is_recorded_with_the_products_fields(TestGateway gw) {
        String m = marker();
        long before = System.currentTimeMillis();
        gw.anonymous().get(echoApi.path() + "/get?tag=" + m).then().statusCode(200);
        JsonObject e = await(gw, 1, TX, keyword("nativeURL", ".*" + m)).getJsonObject(0);
        assertEquals("Transactional", e.getString("eventType"));
        assertEquals(echoApi.id(), e.getString("apiId"));
        assertEquals("Echo", e.getString("apiName"));
        assertEquals("1.0", e.getString("apiVersion"));
        assertEquals("/get", e.getString("operationName"));
        assertEquals("get", e.getString("httpMethod"));
        assertEquals("GET", e.getString("nativeHttpMethod"));
        assertTrue(e.getString("nativeURL").matches("http://127\\.0\\.0\\.1:\\d+/get\\?tag=" + m), e.getString("nativeURL"));
        assertEquals("SUCCESS", e.getString("status"));
        assertEquals("200", e.getString("responseCode"));
        assertEquals("Unknown", e.getString("applicationName"));
        assertEquals("127.0.0.1", e.getString("consumerIp"));
        assertTrue(e.getLong("creationDate") >= before && e.getLong("creationDate") <= System.currentTimeMillis());
        assertTrue(e.getLong("totalTime") >= e.getLong("providerTime") && e.getLong("providerTime") >= 0);
        assertEquals(e.getLong("totalTime") - e.getLong("providerTime"), e.getLong("gatewayTime"));
        assertTrue(e.getLong("totalDataSize") > 0);
        assertTrue(e.getString("correlationID").startsWith("APIGW:"), e.getString("correlationID"));
        assertTrue(e.getString("id").startsWith(e.getString("sourceGatewayNode") + ":"));
        assertNull(e.getValue("errorOrigin"));
        assertNull(e.getValue("reqPayload"), "payloads only with a Log Invocation policy");
    }

    @Test
    void a_policy_refusal_is_a_failed_transaction_and_a_policy_violation(TestGateway gw) {
        String m = marker();
        gw.anonymous().get(keyed.path() + "/get?tag=" + m).then().statusCode(401);
        JsonObject tx = await(gw, 1, TX, keyword("apiName", "EchoWithKey"), keyword("responseCode", "401")).getJsonObject(0);
        assertEquals("FAILURE", tx.getString("status"));
        assertEquals("Gateway", tx.getString("errorOrigin"));
        assertNull(tx.getValue("nativeURL"), "never forwarded");
        JsonObject violation = await(gw, 1, "POLICYVIOLATION_EVENTS",
            keyword("correlationID", tx.getString("correlationID"))).getJsonObject(0);
        assertEquals("PolicyViolation", violation.getString("eventType"));
        assertEquals("identify-authorize", violation.getString("alertSource"));
        assertEquals("401", violation.getString("responseCode"));
        assertEquals(keyed.id(), violation.getString("apiId"));
        assertTrue(violation.getString("alertDesc").length() > 0);
        assertEquals(0, EventSearchesCount.errors(gw, tx.getString("correlationID")), "a refusal is no error event");
    }

    @Test
    void a_backend_failure_is_a_failed_transaction_and_an_error_event(TestGateway gw) {
        gw.anonymous().get(unreachable.path() + "/get").then().statusCode(503);
        JsonObject tx = await(gw, 1, TX, keyword("apiName", "Unreachable")).getJsonObject(0);
        assertEquals("FAILURE", tx.getString("status"));
        assertEquals("503", tx.getString("responseCode"));
        assertEquals("Nativeservice", tx.getString("errorOrigin"));
        JsonObject error = await(gw, 1, "ERROR_EVENTS", keyword("correlationID", tx.getString("correlationID"))).getJsonObject(0);
        assertEquals("Error", error.getString("eventType"));
        assertEquals("UPSTREAM_UNAVAILABLE", error.getString("errorCode"));
        assertEquals("Nativeservice", error.getString("errorOrigin"));
        assertTrue(error.getString("nativeURL").startsWith("http://127.0.0.1:"));
    }

    @Test
    void a_backend_error_status_is_recorded_as_it_was_answered(TestGateway gw) {
        String m = marker();
        gw.anonymous().get(echoApi.path() + "/status/500?tag=" + m).then().statusCode(500);
        JsonObject tx = await(gw, 1, TX, keyword("nativeURL", ".*" + m)).getJsonObject(0);
        assertEquals("500", tx.getString("responseCode"));
        assertEquals("/status/{code}", tx.getString("operationName"), "the resource template, not the path");
        assertEquals("NATIVE_SERVICE_ERROR", await(gw, 1, "ERROR_EVENTS",
            keyword("correlationID", tx.getString("correlationID"))).getJsonObject(0).getString("errorCode"));
    }

    @Test
    void a_mocked_answer_is_recorded_without_a_backend_and_its_body_is_the_logged_payload(TestGateway gw, Echo echo) {
        DeployedApi mocked = gw.deploy("apis/mocked-logged.json", Map.of("name", "MockedLogged", "echo", echo.url()));
        gw.admin().put("/rest/apigateway/apis/" + mocked.id() + "/mock/enable?retainDefaultMockResponses=false").then().statusCode(200);
        gw.admin().put("/rest/apigateway/apis/" + mocked.id() + "/activate").then().statusCode(200);
        gw.anonymous().get(mocked.path() + "/get").then().statusCode(200);
        JsonObject tx = await(gw, 1, TX, keyword("apiName", "MockedLogged")).getJsonObject(0);
        assertEquals("200", tx.getString("responseCode"));
        assertNull(tx.getValue("nativeURL"), "no backend was called");
        assertEquals("{\"source\":\"MOCKING\"}", tx.getString("resPayload"));
    }

    @Test
    void an_injected_fault_is_a_failure_of_the_native_service(TestGateway gw, Echo echo) {
        DeployedApi faulty = gw.deploy("apis/mocked.json", Map.of("name", "Faulty", "echo", echo.url()));
        gw.admin().put("/rest/apigateway/apis/" + faulty.id() + "/activate").then().statusCode(200);
        gw.admin().contentType("application/json").body("{\"failRate\": 1, \"failStatus\": 503}")
            .put("/emulator/faults/apis/" + faulty.id()).then().statusCode(200);
        try {
            gw.anonymous().get(faulty.path() + "/get").then().statusCode(503);
        } finally {
            gw.admin().delete("/emulator/faults/apis/" + faulty.id()).then().statusCode(204);
        }
        JsonObject tx = await(gw, 1, TX, keyword("apiName", "Faulty")).getJsonObject(0);
        assertEquals("503", tx.getString("responseCode"));
        assertEquals("Nativeservice", tx.getString("errorOrigin"));
        JsonObject error = await(gw, 1, "ERROR_EVENTS", keyword("correlationID", tx.getString("correlationID"))).getJsonObject(0);
        assertEquals("INJECTED_FAULT", error.getString("errorCode"));
        assertEquals("Nativeservice", error.getString("errorOrigin"));
    }

    @Test
    void a_client_that_leaves_is_recorded_with_499(TestGateway gw, Vertx vertx) {
        String m = marker();
        HttpClient client = vertx.createHttpClient();
        HttpClientRequest req = Await.result(client.request(HttpMethod.GET, gw.port(), "127.0.0.1",
            echoApi.path() + "/delay/3000?tag=" + m));
        req.end();
        Poll.until("admitted", () -> NodeProbe.of(gw.node()).inFlight() >= 1);
        req.connection().close();
        JsonObject tx = await(gw, 1, TX, keyword("nativeURL", ".*" + m)).getJsonObject(0);
        assertEquals("499", tx.getString("responseCode"));
        assertEquals("FAILURE", tx.getString("status"));
        assertEquals("Client", tx.getString("errorOrigin"));
        Await.result(client.close());
    }

    @Test
    void activations_and_the_start_are_lifecycle_events(TestGateway gw) {
        JsonObject activated = await(gw, 1, "LIFECYCLE_EVENTS", keyword("lifecycleEvent", "api:activated"),
            keyword("apiId", echoApi.id())).getJsonObject(0);
        assertEquals("Lifecycle", activated.getString("eventType"));
        assertEquals("Echo", activated.getString("apiName"));
        await(gw, 1, "LIFECYCLE_EVENTS", keyword("lifecycleEvent", "apigateway:server:started"));
    }

    @Test
    void requests_that_reach_no_api_are_not_recorded(TestGateway gw) {
        gw.anonymous().get("/gateway/NoSuchApi/1.0/get").then().statusCode(404);
        gw.anonymous().get(echoApi.path() + "/get").then().statusCode(200); // written after it, in the same order
        await(gw, 1, TX, keyword("apiName", "Echo"), keyword("operationName", "/get"));
        assertEquals(0, dev.apigw.emulator.support.EventSearches.count(gw, TX, keyword("apiName", "NoSuchApi")));
    }

    /** Error events of one correlation id. */
    private static final class EventSearchesCount {
        static long errors(TestGateway gw, String correlationId) {
            return dev.apigw.emulator.support.EventSearches.count(gw, "ERROR_EVENTS", keyword("correlationID", correlationId));
        }
    }
}
