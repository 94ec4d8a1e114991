package dev.apigw.emulator.iam;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import dev.apigw.emulator.support.DeployedApi;
import dev.apigw.emulator.support.Echo;
import dev.apigw.emulator.support.GatewayIT;
import dev.apigw.emulator.support.TestAuth;
import dev.apigw.emulator.support.TestGateway;
import io.restassured.RestAssured;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code /users}, {@code /groups}, {@code /accessProfiles}; users signing in to the admin API and at runtime. */
@GatewayIT
class UsersIT {
    static final String BASE = "/rest/apigateway";

    static String createUser(TestGateway gw, String login, String password) {
        JsonObject user = new JsonObject().put("loginId", login).put("firstName", "Test").put("lastName", login)
            .put("password", password).put("emailAddresses", new JsonArray().add(login + "@example.com"))
            .put("groupIds", new JsonArray().add("API-Gateway-Providers")).put("active", "true").put("allowDigestAuth", true);
        return gw.admin().contentType("application/json").body(user.encode()).post(BASE + "/users").then().statusCode(201)
            .body("password", equalTo("********************************")).body("active", equalTo(true))
            .extract().path("id");
    }

    @Test
    void users_in_the_product_shapes_with_masked_passwords(TestGateway gw) {
        String id = createUser(gw, "shape_user", "s3cret!");
        gw.admin().get(BASE + "/users").then().statusCode(200).body("users.loginId", hasItems("Administrator", "shape_user"))
            .body("users.password", not(hasItem("s3cret!")));
        gw.admin().get(BASE + "/users/" + id).then().statusCode(200).body("users[0].loginId", equalTo("shape_user"))
            .body("users[0].passwordHash", equalTo(null));
        JsonObject change = new JsonObject().put("loginId", "shape_user").put("firstName", "Changed")
            .put("password", "********************************");
        gw.admin().contentType("application/json").body(change.encode()).put(BASE + "/users/" + id).then().statusCode(200)
            .body("firstName", equalTo("Changed")).body("lastName", equalTo("shape_user")); // what a PUT leaves out stays
        signsIn(gw, "shape_user", "s3cret!", 200); // a masked password keeps the current one
        gw.admin().contentType("application/json").body(new JsonObject().put("loginId", "shape_user").put("password", "x").encode())
            .post(BASE + "/users").then().statusCode(400);
        gw.admin().contentType("application/json").body("{\"loginId\":\"nopw\"}").post(BASE + "/users").then().statusCode(400);
        gw.admin().delete(BASE + "/users/" + id).then().statusCode(204);
        gw.admin().get(BASE + "/users/" + id).then().statusCode(404)
            .body("errorDetails", equalTo(" User with id: " + id + " does not exist."));
    }

    @Test
    void a_local_user_signs_in_to_the_admin_api_until_deactivated(TestGateway gw) {
        String id = createUser(gw, "preparer_user", "prep-pass");
        signsIn(gw, "preparer_user", "prep-pass", 200);
        signsIn(gw, "preparer_user", "wrong", 401);
        JsonObject off = new JsonObject().put("loginId", "preparer_user").put("active", "false");
        gw.admin().contentType("application/json").body(off.encode()).put(BASE + "/users/" + id).then().statusCode(200);
        TestAuth.awaitStatus(() -> RestAssured.given().port(gw.port()).auth().preemptive().basic("preparer_user", "prep-pass")
            .get(BASE + "/alias").statusCode(), 401);
    }

    @Test
    void the_configured_administrator_stays_the_bootstrap_user(TestGateway gw) {
        // a Basic value with a trailing space, as a real pipeline's environment holds it
        RestAssured.given().port(gw.port()).header("Authorization", "Basic QWRtaW5pc3RyYXRvcjptYW5hZ2U= ")
            .get(BASE + "/users").then().statusCode(200);
        gw.admin().contentType("application/json").body("{\"loginId\":\"Administrator\",\"firstName\":\"x\"}")
            .put(BASE + "/users/Administrator").then().statusCode(400);
        gw.admin().contentType("application/json").body("{\"loginId\":\"Administrator\",\"password\":\"p\"}")
            .post(BASE + "/users").then().statusCode(400);
        gw.admin().delete(BASE + "/users/Administrator").then().statusCode(400);
    }

    @Test
    void a_user_is_the_identity_http_basic_auth_identification_checks(TestGateway gw, Echo echo) {
        createUser(gw, "testuser_01", "manage");
        DeployedApi api = gw.deploy("apis/named-echo.json", Map.of("name", "BasicAuthEcho", "echo", echo.url()));
        JsonObject app = TestAuth.createApp(gw, "BasicAuthApp", new JsonArray().add(TestAuth.identifier("httpBasicAuth", "testuser_01")));
        TestAuth.register(gw, app.getString("id"), api.id());
        TestAuth.enforce(gw, api.id(), TestAuth.identifyAction("OR", false, "strict", "httpBasicAuth"));
        TestAuth.awaitStatus(() -> gw.anonymous().auth().preemptive().basic("testuser_01", "manage").get(api.path() + "/get")
            .statusCode(), 200);
        gw.anonymous().auth().preemptive().basic("testuser_01", "wrong").get(api.path() + "/get").then().statusCode(401);
        gw.anonymous().auth().preemptive().basic("nobody", "manage").get(api.path() + "/get").then().statusCode(401);
    }

    @Test
    void groups_and_access_profiles_with_their_system_defined_ones(TestGateway gw) {
        gw.admin().get(BASE + "/groups").then().statusCode(200)
            .body("groups.id", hasItems("Administrators", "API-Gateway-Administrators", "API-Gateway-Providers", "Everybody"));
        String group = gw.admin().contentType("application/json").body("{\"name\":\"GatewayGroup\",\"userIds\":[\"u1\"]}")
            .post(BASE + "/groups").then().statusCode(201).body("type", equalTo("local")).extract().path("id");
        gw.admin().get(BASE + "/groups/" + group).then().statusCode(200).body("groups[0].name", equalTo("GatewayGroup"));
        gw.admin().contentType("application/json").body("{\"name\":\"API-Gateway-Providers\",\"userIds\":[\"u1\"]}")
            .put(BASE + "/groups/API-Gateway-Providers").then().statusCode(200).body("systemDefined", equalTo(true));
        gw.admin().delete(BASE + "/groups/Administrators").then().statusCode(400);
        gw.admin().delete(BASE + "/groups/" + group).then().statusCode(204);
        gw.admin().get(BASE + "/groups/" + group).then().statusCode(404)
            .body("errorDetails", equalTo(" Group with id: " + group + " does not exist."));

        JsonObject profile = new JsonObject().put("name", "GatewayTeam").put("privilege", "1011").put("groupIds",
            new JsonArray().add("API-Gateway-Providers")).put("teamAdmin", new JsonObject().put("userIds", new JsonArray()));
        String pid = gw.admin().contentType("application/json").body(profile.encode()).post(BASE + "/accessProfiles")
            .then().statusCode(201).extract().path("id");
        gw.admin().get(BASE + "/accessProfiles/" + pid).then().statusCode(200).body("name", equalTo("GatewayTeam"));
        gw.admin().get(BASE + "/accessProfiles").then().statusCode(200).body("accessProfiles.id", hasItems("Administrators", pid));
        gw.admin().contentType("application/json").body("{\"name\":\"x\",\"groupIds\":\"notalist\"}").post(BASE + "/accessProfiles")
            .then().statusCode(400);
        gw.admin().delete(BASE + "/accessProfiles/" + pid).then().statusCode(204);
        gw.admin().get(BASE + "/accessProfiles/" + pid).then().statusCode(404);
    }

    private static void signsIn(TestGateway gw, String login, String password, int status) {
        RestAssured.given().port(gw.port()).auth().preemptive().basic(login, password).get(BASE + "/alias").then().statusCode(status);
    }
}
