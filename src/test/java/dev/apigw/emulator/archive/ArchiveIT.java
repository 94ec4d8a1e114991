package dev.apigw.emulator.archive;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apigw.emulator.support.Echo;
import dev.apigw.emulator.support.GatewayIT;
import dev.apigw.emulator.support.TestApis;
import dev.apigw.emulator.support.TestAuth;
import dev.apigw.emulator.support.TestGateway;
import dev.apigw.emulator.support.TestPrincipals;
import dev.apigw.emulator.support.Zips;
import io.restassured.response.Response;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Export and import between two real nodes sharing an archive passphrase: the class's gateway is the source, a
 * second node the target. API names are random per test, so tests share both nodes.
 */
@GatewayIT(set = "archive.passphrase=\"" + ArchiveIT.PASSPHRASE + "\"")
class ArchiveIT {
    static final String PASSPHRASE = "correct horse battery staple";
    static final String TOKEN = "/invoke/pub.apigateway.oauth2/getAccessToken";
    static final String PASSPHRASE_HEADER = "x-Archive-Passphrase";
    static TestGateway target;

    @BeforeAll
    static void start_the_target(Vertx vertx) {
        target = TestGateway.start(vertx, withPassphrase(PASSPHRASE));
    }

    @AfterAll
    static void stop_the_target() {
        target.close();
    }

    static JsonObject withPassphrase(String passphrase) {
        JsonObject s = TestGateway.defaults();
        s.getJsonObject("archive").put("passphrase", passphrase);
        return s;
    }

    static String name(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8);
    }

    /** An active API with an API-key Identify & Authorize action, and an application registered to it. */
    static JsonObject keyedApiAndApp(TestGateway gw, Echo echo, String apiName) {
        String apiId = TestApis.registerActive(gw, apiName, "1.0", echo.url(), "/get");
        TestAuth.enforce(gw, apiId, TestAuth.identifyAction("OR", false, "strict", "apiKey"));
        JsonObject app = TestAuth.createApp(gw, apiName + "Client", new JsonArray());
        TestAuth.register(gw, app.getString("id"), apiId);
        return new JsonObject().put("apiId", apiId).put("app", app);
    }

    static byte[] export(TestGateway gw, String query) {
        return gw.admin().get("/rest/apigateway/archive?" + query).then().statusCode(200)
            .contentType(startsWith("application/zip")).extract().asByteArray();
    }

    static Response importZip(TestGateway gw, byte[] zip, String query) {
        return gw.admin().contentType("application/zip").body(zip).post("/rest/apigateway/archive" + query);
    }

    static int call(TestGateway gw, String apiName, String key) {
        return gw.anonymous().header("x-Gateway-APIKey", key).get("/gateway/" + apiName + "/1.0/get").statusCode();
    }

    @Test
    void round_trip_between_two_nodes_keeps_ids_activation_and_working_credentials(TestGateway gw, Echo echo) {
        String apiName = name("Trip");
        JsonObject made = keyedApiAndApp(gw, echo, apiName);
        String apiId = made.getString("apiId");
        JsonObject app = made.getJsonObject("app");
        String dormant = TestApis.register(gw, name("Dormant"), "1.0", TestApis.openApi("Dormant", echo.url(), "/get"));
        String policyId = gw.admin().get("/rest/apigateway/apis/" + apiId).then().extract().path("apiResponse.api.policies[0]");

        byte[] zip = export(gw, "apis=" + apiId + "," + dormant + "&include-applications=true");
        importZip(target, zip, "?overwrite=*").then().statusCode(201)
            .body("ArchiveResult.API.id", hasItem(apiId)).body("ArchiveResult.API.status", hasItem("Success"));

        target.admin().get("/rest/apigateway/apis/" + apiId).then().statusCode(200)
            .body("apiResponse.api.isActive", equalTo(true)).body("apiResponse.api.policies[0]", equalTo(policyId));
        target.admin().get("/rest/apigateway/apis/" + dormant).then().statusCode(200).body("apiResponse.api.isActive", equalTo(false));
        target.admin().get("/rest/apigateway/applications/" + app.getString("id")).then().statusCode(200)
            .body("applications[0].consumingAPIs", hasItem(apiId));
        assertEquals(200, call(target, apiName, TestAuth.apiKey(app)), "the API key works on the target at once");
        assertEquals(401, call(target, apiName, "not-the-key"));
        JsonObject token = new JsonObject().put("grant_type", "client_credentials")
            .put("client_id", TestAuth.clientId(app)).put("client_secret", TestAuth.clientSecret(app));
        target.anonymous().contentType("application/json").body(token.encode()).post(TOKEN).then().statusCode(200);
    }

    @Test
    void get_selectors_and_the_search_body_export_the_same_assets(TestGateway gw, Echo echo) {
        String a = TestApis.register(gw, name("SelA"), "1.0", TestApis.openApi("A", echo.url(), "/get"));
        String b = TestApis.register(gw, name("SelB"), "1.0", TestApis.openApi("B", echo.url(), "/get"));
        java.util.Set<String> comma = Zips.entries(export(gw, "apis=" + a + "," + b)).keySet();
        java.util.Set<String> repeated = Zips.entries(export(gw, "apis=" + a + "&apis=" + b)).keySet();
        byte[] searched = gw.admin().header("x-HTTP-Method-Override", "GET").contentType("application/json")
            .body("{\"types\":[\"API\"],\"scope\":[{\"attributeName\":\"id\",\"keyword\":\"" + a + "|" + b + "\"}]}")
            .post("/rest/apigateway/archive").then().statusCode(200).extract().asByteArray();
        assertEquals(comma, repeated);
        assertEquals(comma, Zips.entries(searched).keySet());
        assertTrue(comma.contains("API/API." + a + "/API." + a) && comma.contains("API/API." + b + "/API." + b), comma.toString());
        gw.admin().get("/rest/apigateway/archive?apis=" + a + ",<string>").then().statusCode(400)
            .body("errorDetails", containsString("<string>"));
        byte[] everything = gw.admin().header("x-HTTP-Method-Override", "GET").contentType("application/json").body("{}")
            .post("/rest/apigateway/archive").then().statusCode(200).extract().asByteArray();
        assertTrue(Zips.entries(everything).keySet().containsAll(comma));
    }

    @Test
    void a_zip_posted_as_multipart_with_the_method_override_is_still_an_import(TestGateway gw, Echo echo) {
        String id = TestApis.register(gw, name("Multi"), "1.0", TestApis.openApi("M", echo.url(), "/get"));
        byte[] zip = export(gw, "apis=" + id);
        target.admin().header("x-HTTP-Method-Override", "GET").header("Accept", "application/json")
            .multiPart("zipFile", "archive.zip", zip, "application/zip")
            .post("/rest/apigateway/archive?overwrite=true&preserveAssetState=true").then().statusCode(201)
            .body("ArchiveResult.API.id", hasItem(id));
        target.admin().get("/rest/apigateway/apis/" + id).then().statusCode(200);
        target.admin().header("x-HTTP-Method-Override", "GET").multiPart("notTheZip", "x.txt", new byte[] {1})
            .post("/rest/apigateway/archive").then().statusCode(400);
    }

    @Test
    void exports_answer_while_quiesced_for_design_time_and_imports_are_blocked(TestGateway gw, Echo echo) {
        String id = TestApis.register(gw, name("Quiet"), "1.0", TestApis.openApi("Q", echo.url(), "/get"));
        byte[] zip = export(gw, "apis=" + id);
        String on = "{\"enable\":true,\"block\":\"designtime\"}";
        target.admin().contentType("application/json").body(on).put("/rest/apigateway/quiescemode").then().statusCode(200);
        try {
            target.admin().header("x-HTTP-Method-Override", "GET").contentType("application/json").body("{\"types\":[\"api\"]}")
                .post("/rest/apigateway/archive").then().statusCode(200);
            target.admin().get("/rest/apigateway/archive?apis=*").then().statusCode(200);
            importZip(target, zip, "").then().statusCode(503);
        } finally {
            target.admin().contentType("application/json").body(on.replace("true", "false")).put("/rest/apigateway/quiescemode")
                .then().statusCode(200);
        }
        target.admin().get("/rest/apigateway/apis/" + id).then().statusCode(404);
    }

    @Test
    void without_a_passphrase_keys_do_not_travel_and_the_import_log_says_a_new_one_was_made(TestGateway gw, Echo echo) {
        String apiName = name("Bare");
        JsonObject made = keyedApiAndApp(gw, echo, apiName);
        String appId = made.getJsonObject("app").getString("id");
        byte[] zip = gw.admin().header(ArchiveIT.PASSPHRASE_HEADER, "").get("/rest/apigateway/archive?apis=" + made.getString("apiId")
            + "&include-applications=true").then().statusCode(200).extract().asByteArray();
        assertTrue(Zips.entries(zip).keySet().stream().noneMatch(n -> n.startsWith("PassmanData/")));
        JsonObject log = new JsonObject(importZip(target, zip, "").then().statusCode(201).extract().asString());
        JsonObject appEntry = entry(log, "Application", appId);
        assertTrue(appEntry.getString("explanation").contains("a new API key was generated"), appEntry.encode());
        assertTrue(appEntry.getBoolean("warning"));
        String newKey = target.admin().get("/rest/apigateway/applications/" + appId).then().statusCode(200)
            .extract().path("applications[0].accessTokens.apiAccessKey_credentials.apiAccessKey");
        assertNotEquals(TestAuth.apiKey(made.getJsonObject("app")), newKey);
        assertEquals(200, call(target, apiName, newKey));
        assertEquals(401, call(target, apiName, TestAuth.apiKey(made.getJsonObject("app"))));
    }

    @Test
    void strategies_scopes_users_groups_and_access_profiles_round_trip_with_their_secrets(TestGateway gw, Echo echo) {
        String name = name("principal");
        String apiId = TestApis.registerActive(gw, name, "1.0", echo.url(), "/get");
        TestPrincipals p = TestPrincipals.create(gw, name, apiId);
        String strategyId = p.strategy().getString("id");
        byte[] zip = export(gw, "apis=" + apiId + "&" + p.selectors());
        java.util.Set<String> entries = Zips.entries(zip).keySet();
        assertTrue(entries.contains("Strategy/Strategy/Strategy." + strategyId + "/Strategy." + strategyId), entries.toString());
        assertTrue(entries.containsAll(java.util.List.of("GatewayScope/GatewayScope." + p.scopeId() + "/GatewayScope." + p.scopeId(),
            "User/User." + p.userId(), "Group/Group." + p.groupId(), "AccessProfile/AccessProfile." + p.profileId(),
            "PassmanData/PassmanData." + p.clientId() + "-clientSecret", "PassmanData/PassmanData.USER_PASSWORD" + p.userId())));
        String strategyDoc = new String(Zips.entries(zip).get("Strategy/Strategy/Strategy." + strategyId + "/Strategy." + strategyId),
            StandardCharsets.UTF_8);
        assertFalse(strategyDoc.contains(p.clientSecret()), "the client secret travels sealed only");
        assertFalse(new String(Zips.entries(zip).get("User/User." + p.userId()), StandardCharsets.UTF_8).contains("pbkdf2"));

        JsonObject log = new JsonObject(importZip(target, zip, "?overwrite=*").then().statusCode(201).extract().asString());
        for (String[] e : new String[][] {{"Strategy", strategyId}, {"GatewayScope", p.scopeId()}, {"User", p.userId()},
            {"Group", p.groupId()}, {"AccessProfile", p.profileId()}}) {
            assertEquals("OK", entry(log, e[0], e[1]).getString("explanation"), log.encode());
        }
        target.admin().get("/rest/apigateway/strategies/" + strategyId).then().statusCode(200)
            .body("strategy.dcrConfig.clientId", equalTo(p.clientId()));
        target.admin().get("/rest/apigateway/scopes/" + p.scopeId()).then().statusCode(200).body("scope.apiScopes", hasItem(apiId));
        target.admin().get("/rest/apigateway/groups/" + p.groupId()).then().statusCode(200).body("groups[0].userIds", hasItem(p.userId()));
        target.admin().get("/rest/apigateway/accessProfiles/" + p.profileId()).then().statusCode(200)
            .body("groupIds", hasItem(p.groupId()));
        TestAuth.awaitStatus(() -> p.token(target, p.clientSecret()), 200);
        assertEquals(401, p.token(target, "not-the-secret"));
        TestAuth.awaitStatus(() -> p.signIn(target, p.password()), 200);
        assertEquals(401, p.signIn(target, "wrong"));
    }

    static JsonObject entry(JsonObject log, String type, String id) {
        for (Object o : log.getJsonArray("ArchiveResult")) {
            JsonObject e = ((JsonObject) o).getJsonObject(type);
            if (e != null && id.equals(e.getString("id"))) return e;
        }
        throw new AssertionError("no " + type + " " + id + " in " + log.encode());
    }
}
