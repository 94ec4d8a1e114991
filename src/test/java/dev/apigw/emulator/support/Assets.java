package dev.apigw.emulator.support;

import io.restassured.specification.RequestSpecification;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * Design-time documents from fixtures (see {@code fixtures/README.md}) sent through the real admin API: applications,
 * policy actions, policies, and the bodies of other admin calls. APIs are deployed with {@link TestGateway#deploy}.
 * Called from the JUnit thread (REST Assured blocks).
 */
public final class Assets {
    private Assets() {
    }

    /** The administrator's request with the fixture as its JSON body, placeholders filled from {@code vars}. */
    public static RequestSpecification json(TestGateway gw, String fixture, Map<String, String> vars) {
        return gw.admin().contentType("application/json").body(Fixtures.text(fixture, vars));
    }

    public static RequestSpecification json(TestGateway gw, String fixture) {
        return json(gw, fixture, Map.of());
    }

    /**
     * An API fixture as the body of {@code POST /rest/apigateway/apis} itself, without the keys only the test support
     * reads ({@code policyActions}, {@code active}, {@code probe}): for tests of the create and update calls.
     */
    public static JsonObject apiBody(String fixture, Map<String, String> vars) {
        JsonObject body = Fixtures.json(fixture, vars);
        body.remove("policyActions");
        body.remove("active");
        body.remove("probe");
        return body;
    }

    /** Creates the application; returns the create response (the only one holding the client secret). */
    public static JsonObject application(TestGateway gw, String fixture, Map<String, String> vars) {
        return new JsonObject(json(gw, fixture, vars).post("/rest/apigateway/applications").then().statusCode(200)
            .extract().asString());
    }

    public static JsonObject application(TestGateway gw, String fixture) {
        return application(gw, fixture, Map.of());
    }

    /** Creates the policy action ({@code {"policyAction": {...}}}); returns its id. */
    public static String policyAction(TestGateway gw, String fixture, Map<String, String> vars) {
        return json(gw, fixture, vars).post("/rest/apigateway/policyActions").then().statusCode(201)
            .extract().path("policyAction.id");
    }

    public static String policyAction(TestGateway gw, String fixture) {
        return policyAction(gw, fixture, Map.of());
    }

    /** Creates the policy ({@code {"policy": {...}}}); returns its id. */
    public static String policy(TestGateway gw, String fixture, Map<String, String> vars) {
        return json(gw, fixture, vars).post("/rest/apigateway/policies").then().statusCode(201).extract().path("policy.id");
    }
}
