package dev.apigw.emulator.archive;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apigw.emulator.NodeProbe;
import dev.apigw.emulator.store.AssetType;
import dev.apigw.emulator.support.Await;
import dev.apigw.emulator.support.Echo;
import dev.apigw.emulator.support.GatewayIT;
import dev.apigw.emulator.support.TestGateway;
import dev.apigw.emulator.support.Zips;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Imports of archives in the product's layouts (fixtures written from the facts about real exports of 10.4, 10.7
 * and 10.15/11.1), the overwrite options, and broken archives, against one real node.
 */
@GatewayIT
class ArchiveImportIT {
    static final String API_107 = "7c1a4a6e-0b7a-4e0b-9f3e-1a2b3c4d5e01";
    static final String POLICY_107 = "7c1a4a6e-0b7a-4e0b-9f3e-1a2b3c4d5e02";
    static final String APP_107 = "7c1a4a6e-0b7a-4e0b-9f3e-1a2b3c4d5e06";
    static final String KEY_107 = "3f6c1d9e8b7a5c4d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d";
    static final String API_1015 = "2b9e0c1d-5a4f-4c3b-8d2e-6f7a8b9c0d11";
    static final String APP_1015 = "2b9e0c1d-5a4f-4c3b-8d2e-6f7a8b9c0d31";
    static final String API_104 = "5d4c3b2a-1f0e-4d9c-8b7a-6e5f4d3c2b01";
    static final String APP_104 = "5d4c3b2a-1f0e-4d9c-8b7a-6e5f4d3c2b05";
    static final String KEY_104 = "894a88f1c107801a81d1d39f6580d8565e0a7fc9134541974bbc9f5d64b9ff71";

    static byte[] fixture(String name, Echo echo) {
        return Zips.fixture(name, Map.of("echo", echo.url()));
    }

    static JsonObject importZip(TestGateway gw, byte[] zip, String query, int status) {
        return new JsonObject(gw.admin().contentType("application/zip").body(zip).post("/rest/apigateway/archive" + query)
            .then().statusCode(status).extract().asString());
    }

    static int call(TestGateway gw, String path, String key) {
        return gw.anonymous().header("x-Gateway-APIKey", key).get(path).statusCode();
    }

    static String key(TestGateway gw, String appId) {
        return gw.admin().get("/rest/apigateway/applications/" + appId).then().statusCode(200)
            .extract().path("applications[0].accessTokens.apiAccessKey_credentials.apiAccessKey");
    }

    @Test
    void a_10_7_export_imports_with_its_ids_and_its_clear_api_key(TestGateway gw, Echo echo) {
        JsonObject log = importZip(gw, fixture("product-10.7", echo), "", 201);
        assertEquals("Policy For API Orders[1.0]", ArchiveIT.entry(log, "Policy", POLICY_107).getString("name"));
        assertEquals("OK", ArchiveIT.entry(log, "Application", APP_107).getString("explanation"));
        JsonObject passman = ArchiveIT.entry(log, "PassmanData", "API_ACCESS_KEY" + APP_107);
        assertEquals("Failed", passman.getString("status"));
        assertTrue(passman.getBoolean("warning"));
        gw.admin().get("/rest/apigateway/apis/" + API_107).then().statusCode(200)
            .body("apiResponse.api.isActive", equalTo(true)).body("apiResponse.api.policies[0]", equalTo(POLICY_107));
        gw.admin().get("/rest/apigateway/policies/" + POLICY_107).then().statusCode(200)
            .body("policy.policyEnforcements.find { it.stageKey == 'routing' }.enforcements[0].order", equalTo("0"));
        assertEquals(KEY_107, key(gw, APP_107));
        assertEquals(200, call(gw, "/gateway/Orders/1.0/get", KEY_107), "served at once, identified by the archive's key");
        assertEquals(401, call(gw, "/gateway/Orders/1.0/get", "wrong"));
    }

    @Test
    void a_10_15_export_gets_a_new_key_for_its_masked_one_and_keeps_what_the_emulator_does_not_enforce(TestGateway gw, Echo echo) {
        JsonObject log = importZip(gw, fixture("product-10.15", echo), "", 201);
        JsonObject app = ArchiveIT.entry(log, "Application", APP_1015);
        assertTrue(app.getString("explanation").contains("encrypted with the source gateway's master password"), app.encode());
        assertTrue(app.getString("explanation").contains("a new API key was generated"), app.encode());
        assertTrue(ArchiveIT.entry(log, "User", "9a8b7c6d-0000-4000-8000-000000000001").getString("explanation")
            .contains("cannot sign in until a password is set"));
        String key = key(gw, APP_1015);
        assertEquals(64, key.length());
        assertEquals(200, call(gw, "/gateway/Inventory/2.0/get", key));
        gw.admin().get("/rest/apigateway/apis/" + API_1015).then().statusCode(200)
            .body("apiResponse.api.scopes[0].policies[0]", equalTo("2b9e0c1d-5a4f-4c3b-8d2e-6f7a8b9c0d13"))
            .body("apiResponse.api", not(org.hamcrest.Matchers.hasKey("_docType")));
        gw.admin().get("/rest/apigateway/apis/2b9e0c1d-5a4f-4c3b-8d2e-6f7a8b9c0d21").then().statusCode(200)
            .body("apiResponse.api.isActive", equalTo(false));
        gw.admin().get("/rest/apigateway/policies/GlobalLogInvocationPolicy").then().statusCode(200)
            .body("policy.policyScope", equalTo("GLOBAL")).body("policy.active", equalTo(false));
        gw.admin().get("/rest/apigateway/policyActions/2b9e0c1d-5a4f-4c3b-8d2e-6f7a8b9c0d17").then().statusCode(200)
            .body("policyAction.templateKey", equalTo("responseTransformation"));
        JsonObject alias = Await.result(NodeProbe.of(gw.node()).store().get(AssetType.ALIASES, "2b9e0c1d-5a4f-4c3b-8d2e-6f7a8b9c0d41"));
        assertEquals("InventoryBackend", alias.getString("name"));
        assertEquals(echo.url(), alias.getString("value"));
        JsonObject lb = Await.result(NodeProbe.of(gw.node()).store().get(AssetType.SETTINGS, "loadBalancer"));
        assertEquals("http://gateway.example:5555", lb.getJsonArray("httpUrls").getString(0));
        assertTrue(log.getJsonArray("ArchiveResult").stream().noneMatch(e -> e.toString().contains("\"id\":\"EmptyRegisteredApplication\"")));
    }

    @Test
    void a_10_4_export_registers_its_application_from_the_manifest(TestGateway gw, Echo echo) {
        importZip(gw, fixture("product-10.4", echo), "", 201);
        gw.admin().get("/rest/apigateway/applications/" + APP_104).then().statusCode(200)
            .body("applications[0].consumingAPIs", hasItem(API_104)).body("applications[0].name", equalTo("StaffDirectory"));
        assertEquals(200, call(gw, "/gateway/Employees/3.1/get", KEY_104));
    }

    static java.util.stream.Stream<Arguments> broken() {
        String policyEntry = "API/API." + API_107 + "/Policy/Policy." + POLICY_107 + "/Policy." + POLICY_107;
        String apiEntry = "API/API." + API_107 + "/API." + API_107;
        return java.util.stream.Stream.of(
            Arguments.of("not a zip", (UnaryOperator<byte[]>) z -> "PK but not really".getBytes(StandardCharsets.UTF_8), "not a complete zip"),
            Arguments.of("truncated", (UnaryOperator<byte[]>) z -> java.util.Arrays.copyOf(z, z.length / 2), "not a complete zip"),
            Arguments.of("entry that is not JSON", (UnaryOperator<byte[]>) z -> Zips.with(z, policyEntry,
                "<policy/>".getBytes(StandardCharsets.UTF_8)), "is not valid JSON"),
            Arguments.of("missing referenced policy", (UnaryOperator<byte[]>) z -> Zips.with(z, apiEntry, new JsonObject(
                new String(Zips.entries(z).get(apiEntry), StandardCharsets.UTF_8)).put("policies", new io.vertx.core.json.JsonArray()
                .add("0d0d0d0d-missing-policy")).encode().getBytes(StandardCharsets.UTF_8)), "refers to policy 0d0d0d0d-missing-policy"),
            Arguments.of("policy action of the wrong shape", (UnaryOperator<byte[]>) z -> Zips.with(z,
                "API/API." + API_107 + "/Policy/Policy." + POLICY_107 + "/PolicyAction/PolicyAction.7c1a4a6e-0b7a-4e0b-9f3e-1a2b3c4d5e05",
                "{\"id\":\"7c1a4a6e-0b7a-4e0b-9f3e-1a2b3c4d5e05\",\"templateKey\":\"straightThroughRouting\",\"parameters\":{}}"
                    .getBytes(StandardCharsets.UTF_8)), "'parameters' must be an array"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("broken")
    void a_broken_archive_is_a_400_and_nothing_is_written(String kind, UnaryOperator<byte[]> damage, String reason,
                                                           TestGateway gw, Echo echo) {
        Map<AssetType, Integer> before = counts(gw);
        byte[] zip = damage.apply(Zips.with(fixture("product-10.7", echo), "PassmanData/PassmanData.API_ACCESS_KEY" + APP_107, null));
        gw.admin().contentType("application/zip").body(zip).post("/rest/apigateway/archive?overwrite=*").then()
            .statusCode(400).body("errorDetails", containsString(reason));
        assertEquals(before, counts(gw));
    }

    static Map<AssetType, Integer> counts(TestGateway gw) {
        Map<AssetType, Integer> m = new EnumMap<>(AssetType.class);
        for (AssetType t : AssetType.values()) m.put(t, Await.result(NodeProbe.of(gw.node()).store().list(t)).size());
        return m;
    }

    /** One story, because each step starts from the state the one before left. */
    @Test
    void overwrite_replaces_only_the_kinds_it_names_and_keeps_keys_unless_asked(io.vertx.core.Vertx vertx, Echo echo) {
        try (TestGateway fresh = TestGateway.start(vertx)) {
            overwrite_story(fresh, fixture("product-10.4", echo));
        }
    }

    void overwrite_story(TestGateway gw, byte[] zip) {
        importZip(gw, zip, "?overwrite=*", 201);
        JsonObject api = Await.result(NodeProbe.of(gw.node()).store().get(AssetType.APIS, API_104)).put("apiDescription", "changed on this gateway");
        Await.result(NodeProbe.of(gw.node()).store().put(AssetType.APIS, API_104, api));
        String regenerated = gw.admin().contentType("application/json").body("{\"type\":\"apiAccessKeyCredentials\"}")
            .post("/rest/apigateway/applications/" + APP_104 + "/accessTokens").then().statusCode(201)
            .extract().path("apiAccessKey_credentials.apiAccessKey");

        JsonObject kept = importZip(gw, zip, "", 201);
        assertEquals("Asset already exists.", ArchiveIT.entry(kept, "API", API_104).getString("explanation"));
        assertEquals(false, ArchiveIT.entry(kept, "API", API_104).getBoolean("overwritten"));
        description(gw, "changed on this gateway");

        JsonObject apis = importZip(gw, zip, "?overwrite=apis", 201);
        assertTrue(ArchiveIT.entry(apis, "API", API_104).getBoolean("overwritten"));
        assertEquals("Failed", ArchiveIT.entry(apis, "Policy", "5d4c3b2a-1f0e-4d9c-8b7a-6e5f4d3c2b02").getString("status"));
        description(gw, "Employees API");

        importZip(gw, zip, "?overwrite=applications", 201);
        assertEquals(regenerated, key(gw, APP_104), "an overwritten application keeps its key without application_apiKeys");
        importZip(gw, zip, "?overwrite=applications,application_apiKeys", 201);
        assertEquals(KEY_104, key(gw, APP_104));

        JsonObject all = importZip(gw, zip, "?overwrite=true&preserveAssetState=false", 201);
        assertTrue(all.getJsonArray("ArchiveResult").stream().map(e -> ((JsonObject) e).iterator().next().getValue())
            .allMatch(e -> "Success".equals(((JsonObject) e).getString("status"))), all.encode());
        gw.admin().get("/rest/apigateway/apis/" + API_104).then().body("apiResponse.api.isActive", equalTo(false));
    }

    static void description(TestGateway gw, String expected) {
        gw.admin().get("/rest/apigateway/apis/" + API_104).then().body("apiResponse.api.apiDescription", equalTo(expected));
    }
}
