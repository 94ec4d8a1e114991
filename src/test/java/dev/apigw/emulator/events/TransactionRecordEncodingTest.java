package dev.apigw.emulator.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.apigw.emulator.runtime.CompiledApi;
import dev.apigw.emulator.runtime.GatewayException;
import dev.apigw.emulator.runtime.RoutingTarget;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The stored NDJSON of transactional events and the events derived from them, byte for byte: the expected lines
 * were produced by the encoder before its pre-encoded fragments, so a faster encoder must write the same documents.
 */
class TransactionRecordEncodingTest {
    static final NodeIdentity NODE = new NodeIdentity("3f2b8a4e-1c5d-4e7f-9a0b-1234567890ab");
    static final long T = 1_764_547_200_123L;
    static final CompiledApi PLAIN = new CompiledApi("a1b2c3d4-e5f6-4711-8899-aabbccddeeff", "echo", "1.0", null, null,
        RoutingTarget.parse("http://127.0.0.1:19180/${sys:resource_path}", null));
    static final CompiledApi ODD = new CompiledApi("id-\"q\"", "Bestellungen \"Süd\" ✓\t", "2.0 β", null, null,
        RoutingTarget.parse("https://backend.example:8443/v2${sys:resource_path}", "post"));
    static final CompiledApi HTTPS = new CompiledApi("id-3", "orders", "3", null, null,
        RoutingTarget.parse("https://secure.example/base", null));
    static final SocketAddress CLIENT = SocketAddress.inetSocketAddress(51234, "10.1.2.3");

    /** The records of each case, written in order with sequence numbers 1000, 1001, … as the store does. */
    static Map<String, List<EventRecord>> cases() {
        Map<String, List<EventRecord>> cases = new LinkedHashMap<>();
        cases.put("success_without_application", List.of(new TransactionRecord(T, PLAIN, "/", "GET", "/", 200, 3, 1,
            180, null, null, CLIENT, null, null, null)));
        cases.put("identified_application_without_client_address", List.of(new TransactionRecord(T, PLAIN, "/items/{id}",
            "PUT", "/items/7?x=1", 201, 12, 12, 4096, "app-1", "Mobile \"app\"", null, null, null, null)));
        cases.put("escaped_texts_and_a_fixed_method", List.of(new TransactionRecord(T, ODD, "/länder/{id}", "PATCH",
            "/v2/länder/\u0001\"x\"\\", 404, 5, 2, 10, "a\u007f", "𝄞 music", CLIENT, null, null, null)));
        cases.put("mocked_api_has_no_native_url", List.of(new TransactionRecord(T, HTTPS, "/m", "OPTIONS", null, 200, 0,
            0, 0, null, null, CLIENT, null, null, null)));
        cases.put("backend_5xx_with_an_error_event", withDerived(new TransactionRecord(T, HTTPS, "/o", "DELETE",
            "/base", 503, 40, 39, 77, null, null, CLIENT, null, null, null)));
        cases.put("policy_violation", withDerived(new TransactionRecord(T, PLAIN, "/", "POST", null, 429, 1, 0, 0,
            "app-2", "batch", CLIENT, GatewayException.badRequest("Too many requests, \"slow\" down"), "policy-9",
            null)));
        cases.put("gateway_failure_with_an_error_event", withDerived(new TransactionRecord(T, PLAIN, "/", "GET", "/",
            504, 30_000, 30_000, 0, null, null, CLIENT, GatewayException.upstreamTimeout(30_000), null, null)));
        cases.put("client_closed_and_a_custom_method", List.of(new TransactionRecord(T, PLAIN, "/", "PROPFIND", "/",
            499, 2, -1, -5, null, null, CLIENT, null, null, null)));
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.put("Content-Type", "application/json");
        headers.put("x-multi", "a,b");
        cases.put("captured_headers_and_payloads", List.of(new TransactionRecord(T, PLAIN, "/", "POST", "/", 200, 1, 0,
            2, null, null, CLIENT, null, null, new TransactionRecord.Captured(headers, headers,
            Buffer.buffer("{\"a\":\"ü\"}"), Buffer.buffer("line\nnext")))));
        return cases;
    }

    private static List<EventRecord> withDerived(EventRecord r) {
        List<EventRecord> out = new ArrayList<>(List.of(r));
        out.add(r.derived());
        return out;
    }

    static String encode(List<EventRecord> records) {
        JsonOut out = new JsonOut();
        Fragments fragments = new Fragments(NODE);
        long seq = 1000;
        for (EventRecord r : records) {
            r.write(out, fragments, seq++);
            out.newline();
        }
        return new String(out.array(), 0, out.length(), StandardCharsets.UTF_8);
    }

    static Stream<Arguments> documents() {
        return cases().entrySet().stream().map(e -> Arguments.of(Named.of(e.getKey(), e.getValue()), EXPECTED.get(e.getKey())));
    }

    @ParameterizedTest
    @MethodSource("documents")
    void writes_the_same_documents_as_before(List<EventRecord> records, String expected) {
        assertEquals(expected, encode(records));
    }

    // produced by the hand-written encoder of commit 76162b4 (before the pre-encoded fragments)
    private static final Map<String, String> EXPECTED = Map.ofEntries(
        Map.entry("success_without_application", "{\"id\":\"3f2b8a4e-1c5d-4e7f-9a0b-1234567890ab:1000\",\"eventType\":\"Transactional\",\"creationDate\":1764547200123,\"apiId\":\"a1b2c3d4-e5f6-4711-8899-aabbccddeeff\",\"apiName\":\"echo\",\"apiVersion\":\"1.0\",\"operationName\":\"/\",\"httpMethod\":\"get\",\"applicationName\":\"Unknown\",\"applicationId\":\"Unknown\",\"consumerIp\":\"10.1.2.3\",\"correlationID\":\"APIGW:3f2b8a4e-1c5d-4e7f-9a0b-1234567890ab:1000\",\"sessionId\":\"3f2b8a4e-1c5d-4e7f-9a0b-1234567890ab:1000\",\"sourceGateway\":\"APIGateway\",\"sourceGatewayNode\":\"3f2b8a4e-1c5d-4e7f-9a0b-1234567890ab\",\"nativeHttpMethod\":\"GET\",\"nativeURL\":\"http://127.0.0.1:19180/\",\"status\":\"SUCCESS\",\"responseCode\":\"200\",\"totalTime\":3,\"providerTime\":1,\"gatewayTime\":2,\"totalDataSize\":180,\"applicationIp\":\"10.1.2.3\",\"cachedResponse\":\"Not-Cached\",\"callbackRequest\":false}\n"),
        Map.entry("identified_application_without_client_address", "{\"id\":\"3f2b8a4e-1c5d-4e7f-9a0b-1234567890ab:1000\",\"eventType\":\"Transactional\",\"creationDate\":1764547200123,\"apiId\":\"a1b2c3d4-e5f6-4711-8899-aabbccddeeff\",\"apiName\":\"echo\",\"apiVersion\":\"1.0\",\"operationName\":\"/items/{id}\",\"httpMethod\":\"put\",\"applicationName\":\"Mobile \\\"app\\\"\",\"applicationId\":\"app-1\",\"correlationID\":\"APIGW:3f2b8a4e-1c5d-4e7f-9a0b-1234567890ab:1000\",\"sessionId\":\"3f2b8a4e-1c5d-4e7f-9a0b-1234567890ab:1000\",\"sourceGateway\":\"APIGateway\",\"sourceGatewayNode\":\"3f2b8a4e-1c5d-4e7f-9a0b-1234567890ab\",\"nativeHttpMethod\":\"PUT\",\"nativeURL\":\"http://127.0.0.1:19180/items/7?x=1\",\"status\":\"SUCCESS\",\"responseCode\":\"201\",\"totalTime\":12,\"providerTime\":12,\"gatewayTime\":0,\"totalDataSize\":4096,\"cachedResponse\":\"Not-Cached\",\"callbackRequest\":false}\n"),
        Map.entry("escaped_texts_and_a_fixed_method", "{\"id\":\"3f2b8a4e-1c5d-4e7f-9a0b-1234567890ab:1000\",\"eventType\":\"Transactional\",\"creationDate\":1764547200123,\"apiId\":\"id-\\\"q\\\"\",\"apiName\":\"Bestellungen \\\"S\u00fcd\\\" \u2713\\t\",\"apiVersion\":\"2.0 \u03b2\",\"operationName\":\"/l\u00e4nder/{id}\",\"httpMethod\":\"patch\",\"applicationName\":\"\ud834\udd1e music\",\"applicationId\":\"a\u007f\",\"consumerIp\":\"10.1.2.3\",\"correlationID\":\"APIGW:3f2b8a4e-1c5d-4e7f-9a0b-1234567890ab:1000\",\"sessionId\":\"3f2b8a4e-1c5d-4e7f-9a0b-1234567890ab:1000\",\"sourceGateway\":\"APIGateway\",\"sourceGatewayNode\":\"3f2b8a4e-1c5d-4e7f-9a0b-1234567890ab\",\"nativeHttpMethod\":\"POST\",\"nativeURL\":\"https://backend.example:8443/v2/l\u00e4nder/\\u0001\\\"x\\\"\\\\\",\"status\":\"FAILURE\",\"responseCode\":\"404\",\"totalTime\":5,\"providerTime\":2,\"gatewayTime\":3,\"totalDataSize\":10,\"applicationIp\":\"10.1.2.3\",\"cachedResponse\":\"Not-Cached\",\"callbackRequest\":false}\n"),
        Map.entry("mocked_api_has_no_native_url", "{\"id\":\"3f2b8a4e-1c5d-4e7f-9a0b-1234567890ab:1000\",\"eventType\":\"Transactional\",\"creationDate\":1764547200123,\"apiId\":\"id-3\",\"apiName\":\"orders\",\"apiVersion\":\"3\",\"operationName\":\"/m\",\"httpMethod\":\"options\",\"applicationName\":\"Unknown\",\"applicationId\":\"Unknown\",\"consumerIp\":\"10.1.2.3\",\"correlationID\":\"APIGW:3f2b8a4e-1c5d-4e7f-9a0b-1234567890ab:1000\",\"sessionId\":\"3f2b8a4e-1c5d-4e7f-9a0b-1234567890ab:1000\",\"sourceGateway\":\"APIGateway\",\"sourceGatewayNode\":\"3f2b8a4e-1c5d-4e7f-9a0b-1234567890ab\",\"status\":\"SUCCESS\",\"responseCode\":\"200\",\"totalTime\":0,\"providerTime\":0,\"gatewayTime\":0,\"totalDataSize\":0,\"applicationIp\":\"10.1.2.3\",\"cachedResponse\":\"Not-Cached\",\"callbackRequest\":false}\n"),
        Map.entry("backend_5xx_with_an_error_event", "{\"id\":\"3f2b8a4e-1c5d-4e7f-9a0b-1234567890ab:1000\",\"eventType\":\"Transactional\",\"creationDate\":1764547200123,\"apiId\":\"id-3\",\"apiName\":\"orders\",\"apiVersion\":\"3\",\"operationName\":\"/o\",\"httpMethod\":\"delete\",\"applicationName\":\"Unknown\",\"applicationId\":\"Unknown\",\"consumerIp\":\"10.1.2.3\",\"correlationID\":\"APIGW:3f2b8a4e-1c5d-4e7f-9a0b-1234567890ab:1000\",\"sessionId\":\"3f2b8a4e-1c5d-4e7f-9a0b-1234567890ab:1000\",\"sourceGateway\":\"APIGateway\",\"sourceGatewayNode\":\"3f2b8a4e-1c5d-4e7f-9a0b-1234567890ab\",\"nativeHttpMethod\":\"DELETE\",\"nativeURL\":\"https://secure.example/base\",\"status\":\"FAILURE\",\"responseCode\":\"503\",\"totalTime\":40,\"providerTime\":39,\"gatewayTime\":1,\"totalDataSize\":77,\"applicationIp\":\"10.1.2.3\",\"cachedResponse\":\"Not-Cached\",\"callbackRequest\":false,\"errorOrigin\":\"Nativeservice\"}\n{\"id\":\"3f2b8a4e-1c5d-4e7f-9a0b-1234567890ab:1001\",\"eventType\":\"Error\",\"creationDate\":1764547200123,\"apiId\":\"id-3\",\"apiName\":\"orders\",\"apiVersion\":\"3\",\"operationName\":\"/o\",\"httpMethod\":\"delete\",\"applicationName\":\"Unknown\",\"applicationId\":\"Unknown\",\"consumerIp\":\"10.1.2.3\",\"correlationID\":\"APIGW:3f2b8a4e-1c5d-4e7f-9a0b-1234567890ab:1000\",\"sessionId\":\"3f2b8a4e-1c5d-4e7f-9a0b-1234567890ab:1000\",\"sourceGateway\":\"APIGateway\",\"sourceGatewayNode\":\"3f2b8a4e-1c5d-4e7f-9a0b-1234567890ab\",\"responseCode\":\"503\",\"totalTime\":40,\"errorOrigin\":\"Nativeservice\",\"errorCode\":\"NATIVE_SERVICE_ERROR\",\"errorDesc\":\"The native service answered with status 503\",\"nativeURL\":\"https://secure.example/base\"}\n"),
        Map.entry("policy_violation", "{\"id\":\"3f2b8a4e-1c5d-4e7f-9a0b-1234567890ab:1000\",\"eventType\":\"Transactional\",\"creationDate\":1764547200123,\"apiId\":\"a1b2c3d4-e5f6-4711-8899-aabbccddeeff\",\"apiName\":\"echo\",\"apiVersion\":\"1.0\",\"operationName\":\"/\",\"httpMethod\":\"post\",\"applicationName\":\"batch\",\"applicationId\":\"app-2\",\"consumerIp\":\"10.1.2.3\",\"correlationID\":\"APIGW:3f2b8a4e-1c5d-4e7f-9a0b-1234567890ab:1000\",\"sessionId\":\"3f2b8a4e-1c5d-4e7f-9a0b-1234567890ab:1000\",\"sourceGateway\":\"APIGateway\",\"sourceGatewayNode\":\"3f2b8a4e-1c5d-4e7f-9a0b-1234567890ab\",\"status\":\"FAILURE\",\"responseCode\":\"429\",\"totalTime\":1,\"providerTime\":0,\"gatewayTime\":1,\"totalDataSize\":0,\"applicationIp\":\"10.1.2.3\",\"cachedResponse\":\"Not-Cached\",\"callbackRequest\":false,\"errorOrigin\":\"Gateway\"}\n{\"id\":\"3f2b8a4e-1c5d-4e7f-9a0b-1234567890ab:1001\",\"eventType\":\"PolicyViolation\",\"creationDate\":1764547200123,\"apiId\":\"a1b2c3d4-e5f6-4711-8899-aabbccddeeff\",\"apiName\":\"echo\",\"apiVersion\":\"1.0\",\"operationName\":\"/\",\"httpMethod\":\"post\",\"applicationName\":\"batch\",\"applicationId\":\"app-2\",\"consumerIp\":\"10.1.2.3\",\"correlationID\":\"APIGW:3f2b8a4e-1c5d-4e7f-9a0b-1234567890ab:1000\",\"sessionId\":\"3f2b8a4e-1c5d-4e7f-9a0b-1234567890ab:1000\",\"sourceGateway\":\"APIGateway\",\"sourceGatewayNode\":\"3f2b8a4e-1c5d-4e7f-9a0b-1234567890ab\",\"responseCode\":\"429\",\"totalTime\":1,\"alertType\":\"Policy Violation\",\"alertSource\":\"policy-9\",\"alertDesc\":\"Too many requests, \\\"slow\\\" down\",\"errorCode\":\"BAD_REQUEST\"}\n"),
        Map.entry("gateway_failure_with_an_error_event", "{\"id\":\"3f2b8a4e-1c5d-4e7f-9a0b-1234567890ab:1000\",\"eventType\":\"Transactional\",\"creationDate\":1764547200123,\"apiId\":\"a1b2c3d4-e5f6-4711-8899-aabbccddeeff\",\"apiName\":\"echo\",\"apiVersion\":\"1.0\",\"operationName\":\"/\",\"httpMethod\":\"get\",\"applicationName\":\"Unknown\",\"applicationId\":\"Unknown\",\"consumerIp\":\"10.1.2.3\",\"correlationID\":\"APIGW:3f2b8a4e-1c5d-4e7f-9a0b-1234567890ab:1000\",\"sessionId\":\"3f2b8a4e-1c5d-4e7f-9a0b-1234567890ab:1000\",\"sourceGateway\":\"APIGateway\",\"sourceGatewayNode\":\"3f2b8a4e-1c5d-4e7f-9a0b-1234567890ab\",\"nativeHttpMethod\":\"GET\",\"nativeURL\":\"http://127.0.0.1:19180/\",\"status\":\"FAILURE\",\"responseCode\":\"504\",\"totalTime\":30000,\"providerTime\":30000,\"gatewayTime\":0,\"totalDataSize\":0,\"applicationIp\":\"10.1.2.3\",\"cachedResponse\":\"Not-Cached\",\"callbackRequest\":false,\"errorOrigin\":\"Nativeservice\"}\n{\"id\":\"3f2b8a4e-1c5d-4e7f-9a0b-1234567890ab:1001\",\"eventType\":\"Error\",\"creationDate\":1764547200123,\"apiId\":\"a1b2c3d4-e5f6-4711-8899-aabbccddeeff\",\"apiName\":\"echo\",\"apiVersion\":\"1.0\",\"operationName\":\"/\",\"httpMethod\":\"get\",\"applicationName\":\"Unknown\",\"applicationId\":\"Unknown\",\"consumerIp\":\"10.1.2.3\",\"correlationID\":\"APIGW:3f2b8a4e-1c5d-4e7f-9a0b-1234567890ab:1000\",\"sessionId\":\"3f2b8a4e-1c5d-4e7f-9a0b-1234567890ab:1000\",\"sourceGateway\":\"APIGateway\",\"sourceGatewayNode\":\"3f2b8a4e-1c5d-4e7f-9a0b-1234567890ab\",\"responseCode\":\"504\",\"totalTime\":30000,\"errorOrigin\":\"Nativeservice\",\"errorCode\":\"UPSTREAM_TIMEOUT\",\"errorDesc\":\"The native service did not respond within 30000 ms\",\"nativeURL\":\"http://127.0.0.1:19180/\"}\n"),
        Map.entry("client_closed_and_a_custom_method", "{\"id\":\"3f2b8a4e-1c5d-4e7f-9a0b-1234567890ab:1000\",\"eventType\":\"Transactional\",\"creationDate\":1764547200123,\"apiId\":\"a1b2c3d4-e5f6-4711-8899-aabbccddeeff\",\"apiName\":\"echo\",\"apiVersion\":\"1.0\",\"operationName\":\"/\",\"httpMethod\":\"propfind\",\"applicationName\":\"Unknown\",\"applicationId\":\"Unknown\",\"consumerIp\":\"10.1.2.3\",\"correlationID\":\"APIGW:3f2b8a4e-1c5d-4e7f-9a0b-1234567890ab:1000\",\"sessionId\":\"3f2b8a4e-1c5d-4e7f-9a0b-1234567890ab:1000\",\"sourceGateway\":\"APIGateway\",\"sourceGatewayNode\":\"3f2b8a4e-1c5d-4e7f-9a0b-1234567890ab\",\"nativeHttpMethod\":\"PROPFIND\",\"nativeURL\":\"http://127.0.0.1:19180/\",\"status\":\"FAILURE\",\"responseCode\":\"499\",\"totalTime\":2,\"providerTime\":-1,\"gatewayTime\":3,\"totalDataSize\":-5,\"applicationIp\":\"10.1.2.3\",\"cachedResponse\":\"Not-Cached\",\"callbackRequest\":false,\"errorOrigin\":\"Client\"}\n"),
        Map.entry("captured_headers_and_payloads", "{\"id\":\"3f2b8a4e-1c5d-4e7f-9a0b-1234567890ab:1000\",\"eventType\":\"Transactional\",\"creationDate\":1764547200123,\"apiId\":\"a1b2c3d4-e5f6-4711-8899-aabbccddeeff\",\"apiName\":\"echo\",\"apiVersion\":\"1.0\",\"operationName\":\"/\",\"httpMethod\":\"post\",\"applicationName\":\"Unknown\",\"applicationId\":\"Unknown\",\"consumerIp\":\"10.1.2.3\",\"correlationID\":\"APIGW:3f2b8a4e-1c5d-4e7f-9a0b-1234567890ab:1000\",\"sessionId\":\"3f2b8a4e-1c5d-4e7f-9a0b-1234567890ab:1000\",\"sourceGateway\":\"APIGateway\",\"sourceGatewayNode\":\"3f2b8a4e-1c5d-4e7f-9a0b-1234567890ab\",\"nativeHttpMethod\":\"POST\",\"nativeURL\":\"http://127.0.0.1:19180/\",\"status\":\"SUCCESS\",\"responseCode\":\"200\",\"totalTime\":1,\"providerTime\":0,\"gatewayTime\":1,\"totalDataSize\":2,\"applicationIp\":\"10.1.2.3\",\"cachedResponse\":\"Not-Cached\",\"callbackRequest\":false,\"requestHeaders\":{\"Content-Type\":\"application/json\",\"x-multi\":\"a,b\"},\"responseHeaders\":{\"Content-Type\":\"application/json\",\"x-multi\":\"a,b\"},\"reqPayload\":\"{\\\"a\\\":\\\"\u00fc\\\"}\",\"resPayload\":\"line\\nnext\"}\n"));
}
