package dev.apigw.emulator.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apigw.emulator.config.EventsConfig;
import dev.apigw.emulator.runtime.CompiledApi;
import dev.apigw.emulator.runtime.RoutingTarget;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The embedded store's short form of transactional events expands to exactly the product's document (same fields,
 * values and order) for every case {@link TransactionRecordEncodingTest} pins, and the store hands out only product
 * documents, before and after a restart.
 */
class ShortFormTest {
    private static final NodeIdentity NODE = TransactionRecordEncodingTest.NODE;

    static Stream<Arguments> cases() {
        return TransactionRecordEncodingTest.cases().entrySet().stream()
            .map(e -> Arguments.of(Named.of(e.getKey(), e.getValue())));
    }

    private static String line(EventRecord r, boolean stored) {
        JsonOut out = new JsonOut();
        if (stored) r.writeStored(out, new Fragments(NODE), 1000);
        else r.write(out, new Fragments(NODE), 1000);
        return new String(out.array(), 0, out.length(), StandardCharsets.UTF_8);
    }

    private static JsonObject read(String line) {
        JsonObject doc = new JsonObject(Buffer.buffer(line));
        return ShortForm.isShort(doc) ? ShortForm.expand(doc, NODE) : doc;
    }

    @ParameterizedTest
    @MethodSource("cases")
    void the_stored_form_reads_back_as_the_products_document_field_for_field(List<EventRecord> records) {
        for (EventRecord r : records) {
            String product = line(r, false);
            assertEquals(new JsonObject(product).encode(), read(line(r, true)).encode());
        }
    }

    @Test
    void a_plain_transaction_is_stored_in_a_quarter_of_the_bytes_and_a_captured_one_as_the_product_writes_it() {
        Map<String, List<EventRecord>> cases = TransactionRecordEncodingTest.cases();
        EventRecord plain = cases.get("success_without_application").get(0);
        String stored = line(plain, true);
        assertTrue(ShortForm.isShort(new JsonObject(stored)));
        assertTrue(stored.length() * 4 < line(plain, false).length() + 40, stored);
        EventRecord captured = cases.get("captured_headers_and_payloads").get(0);
        assertFalse(ShortForm.isShort(new JsonObject(line(captured, true))));
        assertEquals(line(captured, false), line(captured, true));
    }

    @Test
    void a_method_the_lower_case_httpMethod_cannot_give_back_is_kept() {
        CompiledApi api = new CompiledApi("id-1", "odd", "1", null, null, RoutingTarget.parse("http://b:1/x", null));
        TransactionRecord r = new TransactionRecord(1L, api, "/", "get", "/x", 200, 1, 0, 0, null, null, null, null,
            null, null);
        assertEquals("get", read(line(r, true)).getString("nativeHttpMethod"));
        assertEquals(new JsonObject(line(r, false)).encode(), read(line(r, true)).encode());
    }

    @Test
    void the_store_answers_product_documents_before_and_after_a_restart(@TempDir Path dataDir) throws IOException {
        EventsConfig config = new EventsConfig(true, 1000, 24, 1024, 20, 1024, 10_000, 10_000, true);
        List<EventRecord> records = new ArrayList<>();
        TransactionRecordEncodingTest.cases().values().forEach(records::addAll);
        List<String> expected = new ArrayList<>();
        EmbeddedEventStore store = new EmbeddedEventStore(dataDir, config);
        store.open(NODE);
        try {
            store.append(records);
            expected.addAll(documents(store));
        } finally {
            store.close();
        }
        assertEquals(EmbeddedEventStore.withDerived(records).size(), expected.size());
        EmbeddedEventStore reopened = new EmbeddedEventStore(dataDir, config);
        reopened.open(NODE);
        try {
            assertEquals(expected, documents(reopened));
            assertTrue(expected.get(0).contains("\"sourceGatewayNode\":\"" + NODE.id() + "\""), expected.get(0));
        } finally {
            reopened.close();
        }
    }

    private static List<String> documents(EmbeddedEventStore store) {
        List<String> docs = new ArrayList<>();
        store.scan(Long.MIN_VALUE, Long.MAX_VALUE, EventStore.allTypes(), new Budget(10_000), e -> docs.add(e.document().encode()));
        return docs;
    }
}
