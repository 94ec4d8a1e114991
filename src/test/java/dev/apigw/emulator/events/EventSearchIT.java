package dev.apigw.emulator.events;

import static dev.apigw.emulator.support.EventSearches.body;
import static dev.apigw.emulator.support.EventSearches.keyword;
import static dev.apigw.emulator.support.EventSearches.post;
import static dev.apigw.emulator.support.EventSearches.range;
import static dev.apigw.emulator.support.EventSearches.since;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apigw.emulator.support.DeployedApi;
import dev.apigw.emulator.support.Echo;
import dev.apigw.emulator.support.EventSearches;
import dev.apigw.emulator.support.GatewayIT;
import dev.apigw.emulator.support.Poll;
import dev.apigw.emulator.support.TestGateway;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Searches, counts and aggregations over events as the product's search API takes them: scopes by keyword (regex),
 * range (dates, numbers, since), condition and/or (or none), paging, sorting, projection, and the transactional
 * events GET API. Ten requests to one API: five GET /get, three GET /status/404, two POST /post.
 */
@GatewayIT(set = "events.flushIntervalMs=20")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventSearchIT {
    private static final String TX = "TRANSACTION_EVENTS";
    private static final String SEARCH = "/rest/apigateway/search";
    private DeployedApi api;
    private long start;

    @BeforeAll
    void traffic(TestGateway gw, Echo echo) {
        api = gw.deploy("apis/echo.json", echo);
        // the deployment's probe requests are recorded too: they end before this class's first request starts
        JsonArray probes = EventSearches.await(gw, 1, TX, keyword("apiName", "Echo"));
        start = probes.stream().mapToLong(e -> ((JsonObject) e).getLong("creationDate")).max().orElseThrow() + 1;
        Poll.until("the clock passed the probes", () -> System.currentTimeMillis() >= start);
        for (int i = 0; i < 5; i++) gw.anonymous().get(api.path() + "/get").then().statusCode(200);
        for (int i = 0; i < 3; i++) gw.anonymous().get(api.path() + "/status/404").then().statusCode(404);
        for (int i = 0; i < 2; i++) gw.anonymous().body("{}").post(api.path() + "/post").then().statusCode(200);
        Poll.until("ten events", () -> EventSearches.count(gw, TX, ours(keyword("apiName", "Echo"))) == 10);
    }

    /** The scopes, limited to the events of this class's ten requests. */
    private JsonObject[] ours(JsonObject... scopes) {
        JsonObject[] out = java.util.Arrays.copyOf(scopes, scopes.length + 1);
        out[scopes.length] = range("creationDate", start, null);
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "by API name                  ; apiName      ; Ec.*       ; 10",
        "case-insensitively           ; apiName      ; ECHO       ; 10",
        "by response code             ; responseCode ; 404        ; 3",
        "by method                    ; httpMethod   ; post       ; 2",
        "by an alternation            ; operationName; /get|/post ; 7",
        "by a field read from disk    ; nativeURL    ; .*/status/404 ; 3",
        "nothing                      ; apiName      ; Other      ; 0"})
    void counts_and_searches_agree_on_a_keyword(String name, String field, String regex, int expected, TestGateway gw) {
        assertEquals(expected, EventSearches.count(gw, TX, ours(keyword("apiName", "Echo"), keyword(field, regex))));
        assertEquals(expected, EventSearches.search(gw, TX, ours(keyword("apiName", "Echo"), keyword(field, regex))).size());
    }

    @Test
    void condition_is_optional_and_or_widens(TestGateway gw) {
        // under or, the time range of ours() would match all: the probes (GET /get) match neither keyword anyway
        JsonObject or = body(TX, keyword("responseCode", "404"), keyword("httpMethod", "post")).put("condition", "OR");
        assertEquals(5, post(gw, SEARCH + "/_count", or).getLong("transaction_events"));
        JsonObject and = body(TX, ours(keyword("responseCode", "404"), keyword("httpMethod", "post"))).put("condition", "and");
        assertEquals(0, post(gw, SEARCH + "/_count", and).getLong("transaction_events"));
        assertEquals(0, EventSearches.count(gw, TX, ours(keyword("responseCode", "404"), keyword("httpMethod", "post"))),
            "no condition: and");
    }

    @Test
    void ranges_on_dates_numbers_and_since(TestGateway gw) {
        String yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
        String tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1).toString();
        assertEquals(10, EventSearches.count(gw, TX, ours(keyword("apiName", "Echo"), range("creationDate", yesterday, tomorrow))));
        assertEquals(10, EventSearches.count(gw, TX, ours(keyword("apiName", "Echo"), range("creationDate", start, null))));
        assertEquals(0, EventSearches.count(gw, TX, ours(keyword("apiName", "Echo"), range("creationDate", null, "2020-05-31"))));
        assertEquals(10, EventSearches.count(gw, TX, ours(keyword("apiName", "Echo"), since("creationDate", "1h"))));
        assertEquals(10, EventSearches.count(gw, TX, ours(keyword("apiName", "Echo"), range("totalTime", 0, 60_000))));
        assertEquals(3, EventSearches.count(gw, TX, ours(keyword("apiName", "Echo"), range("responseCode", 400, 499))));
        assertEquals(3, EventSearches.count(gw, TX, ours(keyword("apiName", "Echo"), range("responseCode", "400", "499"))));
    }

    @Test
    void paging_sorting_and_response_fields(TestGateway gw) {
        JsonObject newest = body(TX, ours(keyword("apiName", "Echo"))).put("size", 3).put("sortByField", "creationDate")
            .put("sortOrder", "DESC").put("responseFields", new JsonArray().add("creationDate").add("httpMethod"));
        JsonArray page = post(gw, SEARCH, newest).getJsonArray("transaction_events");
        assertEquals(3, page.size());
        for (int i = 0; i < 3; i++) {
            assertEquals("post".equals(page.getJsonObject(i).getString("httpMethod")) || i == 2, true);
            assertEquals(2, page.getJsonObject(i).size(), "only the response fields: " + page.getJsonObject(i));
        }
        assertTrue(page.getJsonObject(0).getLong("creationDate") >= page.getJsonObject(2).getLong("creationDate"));
        assertEquals("post", page.getJsonObject(0).getString("httpMethod"), "the last request first");
        JsonObject tail = body(TX, ours(keyword("apiName", "Echo"))).put("from", 8).put("size", 5);
        assertEquals(2, post(gw, SEARCH, tail).getJsonArray("transaction_events").size());
        JsonObject byTime = body(TX, ours(keyword("apiName", "Echo"))).put("sortByField", "totalTime").put("sortOrder", "DESC");
        JsonArray sorted = post(gw, SEARCH, byTime).getJsonArray("transaction_events");
        for (int i = 1; i < sorted.size(); i++) {
            assertTrue(sorted.getJsonObject(i - 1).getLong("totalTime") >= sorted.getJsonObject(i).getLong("totalTime"));
        }
    }

    @Test
    void aggregations_group_measure_and_bucket(TestGateway gw) {
        JsonArray aggs = new JsonArray()
            .add(new JsonObject().put("type", "group").put("fields", "apiName,responseCode").put("name", "byCode"))
            .add(new JsonObject().put("type", "metrics").put("fields", "totalTime").put("metricsType", "max").put("name", "Max"))
            .add(new JsonObject().put("type", "metrics").put("fields", "totalTime").put("metricsType", "avg").put("name", "Avg"))
            .add(new JsonObject().put("type", "timeseries").put("fields", "creationDate").put("interval", "day").put("name", "Days"));
        JsonObject out = post(gw, SEARCH + "/_aggregations", body(TX, ours(keyword("apiName", "Echo"), since("creationDate", "4w")))
            .put("aggregations", aggs)).getJsonObject(TX);
        JsonArray groups = out.getJsonArray("byCode");
        assertEquals(new JsonObject().put("apiName", "Echo").put("responseCode", "200").put("count", 7), groups.getJsonObject(0));
        assertEquals(new JsonObject().put("apiName", "Echo").put("responseCode", "404").put("count", 3), groups.getJsonObject(1));
        assertTrue(out.getNumber("Max").doubleValue() >= out.getNumber("Avg").doubleValue());
        JsonArray days = out.getJsonArray("Days");
        long today = LocalDate.now(ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        assertEquals(new JsonObject().put("creationDate", today).put("count", 10), days.getJsonObject(days.size() - 1));
        JsonObject single = post(gw, SEARCH + "/_aggregations", body(TX, ours(keyword("apiName", "Echo")))
            .put("aggregations", new JsonObject().put("type", "group").put("fields", "apiName")));
        assertEquals(10, single.getJsonObject(TX).getJsonArray("apiName").getJsonObject(0).getInteger("count"),
            "one aggregation object instead of an array; its name defaults to the first field");
    }

    @Test
    void assets_and_events_in_one_search(TestGateway gw) {
        JsonObject both = body("api", keyword("apiName", "Echo")).put("condition", "and");
        both.getJsonArray("types").add(TX);
        long all = EventSearches.count(gw, TX, keyword("apiName", "Echo")); // with the deployment's probe requests
        assertTrue(all >= 10);
        JsonObject out = post(gw, SEARCH, both);
        assertEquals(all, out.getJsonArray("transaction_events").size());
        assertTrue(out.fieldNames().stream().anyMatch(k -> k.equalsIgnoreCase("api")), out.fieldNames().toString());
        JsonObject counts = post(gw, SEARCH + "/_count", both);
        assertEquals(all, counts.getLong("transaction_events"));
        assertEquals(1, counts.getLong("api"));
    }

    @Test
    void a_search_of_assets_and_events_needs_no_condition_even_with_two_scope_entries(TestGateway gw) {
        // an asset-only body with two entries and no condition is a 400; naming an event type makes it "and"
        JsonObject assetsOnly = body("api", keyword("apiName", "Echo"), keyword("apiVersion", "1.0"));
        gw.admin().contentType("application/json").body(assetsOnly.encode()).post(SEARCH).then().statusCode(400)
            .body("errorDetails", containsString("Mandatory field condition is missing"));
        JsonObject both = body("api", keyword("apiName", "Echo"), keyword("apiVersion", "1.0"));
        both.getJsonArray("types").add(TX);
        JsonObject out = post(gw, SEARCH, both);
        assertEquals(1, out.getJsonArray("api").size(), out.encode());
        assertEquals(EventSearches.count(gw, TX, keyword("apiName", "Echo"), keyword("apiVersion", "1.0")),
            out.getJsonArray("transaction_events").size());
        JsonObject counts = post(gw, SEARCH + "/_count", both);
        assertEquals(1, counts.getLong("api"));
        assertTrue(counts.getLong("transaction_events") >= 10, counts.encode());
        // under and, the asset part matches nothing when one entry fails
        both.getJsonArray("scope").getJsonObject(1).put("keyword", "9.9");
        JsonObject none = post(gw, SEARCH + "/_count", both);
        assertEquals(0, none.getLong("api"));
        assertEquals(0, none.getLong("transaction_events"));
    }

    @Test
    void transactional_events_by_get(TestGateway gw) {
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        int all = (int) EventSearches.count(gw, TX, keyword("apiName", "Echo"), range("creationDate", today, today));
        assertTrue(all >= 10, "the ten requests and the deployment's probes");
        for (String path : new String[] {"/transactionalEvents", "/transactionEvents"}) {
            gw.admin().get("/rest/apigateway" + path + "/_search?apiName=Echo&fromDate=" + today + "&toDate=" + today)
                .then().statusCode(200).body("transaction.size()", equalTo(all))
                .body("transaction[0].apiName", equalTo("Echo")).body("transaction[0].responseCode", equalTo("200"))
                .body("transaction[0].nativeURL", equalTo(null));
            gw.admin().get("/rest/apigateway" + path + "/_search?apiName=E.*&from=" + (all - 2) + "&size=5&fromDate=" + today
                + "&toDate=" + today).then().statusCode(200).body("transaction.size()", equalTo(2));
            gw.admin().get("/rest/apigateway" + path + "/_count?apiName=Echo&fromDate=" + today + "&toDate=" + today)
                .then().statusCode(200).body("count[0].apiName", equalTo("Echo")).body("count[0].apiVersion", equalTo("1.0"))
                .body("count[0].apiId", equalTo(api.id())).body("count[0].count", equalTo(all));
        }
        gw.admin().get("/rest/apigateway/transactionalEvents/_count?fromDate=" + today + "&toDate=" + today)
            .then().statusCode(400).body("errorDetails", equalTo(" Insufficient parameters. At least one parameter in "
                + "addition to the creation date range must be provided."));
        gw.admin().get("/rest/apigateway/transactionalEvents/_search?apiName=Echo").then().statusCode(400)
            .body("errorDetails", containsString("fromDate"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "a keyword that is no regex    | {\"types\":[\"TRANSACTION_EVENTS\"],\"scope\":[{\"attributeName\":\"apiName\",\"keyword\":\"(\"}]}             | regular expression",
        "a date that is no date        | {\"types\":[\"TRANSACTION_EVENTS\"],\"scope\":[{\"attributeName\":\"creationDate\",\"range\":{\"from\":\"soon\"}}]} | no date",
        "a since without a unit        | {\"types\":[\"TRANSACTION_EVENTS\"],\"scope\":[{\"attributeName\":\"creationDate\",\"range\":{\"since\":\"7\"}}]}   | since",
        "a condition that is neither   | {\"types\":[\"TRANSACTION_EVENTS\"],\"condition\":\"xor\"}                                                        | condition",
        "a scope that is no array      | {\"types\":[\"TRANSACTION_EVENTS\"],\"scope\":{}}                                                                | scope",
        "a size that is no number      | {\"types\":[\"TRANSACTION_EVENTS\"],\"size\":\"ten\"}                                                              | size"})
    void bad_search_input_answers_400(String name, String body, String mentions, TestGateway gw) {
        gw.admin().contentType("application/json").body(body).post(SEARCH).then().statusCode(400)
            .body("errorDetails", containsString(mentions));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "no aggregations               | {\"types\":[\"TRANSACTION_EVENTS\"]}                                                    | Mandatory field aggregations",
        "an unknown aggregation type   | {\"types\":[\"TRANSACTION_EVENTS\"],\"aggregations\":[{\"type\":\"median\",\"fields\":\"x\"}]} | group, metrics or timeseries",
        "metrics without a metric      | {\"types\":[\"TRANSACTION_EVENTS\"],\"aggregations\":[{\"type\":\"metrics\",\"fields\":\"totalTime\"}]} | metricsType",
        "a time series without interval| {\"types\":[\"TRANSACTION_EVENTS\"],\"aggregations\":[{\"type\":\"timeseries\",\"fields\":\"creationDate\"}]} | interval"})
    void bad_aggregations_answer_400(String name, String body, String mentions, TestGateway gw) {
        gw.admin().contentType("application/json").body(body).post(SEARCH + "/_aggregations").then().statusCode(400)
            .body("errorDetails", containsString(mentions));
    }
}
