package dev.apigw.emulator.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apigw.emulator.runtime.GatewayException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import com.google.re2j.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Parsing search bodies, dates and durations; buckets; the hand-written JSON; keyword budgets. */
class EventQueryTest {
    private static final List<EventType> TX = List.of(EventType.TRANSACTION_EVENTS);
    private static final long NOW = Instant.parse("2024-05-15T12:00:00Z").toEpochMilli();

    @Test
    void condition_defaults_to_and_and_size_to_the_maximum() {
        EventQuery q = EventQueryParser.parse(new JsonObject(), TX, NOW, 10_000);
        assertTrue(q.and());
        assertEquals(10_000, q.size());
        assertEquals("creationDate", q.sortField());
        assertEquals(500, EventQueryParser.parse(new JsonObject().put("from", 9_500).put("size", 1_000), TX, NOW, 10_000).size(),
            "from + size stays within the maximum, as Elasticsearch's result window");
        assertTrue(!EventQueryParser.parse(new JsonObject().put("condition", "OR"), TX, NOW, 10).and());
    }

    @Test
    void since_and_dates_become_a_time_window() {
        JsonObject body = new JsonObject().put("scope", new JsonArray()
            .add(new JsonObject().put("attributeName", "creationDate").put("range", new JsonObject().put("since", "1w")))
            .add(new JsonObject().put("attributeName", "creationDate").put("range", new JsonObject().put("to", "2024-05-14"))));
        long[] bounds = EventQueryParser.parse(body, TX, NOW, 10).timeBounds(0);
        assertEquals(NOW - 7 * 86_400_000L, bounds[0]);
        assertEquals(Instant.parse("2024-05-14T23:59:59.999Z").toEpochMilli(), bounds[1], "a date alone: its whole day");
    }

    @Test
    void one_aggregation_object_or_an_array() {
        JsonObject one = new JsonObject().put("aggregations", new JsonObject().put("type", "timeseries")
            .put("fields", "creationDate").put("interval", "Month"));
        Aggregation a = EventQueryParser.parseAggregations(one, TX, NOW).aggregations().get(0);
        assertEquals(Aggregation.Kind.TIMESERIES, a.kind());
        assertEquals("creationDate", a.name());
        assertEquals("month", a.interval());
    }

    @Test
    void a_catastrophic_keyword_is_answered_in_linear_time() {
        // with java.util.regex this one takes ages at 40 characters; RE2/J never backtracks
        Keyword k = new Keyword("apiName", Pattern.compile("(.*a){12}b"));
        long t0 = System.nanoTime();
        assertFalse(k.test("a".repeat(40) + "!"));
        assertTrue(System.nanoTime() - t0 < 5_000_000_000L);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
        "2020-05-01                | 2020-05-01T00:00:00Z",
        "2020-05-01 08:30:00       | 2020-05-01T08:30:00Z",
        "2020-05-01T08:30:00Z      | 2020-05-01T08:30:00Z",
        "1588321800                | 2020-05-01T08:30:00Z",
        "1588321800000             | 2020-05-01T08:30:00Z"})
    void dates_in_the_forms_clients_send(String text, String expected) {
        assertEquals(Instant.parse(expected).toEpochMilli(), Times.parse(text, false));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "30s | 2024-05-15T11:59:30Z", "5m | 2024-05-15T11:55:00Z", "2h | 2024-05-15T10:00:00Z",
        "28d | 2024-04-17T12:00:00Z", "1w | 2024-05-08T12:00:00Z", "1M | 2024-04-15T12:00:00Z", "1y | 2023-05-15T12:00:00Z"})
    void durations_count_back_from_now(String duration, String expected) {
        assertEquals(Instant.parse(expected).toEpochMilli(), Times.before(duration, NOW));
    }

    @Test
    void not_dates_and_not_durations() {
        assertNull(Times.parse("soon", false));
        assertNull(Times.before("7", NOW));
        assertNull(Times.before("7x", NOW));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "second  | 2024-05-15T12:34:56Z", "minute | 2024-05-15T12:34:00Z", "hour | 2024-05-15T12:00:00Z",
        "day     | 2024-05-15T00:00:00Z", "week   | 2024-05-13T00:00:00Z", "month | 2024-05-01T00:00:00Z",
        "quarter | 2024-04-01T00:00:00Z", "year   | 2024-01-01T00:00:00Z"})
    void time_series_buckets_start_on_calendar_boundaries(String interval, String start) {
        long t = Instant.parse("2024-05-15T12:34:56.789Z").toEpochMilli();
        assertEquals(Instant.parse(start).toEpochMilli(), Aggregator.bucket(t, interval));
    }

    @Test
    void hand_written_json_round_trips_through_a_parser() {
        String tricky = "quote \" backslash \\ newline \n tab \t control \u0001 é ü 😀 end";
        JsonOut out = new JsonOut();
        out.begin().field("text", tricky).field("n", -42L).field("big", Long.MAX_VALUE).field("yes", true)
            .field("id", "node:", 7).object("headers").field("Accept", "*/*").end().rawField("raw", "{\"é\":1}").end();
        JsonObject parsed = new JsonObject(new String(out.array(), 0, out.length(), java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(tricky, parsed.getString("text"));
        assertEquals(-42L, parsed.getLong("n"));
        assertEquals(Long.MAX_VALUE, parsed.getLong("big"));
        assertEquals("node:7", parsed.getString("id"));
        assertEquals("*/*", parsed.getJsonObject("headers").getString("Accept"));
        assertEquals(1, parsed.getJsonObject("raw").getInteger("é"));
    }
}
