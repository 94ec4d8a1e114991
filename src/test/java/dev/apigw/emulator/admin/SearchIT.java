package dev.apigw.emulator.admin;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import dev.apigw.emulator.support.TestApis;
import dev.apigw.emulator.support.TestGateway;
import io.restassured.response.ValidatableResponse;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code POST /rest/apigateway/search}, {@code /search/_count} and the UI facade {@code searchApis}. */
@ExtendWith(VertxExtension.class)
class SearchIT {
    static final String SEARCH = "/rest/apigateway/search";
    TestGateway gw;

    @BeforeEach
    void start(Vertx vertx) {
        gw = TestGateway.start(vertx);
        TestApis.register(gw, "Weather API", "1.0", TestApis.openApi("W", "http://w.example.com", "/now"));
        TestApis.register(gw, "Weather API", "2.0", TestApis.openApi("W", "http://w.example.com", "/now"));
        TestApis.register(gw, "Runner", "1.0", TestApis.openApi("R", "http://r.example.com", "/run"));
    }

    @AfterEach
    void stop() {
        gw.close();
    }

    ValidatableResponse search(String path, JsonObject body) {
        return gw.admin().contentType("application/json").body(body.encode()).post(path).then();
    }

    static JsonObject query(String condition, JsonObject... scope) {
        JsonObject q = new JsonObject().put("types", new JsonArray().add("api"));
        if (condition != null) q.put("condition", condition);
        return q.put("scope", new JsonArray(List.of((Object[]) scope)));
    }

    static JsonObject scope(String attribute, String keyword) {
        return new JsonObject().put("attributeName", attribute).put("keyword", keyword);
    }

    @Test
    void finds_apis_by_name_regex_keyed_by_lower_case_type_as_clients_read_them() {
        search(SEARCH, query("or", scope("apiName", ".*weather.*"))).statusCode(200)
            .body("api", hasSize(2)).body("api.apiName", equalTo(List.of("Weather API", "Weather API")));
        search(SEARCH, query("or", scope("apiName", "Run.*"))).statusCode(200).body("api.apiName", equalTo(List.of("Runner")));
    }

    @Test
    void types_match_in_either_case_and_types_without_assets_answer_empty() {
        JsonObject q = new JsonObject().put("types", new JsonArray().add("API").add("policy").add("user").add("alias")
            .add("kerberos_setting")).put("condition", "or");
        search(SEARCH, q).statusCode(200)
            .body("api", hasSize(3)).body("policy", hasSize(3)).body("user", equalTo(List.of("Administrator")))
            .body("alias.id", hasItem("local")).body("kerberos_setting", hasSize(0));
    }

    @Test
    void upper_case_keys_with_the_compat_setting(Vertx vertx) {
        JsonObject settings = TestGateway.defaults();
        settings.getJsonObject("compat").put("searchResultKeys", "upper");
        try (TestGateway upper = TestGateway.start(vertx, settings)) {
            TestApis.register(upper, "Runner", "1.0", TestApis.openApi("R", "http://r.example.com", "/run"));
            upper.admin().contentType("application/json").body(query("or", scope("apiName", "Run.*")).encode()).post(SEARCH)
                .then().statusCode(200).body("API.apiName", equalTo(List.of("Runner")));
        }
    }

    @Test
    void and_requires_every_scope_or_any_one() {
        search(SEARCH, query("and", scope("apiName", "Weather.*"), scope("apiVersion", "2\\.0"))).statusCode(200)
            .body("api.apiVersion", equalTo(List.of("2.0")));
        search(SEARCH, query("or", scope("apiName", "Runner"), scope("apiVersion", "2\\.0"))).statusCode(200)
            .body("api", hasSize(2));
    }

    @Test
    void dotted_attribute_names_reach_into_arrays() {
        JsonObject q = new JsonObject().put("types", new JsonArray().add("policy")).put("condition", "or")
            .put("scope", new JsonArray().add(scope("names.value", "Default Policy for API Runner")));
        search(SEARCH, q).statusCode(200).body("policy", hasSize(1))
            .body("policy[0].names[0].value", equalTo("Default Policy for API Runner"));
    }

    @Test
    void response_fields_project_and_from_size_page() {
        JsonObject q = query("or", scope("apiName", ".*")).put("responseFields", new JsonArray().add("apiName").add("id"));
        search(SEARCH, q).statusCode(200).body("api", hasSize(3))
            .body("api[0].keySet()", equalTo(java.util.Set.of("apiName", "id")));
        search(SEARCH, q.copy().put("from", 1).put("size", 1)).statusCode(200).body("api", hasSize(1));
        search(SEARCH, q.copy().put("from", 5)).statusCode(200).body("api", hasSize(0));
    }

    @Test
    void a_missing_condition_is_the_vendor_400_when_it_decides_the_result() {
        search(SEARCH, query(null, scope("apiName", ".*"), scope("apiVersion", "1.*"))).statusCode(400)
            .body("", equalTo(Map.of("errorDetails", " Mandatory field condition is missing in the input request body")));
        search(SEARCH + "/_count", query(null, scope("apiName", ".*"), scope("apiVersion", "1.*"))).statusCode(400)
            .body("errorDetails", equalTo(" Mandatory field condition is missing in the input request body"));
    }

    @Test
    void without_a_condition_one_scope_entry_or_none_still_searches() {
        search(SEARCH, query(null, scope("apiName", "Run.*"))).statusCode(200).body("api.apiName", equalTo(List.of("Runner")));
        search(SEARCH + "/_count", query(null)).statusCode(200).body("api", equalTo(3));
        search(SEARCH, query(null).put("from", "0").put("size", "1")).statusCode(200).body("api", hasSize(1));
    }

    @Test
    void invalid_requests_are_400() {
        search(SEARCH, query("or", scope("apiName", "(unclosed"))).statusCode(400).body("errorDetails", containsString("(unclosed"));
        search(SEARCH, query("maybe")).statusCode(400).body("errorDetails", notNullValue());
        search(SEARCH, new JsonObject().put("condition", "or")).statusCode(400).body("errorDetails", containsString("types"));
        search(SEARCH, query("or").put("from", "zero")).statusCode(400).body("errorDetails", containsString("from"));
        search(SEARCH, query("or").put("scope", "apiName")).statusCode(400).body("errorDetails", containsString("scope"));
        gw.admin().contentType("application/json").body("{").post(SEARCH).then().statusCode(400);
    }

    @Test
    void a_catastrophically_backtracking_keyword_is_answered_in_linear_time() {
        // with java.util.regex this took seconds at 24 characters and ages at 40; RE2/J never backtracks
        TestApis.register(gw, "a".repeat(40) + "!", "1.0", TestApis.openApi("A", "http://a.example.com", "/x"));
        long start = System.nanoTime();
        search(SEARCH, query("or", scope("apiName", "(.*a){12}b"))).statusCode(200).body("api", hasSize(0));
        org.junit.jupiter.api.Assertions.assertTrue(System.nanoTime() - start < 5_000_000_000L);
        search(SEARCH, query("or", scope("apiName", "a{40}!"))).statusCode(200).body("api", hasSize(1));
        search(SEARCH, query("or", scope("apiName", ".*a.*a.*a.*a.*b.*"))).statusCode(200).body("api", hasSize(0));
        gw.admin().get(SEARCH.replace("search", "health")).then().statusCode(200);
    }

    @Test
    void count_answers_with_lower_case_keys() {
        JsonObject q = new JsonObject().put("types", new JsonArray().add("API").add("policy")).put("condition", "or");
        search(SEARCH + "/_count", q).statusCode(200).body("api", equalTo(3)).body("policy", equalTo(3));
        search(SEARCH + "/_count", query("or", scope("apiName", "Runner"))).statusCode(200).body("api", equalTo(1));
    }

    @Test
    void the_facade_search_apis_by_keyword_and_by_body() {
        gw.admin().queryParam("keyword", "Weather.*").get("/rest/facade/apigateway/searchApis").then().statusCode(200)
            .body("API", hasSize(2));
        gw.admin().get("/rest/facade/apigateway/searchApis").then().statusCode(200).body("API", hasSize(3));
        search("/rest/facade/apigateway/searchApis", new JsonObject().put("scope", new JsonArray().add(scope("apiName", "Runner"))))
            .statusCode(200).body("API.apiName", hasItem("Runner")).body("API", hasSize(1));
        gw.anonymous().get("/rest/facade/apigateway/searchApis").then().statusCode(401);
        gw.anonymous().contentType("application/json").body(query("or").encode()).post(SEARCH).then().statusCode(401);
    }
}
