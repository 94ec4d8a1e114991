package dev.apigw.emulator.reliability;

import static org.hamcrest.Matchers.both;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apigw.emulator.support.GatewayIT;
import dev.apigw.emulator.support.RawHttp;
import dev.apigw.emulator.support.TestApis;
import dev.apigw.emulator.support.TestGateway;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bounded input on the admin API: charsets, escapes, nesting, sizes, regex cost and concurrency. Every refusal is a
 * 4xx in the product's error shape, and nothing refused is stored.
 */
@GatewayIT(set = {"limits.maxAdminRequestsPerClient=8", "limits.bodyLimitBytes=65536"})
class BoundedInputIT {
    static final String BASE = "/rest/apigateway";
    static final String AUTH = "Authorization: Basic " + Base64.getEncoder().encodeToString("Administrator:manage".getBytes());

    static void clientError(io.restassured.response.Response r, String what) {
        r.then().statusCode(both(greaterThanOrEqualTo(400)).and(lessThan(500))).body("errorDetails", startsWith(" "));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/apis", "/policies", "/applications", "/plans", "/search", "/webhooks"})
    void an_unknown_charset_is_400(String path, TestGateway gw) {
        String raw = RawHttp.exchange(gw.port(), "POST " + BASE + path + " HTTP/1.1\nHost: x\n" + AUTH
            + "\nContent-Type: application/json; charset=bogus\nContent-Length: 12\nConnection: close\n\n{\"name\":\"x\"}");
        assertEquals("400", raw.substring(9, 12), raw);
        assertTrue(RawHttp.body(raw).contains("errorDetails"), raw);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/apis?a=%zz", "/applications?x=%", "/policies?policyIds=%g1", "/health?a=%zz",
        "/plans?%zz=1", "/apis/%zz", "/policyActions?policyActionIds=a%2"})
    void a_bad_percent_escape_is_400(String path, TestGateway gw) {
        String raw = RawHttp.exchange(gw.port(), "GET " + BASE + path + " HTTP/1.1\nHost: x\n" + AUTH + "\nConnection: close\n\n");
        assertEquals("400", raw.substring(9, 12), raw);
        assertTrue(RawHttp.body(raw).contains("errorDetails"), raw);
    }

    @ParameterizedTest(name = "{0} levels")
    @ValueSource(ints = {501, 998, 999})
    void json_nested_past_the_limit_is_400_and_not_stored(int depth, TestGateway gw) {
        int apis = TestApis.count(gw);
        String deep = "[".repeat(depth - 2) + "]".repeat(depth - 2);
        String api = "{\"apiName\":\"Deep\",\"type\":\"openapi\",\"apiDefinition\":{\"openapi\":\"3.0.3\",\"info\":{\"title\":\"D\","
            + "\"version\":\"1\"},\"paths\":{},\"x-deep\":" + deep + "}}";
        clientError(gw.admin().contentType("application/json").body(api).post(BASE + "/apis"), "apis");
        String inner = "[".repeat(depth - 1) + "]".repeat(depth - 1); // the body itself is the first level
        clientError(gw.admin().contentType("application/json").body("{\"name\":\"Deep\",\"x\":" + inner + "}").post(BASE + "/applications"), "apps");
        clientError(gw.admin().contentType("application/json").body("{\"name\":\"Deep\",\"x\":" + inner + "}").post(BASE + "/plans"), "plans");
        assertEquals(apis, TestApis.count(gw));
        gw.admin().get(BASE + "/applications").then().statusCode(200);
        gw.admin().get(BASE + "/plans").then().statusCode(200);
    }

    @Test
    void wrong_types_in_a_plan_are_400(TestGateway gw) {
        clientError(gw.admin().contentType("application/json").body("{\"name\":\"P\",\"deprecated\":\"x\"}").post(BASE + "/plans"), "plan");
        clientError(gw.admin().contentType("application/json")
            .body("{\"name\":\"P\",\"quota\":{\"value\":5,\"intervalUnit\":\"fortnights\"}}").post(BASE + "/plans"), "plan");
    }

    @Test
    void a_body_over_the_route_limit_is_413_and_api_definitions_have_a_larger_one(TestGateway gw) {
        String big = "{\"name\":\"" + "x".repeat(70_000) + "\"}";
        gw.admin().contentType("application/json").body(big).post(BASE + "/applications").then().statusCode(413)
            .body("errorDetails", startsWith(" "));
        JsonObject def = TestApis.openApi("Big", "http://big.example.com", "/a").put("x-pad", "x".repeat(200_000));
        gw.admin().contentType("application/json").body(new JsonObject().put("apiName", "Big").put("type", "openapi")
            .put("apiDefinition", def).encode()).post(BASE + "/apis").then().statusCode(200);
    }

    @Test
    void a_costly_keyword_over_a_long_value_is_answered_quickly_on_no_event_loop(TestGateway gw) {
        JsonObject def = TestApis.openApi("Long", "http://long.example.com", "/a");
        gw.admin().contentType("application/json").body(new JsonObject().put("apiName", "Long").put("type", "openapi")
            .put("apiDescription", "a".repeat(60_000) + "b").put("apiDefinition", def).encode()).post(BASE + "/apis")
            .then().statusCode(200);
        for (String keyword : List.of("(a|aa)+", "(a+)+b", "(.*a){20}b", "((a*)*)*c", "(a|a?)+$")) {
            long start = System.nanoTime();
            JsonObject q = new JsonObject().put("types", new JsonArray().add("api")).put("condition", "or").put("scope",
                new JsonArray().add(new JsonObject().put("attributeName", "apiDescription").put("keyword", keyword)));
            int status = gw.admin().contentType("application/json").body(q.encode()).post(BASE + "/search").statusCode();
            assertTrue(status == 200 || status == 400, keyword + " -> " + status);
            assertTrue(System.nanoTime() - start < 5_000_000_000L, keyword + " took too long");
        }
        gw.anonymous().get(BASE + "/health").then().statusCode(200);
    }

    @Test
    void a_client_gets_429_past_its_concurrent_admin_requests_and_anonymous_ones_are_not_read(TestGateway gw) throws IOException {
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) { // authenticated uploads that stall: each holds a slot
                held.add(head(gw.port(), "POST " + BASE + "/policies HTTP/1.1\nHost: x\n" + AUTH
                    + "\nContent-Type: application/json\nContent-Length: 1000\n\n{"));
            }
            dev.apigw.emulator.support.Poll.until("slots taken", () -> gw.admin().get(BASE + "/health").statusCode() == 429);
            gw.admin().get(BASE + "/apis").then().statusCode(429).header("Retry-After", "1");
        } finally {
            for (Socket s : held) s.close();
        }
        dev.apigw.emulator.support.Poll.until("slots free again", () -> gw.admin().get(BASE + "/apis").statusCode() == 200);
        // an anonymous 50 MB upload: refused at its head, the connection closed without reading the body
        try (Socket s = head(gw.port(), "POST " + BASE + "/apis HTTP/1.1\nHost: x\nContent-Type: application/json\n"
            + "Content-Length: 52428800\n\n")) {
            String answer = readHead(s.getInputStream());
            assertTrue(answer.startsWith("HTTP/1.1 401"), answer);
            assertTrue(answer.toLowerCase().contains("connection: close"), answer);
        }
    }

    static Socket head(int port, String text) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
        s.setSoTimeout(10_000);
        OutputStream out = s.getOutputStream();
        out.write(text.replace("\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return s;
    }

    static String readHead(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            sb.append((char) c);
            if (sb.length() >= 4 && sb.substring(sb.length() - 4).equals("\r\n\r\n")) break;
        }
        return sb.toString();
    }
}
