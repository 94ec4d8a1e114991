package dev.apigw.emulator.events;

import static dev.apigw.emulator.support.EventSearches.await;
import static dev.apigw.emulator.support.EventSearches.keyword;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apigw.emulator.support.DeployedApi;
import dev.apigw.emulator.support.Echo;
import dev.apigw.emulator.support.GatewayIT;
import dev.apigw.emulator.support.TestGateway;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A Log Invocation policy ({@code logInvocation}) makes the transactional event carry the request and response
 * payloads and the request headers it asks for, each cut at {@code events.maxPayloadBytes}, while the bodies still
 * stream through whole.
 */
@GatewayIT(set = {"events.flushIntervalMs=20", "events.maxPayloadBytes=1024"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LogInvocationIT {
    private static final String TX = "TRANSACTION_EVENTS";
    private DeployedApi api;

    @BeforeAll
    void deploy(TestGateway gw, Echo echo) {
        api = gw.deploy("apis/echo-logged.json", echo);
    }

    private static JsonObject eventOf(TestGateway gw, String marker) {
        return await(gw, 1, TX, keyword("apiName", "EchoLogged"), keyword("nativeURL", ".*" + marker)).getJsonObject(0);
    }

    @Test
    void the_payloads_and_request_headers_it_asks_for_are_stored(TestGateway gw) {
        String m = UUID.randomUUID().toString();
        String body = "{\"foo\":\"bar\",\"n\":\"é\"}";
        gw.anonymous().contentType("application/json").header("X-Trace", m).body(body)
            .post(api.path() + "/post?tag=" + m).then().statusCode(200).body("json.foo", equalTo("bar"));
        JsonObject e = eventOf(gw, m);
        assertEquals(body, e.getString("reqPayload"));
        assertEquals("bar", new JsonObject(e.getString("resPayload")).getJsonObject("json").getString("foo"));
        assertEquals(m, e.getJsonObject("requestHeaders").getString("X-Trace"));
        assertNull(e.getValue("responseHeaders"), "storeResponseHeaders is false");
    }

    @Test
    void payloads_are_cut_at_the_bound_while_the_bodies_stream_whole(TestGateway gw) {
        String up = UUID.randomUUID().toString();
        gw.anonymous().contentType("application/octet-stream").body(new byte[200_000]).post(api.path() + "/upload?tag=" + up)
            .then().statusCode(200).body("bytes", equalTo(200_000));
        assertEquals(1024, eventOf(gw, up).getString("reqPayload").length());

        String down = UUID.randomUUID().toString();
        byte[] received = gw.anonymous().get(api.path() + "/bytes/300000?tag=" + down).then().statusCode(200)
            .extract().asByteArray();
        assertEquals(300_000, received.length);
        JsonObject e = eventOf(gw, down);
        assertEquals(1024, e.getString("resPayload").length());
        assertNull(e.getValue("reqPayload"), "a GET sends no body");
        assertTrue(e.getLong("totalDataSize") >= 300_000);
    }
}
