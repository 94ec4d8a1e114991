package dev.apigw.emulator.admin;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.apigw.emulator.support.Assets;
import dev.apigw.emulator.support.Await;
import dev.apigw.emulator.support.Fixtures;
import dev.apigw.emulator.support.GatewayIT;
import dev.apigw.emulator.support.TestGateway;
import io.restassured.response.ValidatableResponse;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code /rest/apigateway/apis} against a real gateway: every way to create an API and every operation on one. Each
 * test starts from an empty catalogue ({@code POST /emulator/reset?scope=assets}), as on a fresh node.
 */
@GatewayIT
class ApisAdminIT {
    static final String APIS = "/rest/apigateway/apis";
    static final String PETS_SWAGGER2 = "definitions/pets-swagger2.yaml";
    static final String ORDERS_OPENAPI = "definitions/orders-openapi.yaml";

    @BeforeEach
    void emptyCatalogue(TestGateway gw) {
        gw.admin().post("/emulator/reset?scope=assets").then().statusCode(200);
    }

    static ValidatableResponse create(TestGateway gw, JsonObject body) {
        return gw.admin().contentType("application/json").body(body.encode()).post(APIS).then();
    }

    /** The body of {@code apis/inactive.json}: an OpenAPI 3 definition with one resource, {@code /x}, at {@code backend}. */
    static JsonObject apiBody(String name, String version, String backend) {
        return Assets.apiBody("apis/inactive.json", Map.of("name", name, "version", version, "backend", backend));
    }

    /** Creates {@code apis/inactive.json} under that name; returns its id. */
    static String register(TestGateway gw, String name, String version, String backend) {
        return gw.deploy("apis/inactive.json", Map.of("name", name, "version", version, "backend", backend)).id();
    }

    static String definition(String file) {
        return Fixtures.text(file, Map.of());
    }

    static JsonObject routingAction(TestGateway gw, String apiId) {
        String policyId = gw.admin().get(APIS + "/" + apiId).then().extract().path("apiResponse.api.policies[0]");
        JsonObject policy = new JsonObject(gw.admin().get("/rest/apigateway/policies/" + policyId).asString());
        for (Object s : policy.getJsonObject("policy").getJsonArray("policyEnforcements")) {
            JsonObject stage = (JsonObject) s;
            if (stage.getString("stageKey").equals("routing")) {
                String actionId = stage.getJsonArray("enforcements").getJsonObject(0).getString("enforcementObjectId");
                return new JsonObject(gw.admin().get("/rest/apigateway/policyActions/" + actionId).asString())
                    .getJsonObject("policyAction");
            }
        }
        throw new AssertionError("no routing stage in " + policy);
    }

    static String endpointUri(JsonObject action) {
        for (Object p : action.getJsonArray("parameters")) {
            JsonObject param = (JsonObject) p;
            if (param.getString("templateKey").equals("endpointUri")) return param.getJsonArray("values").getString(0);
        }
        return null;
    }

    @Test
    void creates_from_an_inline_json_object_in_the_vendor_wrapper(TestGateway gw) {
        create(gw, apiBody("Inline", "1.0", "http://backend.example.com/base")).statusCode(200)
            .body("apiResponse.responseStatus", equalTo("SUCCESS"))
            .body("apiResponse.api.apiName", equalTo("Inline"))
            .body("apiResponse.api.apiVersion", equalTo("1.0"))
            .body("apiResponse.api.type", equalTo("REST"))
            .body("apiResponse.api.isActive", equalTo(false))
            .body("apiResponse.api.owner", equalTo("Administrator"))
            .body("apiResponse.api.apiDescription", equalTo(""))
            .body("apiResponse.api.id", notNullValue())
            .body("apiResponse.api.policies", hasSize(1))
            .body("apiResponse.api.creationDate", matchesPattern("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d GMT"))
            .body("apiResponse.api.nativeEndpoint[0].uri", equalTo("http://backend.example.com/base"))
            .body("apiResponse.api.apiDefinition.paths", notNullValue())
            .body("apiResponse.versions[0].versionNumber", equalTo("1.0"));
    }

    @Test
    void creates_from_a_definition_given_as_json_text(TestGateway gw) {
        JsonObject body = apiBody("Texty", "1.0", "http://t.example.com");
        body.put("apiDefinition", body.getJsonObject("apiDefinition").encode());
        create(gw, body).statusCode(200)
            .body("apiResponse.api.nativeEndpoint[0].uri", equalTo("http://t.example.com"))
            .body("apiResponse.api.apiDefinition.openapi", equalTo("3.0.3"));
    }

    @Test
    void creates_from_openapi_yaml_text_with_the_server_url_as_routing_endpoint(TestGateway gw) {
        JsonObject body = Fixtures.json("apis/orders-openapi-wrapper.json", Map.of()).put("apiDefinition", definition(ORDERS_OPENAPI));
        String id = create(gw, body).statusCode(200)
            .body("apiResponse.api.nativeEndpoint[0].uri", equalTo("http://orders.example.com/api"))
            .body("apiResponse.api.apiDefinition.paths", notNullValue())
            .extract().path("apiResponse.api.id");
        assertEquals("http://orders.example.com/api${sys:resource_path}", endpointUri(routingAction(gw, id)));
    }

    @Test
    void creates_from_swagger_2_with_host_base_path_and_scheme_as_native_endpoint(TestGateway gw) {
        JsonObject body = Fixtures.json("apis/pets-swagger2-wrapper.json", Map.of()).put("apiDefinition", definition(PETS_SWAGGER2));
        String id = create(gw, body).statusCode(200)
            .body("apiResponse.api.apiVersion", equalTo("2.1"))
            .body("apiResponse.api.apiDescription", equalTo("Swagger two pets"))
            .body("apiResponse.api.nativeEndpoint[0].uri", equalTo("https://pets.example.com:8443/v2"))
            .body("apiResponse.api.apiDefinition.swagger", equalTo("2.0"))
            .extract().path("apiResponse.api.id");
        assertEquals("https://pets.example.com:8443/v2${sys:resource_path}", endpointUri(routingAction(gw, id)));
    }

    static JsonObject byUrl(String name, String url) {
        return Fixtures.json("apis/by-url.json", Map.of("name", name, "url", url));
    }

    @Test
    void creates_from_a_url_served_by_a_real_http_server(TestGateway gw, Vertx vertx) {
        HttpServer server = Await.result(vertx.createHttpServer()
            .requestHandler(req -> {
                if (req.path().equals("/orders.yaml")) {
                    req.response().putHeader("Content-Type", "application/yaml").end(definition(ORDERS_OPENAPI));
                } else {
                    req.response().setStatusCode(404).end();
                }
            }).listen(0, "127.0.0.1"));
        try {
            String base = "http://127.0.0.1:" + server.actualPort();
            create(gw, byUrl("FromUrl", base + "/orders.yaml")).statusCode(200)
                .body("apiResponse.api.apiVersion", equalTo("3.0"))
                .body("apiResponse.api.nativeEndpoint[0].uri", equalTo("http://orders.example.com/api"));
            create(gw, byUrl("Gone", base + "/missing")).statusCode(400).body("errorDetails", startsWith(" "));
        } finally {
            Await.result(server.close());
        }
    }

    @Test
    void creates_from_a_multipart_file_upload_with_form_fields(TestGateway gw) {
        byte[] pets = definition(PETS_SWAGGER2).getBytes();
        gw.admin().multiPart("file", "pets.yaml", pets, "application/yaml")
            .multiPart("apiName", "Uploaded Pets").multiPart("type", "swagger").multiPart("apiVersion", "9")
            .post(APIS).then().statusCode(200)
            .body("apiResponse.api.apiName", equalTo("Uploaded Pets"))
            .body("apiResponse.api.apiVersion", equalTo("9"))
            .body("apiResponse.api.nativeEndpoint[0].uri", equalTo("https://pets.example.com:8443/v2"));
        gw.admin().multiPart("apiName", "No file").multiPart("type", "swagger").post(APIS).then().statusCode(400)
            .body("errorDetails", startsWith(" "));
        gw.admin().multiPart("file", "pets.yaml", pets, "application/yaml").multiPart("type", "swagger")
            .post(APIS).then().statusCode(400).body("errorDetails", containsString("apiName"));
        gw.admin().multiPart("file", "pets.yaml", "not: [a definition".getBytes(), "application/yaml")
            .multiPart("apiName", "Broken").multiPart("type", "swagger").post(APIS).then().statusCode(400)
            .body("errorDetails", startsWith(" "));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "a scheme other than http, ftp://127.0.0.1/x.yaml",
        "not a URL,                not a url",
        "nothing listening,        http://127.0.0.1:1/refused.yaml",
        "an unparsable host,       http://[broken/x"})
    void an_unusable_url_is_400(String kind, String url, TestGateway gw) {
        create(gw, byUrl("Bad", url)).statusCode(400).body("errorDetails", startsWith(" "));
    }

    @Test
    void update_accepts_a_multipart_file(TestGateway gw) {
        String id = register(gw, "Pets", "1.0", "http://old.example.com");
        gw.admin().multiPart("file", "pets.yaml", definition(PETS_SWAGGER2).getBytes(), "application/yaml")
            .multiPart("apiName", "Pets").multiPart("type", "swagger").put(APIS + "/" + id).then().statusCode(200)
            .body("apiResponse.api.id", equalTo(id)).body("apiResponse.api.apiVersion", equalTo("1.0"))
            .body("apiResponse.api.nativeEndpoint[0].uri", equalTo("https://pets.example.com:8443/v2"))
            .body("apiResponse.api.apiDefinition.swagger", equalTo("2.0"));
        assertEquals("https://pets.example.com:8443/v2${sys:resource_path}", endpointUri(routingAction(gw, id)));
    }

    @Test
    void an_api_created_without_a_server_gets_routing_once_an_update_adds_one(TestGateway gw) {
        JsonObject serverless = apiBody("Late", "1.0", "http://x");
        serverless.getJsonObject("apiDefinition").remove("servers");
        String id = create(gw, serverless).statusCode(200).body("apiResponse.api.nativeEndpoint", hasSize(0))
            .extract().path("apiResponse.api.id");
        gw.admin().contentType("application/json").body(apiBody("Late", "1.0", "http://late.example.com").encode())
            .put(APIS + "/" + id).then().statusCode(200);
        assertEquals("http://late.example.com${sys:resource_path}", endpointUri(routingAction(gw, id)));
    }

    @Test
    void an_api_without_resources_cannot_be_activated(TestGateway gw) {
        JsonObject empty = apiBody("Empty", "1.0", "http://e.example.com");
        empty.getJsonObject("apiDefinition").put("paths", new JsonObject());
        String id = create(gw, empty).statusCode(200).extract().path("apiResponse.api.id");
        gw.admin().put(APIS + "/" + id + "/activate").then().statusCode(400).body("errorDetails", startsWith(" "));
        gw.admin().get(APIS + "/" + id).then().body("apiResponse.api.isActive", equalTo(false));
    }

    @Test
    void renaming_onto_another_apis_name_and_version_is_400(TestGateway gw) {
        register(gw, "Taken", "1.0", "http://t");
        String id = register(gw, "Free", "1.0", "http://f");
        gw.admin().contentType("application/json").body("{\"apiName\":\"Taken\"}")
            .put(APIS + "/" + id).then().statusCode(400).body("errorDetails", containsString("already exists"));
        gw.admin().get(APIS + "/" + id).then().body("apiResponse.api.apiName", equalTo("Free"));
    }

    @Test
    void lists_apis_in_the_api_response_wrapper_with_id_filter_and_paging(TestGateway gw) {
        String a = register(gw, "Alpha", "1.0", "http://a.example.com");
        String b = register(gw, "Beta", "1.0", "http://b.example.com");
        register(gw, "Gamma", "1.0", "http://c.example.com");
        gw.admin().get(APIS).then().statusCode(200)
            .body("apiResponse", hasSize(3))
            .body("apiResponse.responseStatus", everyItem(equalTo("SUCCESS")))
            .body("apiResponse.api.apiName", equalTo(List.of("Alpha", "Beta", "Gamma")))
            .body("apiResponse[0].api.isActive", equalTo(false))
            .body("apiResponse[0].api.systemVersion", equalTo(1))
            .body("apiResponse[0].api.apiDefinition", equalTo(null));
        gw.admin().queryParam("apiIds", a + "," + b).get(APIS).then().statusCode(200)
            .body("apiResponse.api.id", equalTo(List.of(a, b)));
        gw.admin().queryParam("from", 1).queryParam("size", 1).get(APIS).then().statusCode(200)
            .body("apiResponse.api.apiName", equalTo(List.of("Beta")));
        gw.admin().queryParam("apiIds", "nope").get(APIS).then().statusCode(200)
            .body("apiResponse[0].responseStatus", equalTo("NOT_FOUND"));
    }

    @Test
    void gets_one_api_with_versions_and_as_raw_openapi(TestGateway gw) {
        String v1 = register(gw, "Multi", "1.0", "http://m.example.com");
        String v2 = register(gw, "Multi", "2.0", "http://m.example.com");
        gw.admin().get(APIS + "/" + v1).then().statusCode(200)
            .body("apiResponse.responseStatus", equalTo("SUCCESS"))
            .body("apiResponse.api.id", equalTo(v1))
            .body("apiResponse.versions.apiId", hasItem(v2))
            .body("apiResponse.versions", hasSize(2));
        gw.admin().queryParam("format", "openapi").get(APIS + "/" + v1).then().statusCode(200)
            .body("openapi", equalTo("3.0.3")).body("servers[0].url", equalTo("http://m.example.com"));
    }

    @Test
    void an_unknown_api_is_404_in_the_api_response_shape(TestGateway gw) {
        gw.admin().get(APIS + "/no-such-api").then().statusCode(404)
            .body("apiResponse.responseStatus", equalTo("NOT_FOUND"))
            .body("apiResponse.errorReason", containsString("no-such-api"));
        gw.admin().contentType("application/json").body(apiBody("X", "1.0", "http://x").encode())
            .put(APIS + "/no-such-api").then().statusCode(404).body("apiResponse.responseStatus", equalTo("NOT_FOUND"));
        gw.admin().put(APIS + "/no-such-api/activate").then().statusCode(404);
        gw.admin().put(APIS + "/no-such-api/deactivate").then().statusCode(404);
        gw.admin().delete(APIS + "/no-such-api").then().statusCode(404);
    }

    @Test
    void update_replaces_the_definition_and_routing_follows_a_changed_server_url(TestGateway gw) {
        String id = register(gw, "Moving", "1.0", "http://old.example.com/v1");
        Assets.json(gw, "apis/moving-v2.json").put(APIS + "/" + id)
            .then().statusCode(200)
            .body("apiResponse.api.id", equalTo(id))
            .body("apiResponse.api.nativeEndpoint[0].uri", equalTo("http://new.example.com/v2"))
            .body("apiResponse.api.apiDefinition.paths.keySet()", hasItem("/b"));
        assertEquals("http://new.example.com/v2${sys:resource_path}", endpointUri(routingAction(gw, id)));
        gw.admin().get(APIS + "/" + id).then().body("apiResponse.api.apiDefinition.paths.keySet()", hasItem("/b"));
    }

    @Test
    void delete_answers_204_and_refuses_an_active_api(TestGateway gw) {
        String id = register(gw, "Live", "1.0", "http://l.example.com");
        gw.admin().put(APIS + "/" + id + "/activate").then().statusCode(200);
        String policyId = gw.admin().get(APIS + "/" + id).then().extract().path("apiResponse.api.policies[0]");
        gw.admin().delete(APIS + "/" + id).then().statusCode(400).body("errorDetails", startsWith(" "));
        gw.admin().put(APIS + "/" + id + "/deactivate").then().statusCode(200);
        gw.admin().delete(APIS + "/" + id).then().statusCode(204);
        gw.admin().get(APIS + "/" + id).then().statusCode(404);
        gw.admin().get("/rest/apigateway/policies/" + policyId).then().statusCode(404);
    }

    @Test
    void delete_many_answers_204_when_all_succeed_and_200_with_results_otherwise(TestGateway gw) {
        String a = register(gw, "A", "1.0", "http://a");
        String b = register(gw, "B", "1.0", "http://b");
        gw.admin().queryParam("apiIds", a + "," + b).delete(APIS).then().statusCode(204);
        String c = register(gw, "C", "1.0", "http://c");
        String d = register(gw, "D", "1.0", "http://d");
        gw.admin().put(APIS + "/" + d + "/activate").then().statusCode(200);
        gw.admin().queryParam("apiIds", c + "," + d + ",unknown").delete(APIS).then().statusCode(200)
            .body("apiResponse.apiId", equalTo(List.of(c, d, "unknown")))
            .body("apiResponse.responseStatus", equalTo(List.of("SUCCESS", "ERROR", "NOT_FOUND")));
        gw.admin().delete(APIS).then().statusCode(400).body("errorDetails", containsString("apiIds"));
    }

    @Test
    void activation_and_deactivation_refuse_a_repeat_with_the_vendor_message(TestGateway gw) {
        String id = register(gw, "Toggle", "1.0", "http://t");
        gw.admin().put(APIS + "/" + id + "/activate").then().statusCode(200)
            .body("apiResponse.api.isActive", equalTo(true)).body("apiResponse.responseStatus", equalTo("SUCCESS"));
        gw.admin().put(APIS + "/" + id + "/activate").then().statusCode(400)
            .body("errorDetails", equalTo(" Cannot execute the operation ACTIVATE on the given ApiId " + id
                + ", because the API is already in the active state."));
        gw.admin().put(APIS + "/" + id + "/deactivate").then().statusCode(200).body("apiResponse.api.isActive", equalTo(false));
        gw.admin().put(APIS + "/" + id + "/deactivate").then().statusCode(400)
            .body("errorDetails", containsString("already in the inactive state."));
    }

    /** A node of its own, set up as {@code compat.repeatActivationStatus: 500}. */
    @Nested
    @GatewayIT(set = "compat.repeatActivationStatus=500")
    class RepeatActivationConfiguredAs500 {

        @Test
        void repeat_activation_status_is_configurable_to_500(TestGateway gw) {
            String id = register(gw, "Toggle", "1.0", "http://t");
            gw.admin().put(APIS + "/" + id + "/deactivate").then().statusCode(500)
                .body("errorDetails", containsString("DEACTIVATE"));
            gw.admin().put(APIS + "/" + id + "/activate").then().statusCode(200);
            gw.admin().put(APIS + "/" + id + "/activate").then().statusCode(500)
                .body("errorDetails", containsString("already in the active state."));
        }
    }

    @Test
    void a_duplicate_name_and_version_is_400(TestGateway gw) {
        register(gw, "Twice", "1.0", "http://t");
        create(gw, apiBody("Twice", "1.0", "http://t")).statusCode(400)
            .body("errorDetails", startsWith(" Unable to process the create API request. Reason: API with apiName Twice"));
        create(gw, apiBody("Twice", "2.0", "http://t")).statusCode(200);
    }

    static Stream<Arguments> badCreateRequests() {
        return Stream.of(
            bad("a RAML definition", apiBody("Raml", "1.0", "http://t").put("type", "raml").encode(), containsString("raml")),
            bad("an unknown type", apiBody("Odd", "1.0", "http://t").put("type", "banana").encode(), startsWith(" ")),
            bad("no type", apiBody("NoType", "1.0", "http://t").putNull("type").encode(), startsWith(" ")),
            bad("no apiName", without(apiBody("Nameless", "1.0", "http://t"), "apiName", "apiVersion"), containsString("apiName")),
            bad("no definition", without(apiBody("NoDef", "1.0", "http://t"), "apiVersion", "apiDefinition"), startsWith(" ")),
            bad("a definition that is not YAML", apiBody("Junk", "1.0", "http://t").put("apiDefinition", "this: is: not: yaml: [").encode(),
                startsWith(" ")),
            bad("a definition that is not OpenAPI", apiBody("NotOas", "1.0", "http://t")
                .put("apiDefinition", new JsonObject().put("hello", "world")).encode(), startsWith(" ")),
            bad("a body that is not valid JSON", "{\"apiName\": ", containsString("not valid JSON")),
            bad("a JSON array", "[1,2]", startsWith(" ")));
    }

    private static Arguments bad(String name, String body, Matcher<String> errorDetails) {
        return Arguments.of(Named.of(name, body), errorDetails);
    }

    private static String without(JsonObject body, String... keys) {
        for (String k : keys) body.remove(k);
        return body.encode();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCreateRequests")
    void bad_create_requests_are_400_with_error_details(String body, Matcher<String> errorDetails, TestGateway gw) {
        gw.admin().contentType("application/json").body(body).post(APIS).then().statusCode(400)
            .body("errorDetails", errorDetails);
        gw.admin().get(APIS).then().body("apiResponse[0].responseStatus", equalTo("NOT_FOUND"));
    }

    @Test
    void admin_calls_need_the_administrator_credentials(TestGateway gw) {
        gw.anonymous().get(APIS).then().statusCode(401)
            .header("WWW-Authenticate", startsWith("Basic"))
            .body("errorDetails", startsWith(" "));
        gw.anonymous().auth().preemptive().basic("Administrator", "wrong").get(APIS).then().statusCode(401)
            .header("WWW-Authenticate", startsWith("Basic"));
        gw.anonymous().contentType("application/json").body(apiBody("X", "1.0", "http://x").encode()).post(APIS)
            .then().statusCode(401);
    }
}
