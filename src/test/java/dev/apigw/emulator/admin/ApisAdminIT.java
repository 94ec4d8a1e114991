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

import dev.apigw.emulator.support.Await;
import dev.apigw.emulator.support.TestApis;
import dev.apigw.emulator.support.TestGateway;
import io.restassured.response.ValidatableResponse;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code /rest/apigateway/apis} against a real gateway: every way to create an API and every operation on one. */
@ExtendWith(VertxExtension.class)
class ApisAdminIT {
    static final String APIS = "/rest/apigateway/apis";
    static final String SWAGGER2_YAML = """
        swagger: "2.0"
        info:
          title: Pets
          version: "2.1"
          description: Swagger two pets
        host: pets.example.com:8443
        basePath: /v2
        schemes: [https]
        paths:
          /pets:
            get:
              responses:
                "200": {description: ok}
        """;
    static final String OPENAPI_YAML = """
        openapi: 3.0.3
        info: {title: Orders, version: "3.0"}
        servers:
          - url: http://orders.example.com/api/
        paths:
          /orders/{id}:
            get:
              parameters:
                - {name: id, in: path, required: true, schema: {type: string}}
              responses:
                "200": {description: ok}
        """;
    TestGateway gw;
    Vertx vertx;

    @BeforeEach
    void start(Vertx vertx) {
        this.vertx = vertx;
        gw = TestGateway.start(vertx);
    }

    @AfterEach
    void stop() {
        gw.close();
    }

    ValidatableResponse create(JsonObject body) {
        return gw.admin().contentType("application/json").body(body.encode()).post(APIS).then();
    }

    static JsonObject input(String name, Object definition) {
        return new JsonObject().put("apiName", name).put("apiVersion", "1.0").put("type", "openapi")
            .put("apiDefinition", definition);
    }

    JsonObject routingAction(String apiId) {
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
    void creates_from_an_inline_json_object_in_the_vendor_wrapper() {
        JsonObject def = TestApis.openApi("Inline", "http://backend.example.com/base", "/items");
        create(input("Inline", def)).statusCode(200)
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
    void creates_from_a_definition_given_as_json_text() {
        String text = TestApis.openApi("Texty", "http://t.example.com", "/a").encode();
        create(input("Texty", text)).statusCode(200)
            .body("apiResponse.api.nativeEndpoint[0].uri", equalTo("http://t.example.com"))
            .body("apiResponse.api.apiDefinition.openapi", equalTo("3.0.3"));
    }

    @Test
    void creates_from_openapi_yaml_text_with_the_server_url_as_routing_endpoint() {
        String id = create(input("Orders", OPENAPI_YAML)).statusCode(200)
            .body("apiResponse.api.nativeEndpoint[0].uri", equalTo("http://orders.example.com/api"))
            .body("apiResponse.api.apiDefinition.paths", notNullValue())
            .extract().path("apiResponse.api.id");
        assertEquals("http://orders.example.com/api${sys:resource_path}", endpointUri(routingAction(id)));
    }

    @Test
    void creates_from_swagger_2_with_host_base_path_and_scheme_as_native_endpoint() {
        JsonObject body = input("Pets", SWAGGER2_YAML).put("type", "swagger").putNull("apiVersion");
        String id = create(body).statusCode(200)
            .body("apiResponse.api.apiVersion", equalTo("2.1"))
            .body("apiResponse.api.apiDescription", equalTo("Swagger two pets"))
            .body("apiResponse.api.nativeEndpoint[0].uri", equalTo("https://pets.example.com:8443/v2"))
            .body("apiResponse.api.apiDefinition.swagger", equalTo("2.0"))
            .extract().path("apiResponse.api.id");
        assertEquals("https://pets.example.com:8443/v2${sys:resource_path}", endpointUri(routingAction(id)));
    }

    @Test
    void creates_from_a_url_served_by_a_real_http_server() {
        HttpServer server = Await.result(vertx.createHttpServer()
            .requestHandler(req -> {
                if (req.path().equals("/orders.yaml")) req.response().putHeader("Content-Type", "application/yaml").end(OPENAPI_YAML);
                else req.response().setStatusCode(404).end();
            }).listen(0, "127.0.0.1"));
        try {
            String base = "http://127.0.0.1:" + server.actualPort();
            create(new JsonObject().put("apiName", "FromUrl").put("type", "openapi").put("url", base + "/orders.yaml"))
                .statusCode(200)
                .body("apiResponse.api.apiVersion", equalTo("3.0"))
                .body("apiResponse.api.nativeEndpoint[0].uri", equalTo("http://orders.example.com/api"));
            create(new JsonObject().put("apiName", "Gone").put("type", "openapi").put("url", base + "/missing"))
                .statusCode(400).body("errorDetails", startsWith(" "));
        } finally {
            Await.result(server.close());
        }
    }

    @Test
    void creates_from_a_multipart_file_upload_with_form_fields() {
        gw.admin().multiPart("file", "pets.yaml", SWAGGER2_YAML.getBytes(), "application/yaml")
            .multiPart("apiName", "Uploaded Pets").multiPart("type", "swagger").multiPart("apiVersion", "9")
            .post(APIS).then().statusCode(200)
            .body("apiResponse.api.apiName", equalTo("Uploaded Pets"))
            .body("apiResponse.api.apiVersion", equalTo("9"))
            .body("apiResponse.api.nativeEndpoint[0].uri", equalTo("https://pets.example.com:8443/v2"));
        gw.admin().multiPart("apiName", "No file").multiPart("type", "swagger").post(APIS).then().statusCode(400)
            .body("errorDetails", startsWith(" "));
        gw.admin().multiPart("file", "pets.yaml", SWAGGER2_YAML.getBytes(), "application/yaml").multiPart("type", "swagger")
            .post(APIS).then().statusCode(400).body("errorDetails", containsString("apiName"));
        gw.admin().multiPart("file", "pets.yaml", "not: [a definition".getBytes(), "application/yaml")
            .multiPart("apiName", "Broken").multiPart("type", "swagger").post(APIS).then().statusCode(400)
            .body("errorDetails", startsWith(" "));
    }

    @Test
    void an_unusable_url_is_400() {
        for (String url : List.of("ftp://127.0.0.1/x.yaml", "not a url", "http://127.0.0.1:1/refused.yaml", "http://[broken/x")) {
            create(new JsonObject().put("apiName", "Bad").put("type", "openapi").put("url", url)).statusCode(400)
                .body("errorDetails", startsWith(" "));
        }
    }

    @Test
    void update_accepts_a_multipart_file() {
        String id = TestApis.register(gw, "Pets", "1.0", TestApis.openApi("Pets", "http://old.example.com", "/a"));
        gw.admin().multiPart("file", "pets.yaml", SWAGGER2_YAML.getBytes(), "application/yaml")
            .multiPart("apiName", "Pets").multiPart("type", "swagger").put(APIS + "/" + id).then().statusCode(200)
            .body("apiResponse.api.id", equalTo(id)).body("apiResponse.api.apiVersion", equalTo("1.0"))
            .body("apiResponse.api.nativeEndpoint[0].uri", equalTo("https://pets.example.com:8443/v2"))
            .body("apiResponse.api.apiDefinition.swagger", equalTo("2.0"));
        assertEquals("https://pets.example.com:8443/v2${sys:resource_path}", endpointUri(routingAction(id)));
    }

    @Test
    void an_api_created_without_a_server_gets_routing_once_an_update_adds_one() {
        JsonObject def = TestApis.openApi("Late", "http://x", "/a");
        def.remove("servers");
        String id = create(input("Late", def)).statusCode(200).body("apiResponse.api.nativeEndpoint", hasSize(0))
            .extract().path("apiResponse.api.id");
        gw.admin().contentType("application/json").body(input("Late", TestApis.openApi("Late", "http://late.example.com", "/a")).encode())
            .put(APIS + "/" + id).then().statusCode(200);
        assertEquals("http://late.example.com${sys:resource_path}", endpointUri(routingAction(id)));
    }

    @Test
    void an_api_without_resources_cannot_be_activated() {
        JsonObject def = TestApis.openApi("Empty", "http://e.example.com");
        String id = create(input("Empty", def)).statusCode(200).extract().path("apiResponse.api.id");
        gw.admin().put(APIS + "/" + id + "/activate").then().statusCode(400).body("errorDetails", startsWith(" "));
        gw.admin().get(APIS + "/" + id).then().body("apiResponse.api.isActive", equalTo(false));
    }

    @Test
    void renaming_onto_another_apis_name_and_version_is_400() {
        TestApis.register(gw, "Taken", "1.0", TestApis.openApi("T", "http://t", "/x"));
        String id = TestApis.register(gw, "Free", "1.0", TestApis.openApi("F", "http://f", "/x"));
        gw.admin().contentType("application/json").body(new JsonObject().put("apiName", "Taken").encode())
            .put(APIS + "/" + id).then().statusCode(400).body("errorDetails", containsString("already exists"));
        gw.admin().get(APIS + "/" + id).then().body("apiResponse.api.apiName", equalTo("Free"));
    }

    @Test
    void lists_apis_in_the_api_response_wrapper_with_id_filter_and_paging() {
        String a = TestApis.register(gw, "Alpha", "1.0", TestApis.openApi("A", "http://a.example.com", "/x"));
        String b = TestApis.register(gw, "Beta", "1.0", TestApis.openApi("B", "http://b.example.com", "/x"));
        TestApis.register(gw, "Gamma", "1.0", TestApis.openApi("C", "http://c.example.com", "/x"));
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
    void gets_one_api_with_versions_and_as_raw_openapi() {
        String v1 = TestApis.register(gw, "Multi", "1.0", TestApis.openApi("M", "http://m.example.com", "/x"));
        String v2 = TestApis.register(gw, "Multi", "2.0", TestApis.openApi("M", "http://m.example.com", "/x"));
        gw.admin().get(APIS + "/" + v1).then().statusCode(200)
            .body("apiResponse.responseStatus", equalTo("SUCCESS"))
            .body("apiResponse.api.id", equalTo(v1))
            .body("apiResponse.versions.apiId", hasItem(v2))
            .body("apiResponse.versions", hasSize(2));
        gw.admin().queryParam("format", "openapi").get(APIS + "/" + v1).then().statusCode(200)
            .body("openapi", equalTo("3.0.3")).body("servers[0].url", equalTo("http://m.example.com"));
    }

    @Test
    void an_unknown_api_is_404_in_the_api_response_shape() {
        gw.admin().get(APIS + "/no-such-api").then().statusCode(404)
            .body("apiResponse.responseStatus", equalTo("NOT_FOUND"))
            .body("apiResponse.errorReason", containsString("no-such-api"));
        gw.admin().contentType("application/json").body(input("X", TestApis.openApi("X", "http://x", "/a")).encode())
            .put(APIS + "/no-such-api").then().statusCode(404).body("apiResponse.responseStatus", equalTo("NOT_FOUND"));
        gw.admin().put(APIS + "/no-such-api/activate").then().statusCode(404);
        gw.admin().put(APIS + "/no-such-api/deactivate").then().statusCode(404);
        gw.admin().delete(APIS + "/no-such-api").then().statusCode(404);
    }

    @Test
    void update_replaces_the_definition_and_routing_follows_a_changed_server_url() {
        String id = TestApis.register(gw, "Moving", "1.0", TestApis.openApi("Moving", "http://old.example.com/v1", "/a"));
        JsonObject newDef = TestApis.openApi("Moving", "http://new.example.com/v2", "/a", "/b");
        gw.admin().contentType("application/json").body(input("Moving", newDef).encode()).put(APIS + "/" + id)
            .then().statusCode(200)
            .body("apiResponse.api.id", equalTo(id))
            .body("apiResponse.api.nativeEndpoint[0].uri", equalTo("http://new.example.com/v2"))
            .body("apiResponse.api.apiDefinition.paths.keySet()", hasItem("/b"));
        assertEquals("http://new.example.com/v2${sys:resource_path}", endpointUri(routingAction(id)));
        gw.admin().get(APIS + "/" + id).then().body("apiResponse.api.apiDefinition.paths.keySet()", hasItem("/b"));
    }

    @Test
    void delete_answers_204_and_refuses_an_active_api() {
        String id = TestApis.registerActive(gw, "Live", "1.0", "http://l.example.com", "/a");
        String policyId = gw.admin().get(APIS + "/" + id).then().extract().path("apiResponse.api.policies[0]");
        gw.admin().delete(APIS + "/" + id).then().statusCode(400).body("errorDetails", startsWith(" "));
        gw.admin().put(APIS + "/" + id + "/deactivate").then().statusCode(200);
        gw.admin().delete(APIS + "/" + id).then().statusCode(204);
        gw.admin().get(APIS + "/" + id).then().statusCode(404);
        gw.admin().get("/rest/apigateway/policies/" + policyId).then().statusCode(404);
    }

    @Test
    void delete_many_answers_204_when_all_succeed_and_200_with_results_otherwise() {
        String a = TestApis.register(gw, "A", "1.0", TestApis.openApi("A", "http://a", "/x"));
        String b = TestApis.register(gw, "B", "1.0", TestApis.openApi("B", "http://b", "/x"));
        gw.admin().queryParam("apiIds", a + "," + b).delete(APIS).then().statusCode(204);
        String c = TestApis.register(gw, "C", "1.0", TestApis.openApi("C", "http://c", "/x"));
        String d = TestApis.registerActive(gw, "D", "1.0", "http://d", "/x");
        gw.admin().queryParam("apiIds", c + "," + d + ",unknown").delete(APIS).then().statusCode(200)
            .body("apiResponse.apiId", equalTo(List.of(c, d, "unknown")))
            .body("apiResponse.responseStatus", equalTo(List.of("SUCCESS", "ERROR", "NOT_FOUND")));
        gw.admin().delete(APIS).then().statusCode(400).body("errorDetails", containsString("apiIds"));
    }

    @Test
    void activation_and_deactivation_refuse_a_repeat_with_the_vendor_message() {
        String id = TestApis.register(gw, "Toggle", "1.0", TestApis.openApi("T", "http://t", "/x"));
        gw.admin().put(APIS + "/" + id + "/activate").then().statusCode(200)
            .body("apiResponse.api.isActive", equalTo(true)).body("apiResponse.responseStatus", equalTo("SUCCESS"));
        gw.admin().put(APIS + "/" + id + "/activate").then().statusCode(400)
            .body("errorDetails", equalTo(" Cannot execute the operation ACTIVATE on the given ApiId " + id
                + ", because the API is already in the active state."));
        gw.admin().put(APIS + "/" + id + "/deactivate").then().statusCode(200).body("apiResponse.api.isActive", equalTo(false));
        gw.admin().put(APIS + "/" + id + "/deactivate").then().statusCode(400)
            .body("errorDetails", containsString("already in the inactive state."));
    }

    @Test
    void repeat_activation_status_is_configurable_to_500() {
        gw.close();
        JsonObject settings = TestGateway.defaults();
        settings.getJsonObject("compat").put("repeatActivationStatus", 500);
        gw = TestGateway.start(vertx, settings);
        String id = TestApis.register(gw, "Toggle", "1.0", TestApis.openApi("T", "http://t", "/x"));
        gw.admin().put(APIS + "/" + id + "/deactivate").then().statusCode(500)
            .body("errorDetails", containsString("DEACTIVATE"));
        gw.admin().put(APIS + "/" + id + "/activate").then().statusCode(200);
        gw.admin().put(APIS + "/" + id + "/activate").then().statusCode(500)
            .body("errorDetails", containsString("already in the active state."));
    }

    @Test
    void a_duplicate_name_and_version_is_400() {
        TestApis.register(gw, "Twice", "1.0", TestApis.openApi("T", "http://t", "/x"));
        create(input("Twice", TestApis.openApi("T", "http://t", "/x"))).statusCode(400)
            .body("errorDetails", startsWith(" Unable to process the create API request. Reason: API with apiName Twice"));
        create(input("Twice", TestApis.openApi("T", "http://t", "/x")).put("apiVersion", "2.0")).statusCode(200);
    }

    @Test
    void bad_create_requests_are_400_with_error_details() {
        JsonObject def = TestApis.openApi("T", "http://t", "/x");
        create(input("Raml", def).put("type", "raml")).statusCode(400).body("errorDetails", containsString("raml"));
        create(input("Odd", def).put("type", "banana")).statusCode(400).body("errorDetails", startsWith(" "));
        create(input("NoType", def).putNull("type")).statusCode(400).body("errorDetails", startsWith(" "));
        create(new JsonObject().put("type", "openapi").put("apiDefinition", def)).statusCode(400)
            .body("errorDetails", containsString("apiName"));
        create(new JsonObject().put("apiName", "NoDef").put("type", "openapi")).statusCode(400)
            .body("errorDetails", startsWith(" "));
        create(input("Junk", "this: is: not: yaml: [")).statusCode(400).body("errorDetails", startsWith(" "));
        create(input("NotOas", new JsonObject().put("hello", "world"))).statusCode(400).body("errorDetails", startsWith(" "));
        gw.admin().contentType("application/json").body("{\"apiName\": ").post(APIS).then().statusCode(400)
            .body("errorDetails", containsString("not valid JSON"));
        gw.admin().contentType("application/json").body("[1,2]").post(APIS).then().statusCode(400)
            .body("errorDetails", startsWith(" "));
        gw.admin().get(APIS).then().body("apiResponse[0].responseStatus", equalTo("NOT_FOUND"));
    }

    @Test
    void admin_calls_need_the_administrator_credentials() {
        gw.anonymous().get(APIS).then().statusCode(401)
            .header("WWW-Authenticate", startsWith("Basic"))
            .body("errorDetails", startsWith(" "));
        gw.anonymous().auth().preemptive().basic("Administrator", "wrong").get(APIS).then().statusCode(401)
            .header("WWW-Authenticate", startsWith("Basic"));
        gw.anonymous().contentType("application/json").body(input("X", new JsonArray()).encode()).post(APIS)
            .then().statusCode(401);
    }
}
