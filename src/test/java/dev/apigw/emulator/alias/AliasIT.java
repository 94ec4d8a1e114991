package dev.apigw.emulator.alias;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.apigw.emulator.support.DeployedApi;
import dev.apigw.emulator.support.Echo;
import dev.apigw.emulator.support.Fixtures;
import dev.apigw.emulator.support.GatewayIT;
import dev.apigw.emulator.support.Routing;
import dev.apigw.emulator.support.TestGateway;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code /rest/apigateway/alias}: the product's alias types and wrappers, built-ins, and aliases at runtime. */
@GatewayIT
class AliasIT {
    static final String ALIAS = "/rest/apigateway/alias";

    static String create(TestGateway gw, String fixture, Map<String, String> vars) {
        return gw.admin().contentType("application/json").body(Fixtures.text(fixture, vars)).post(ALIAS)
            .then().statusCode(201).body("alias.name", equalTo(vars.get("name"))).extract().path("alias.id");
    }

    @Test
    void built_in_aliases_exist_and_cannot_be_deleted(TestGateway gw) {
        gw.admin().get(ALIAS).then().statusCode(200)
            .body("alias.id", hasItems("local", "ServiceConsulDefault", "EurekaDefault", "OKTA", "PingFederate"));
        gw.admin().get(ALIAS + "/local").then().statusCode(200).body("alias.type", equalTo("authServerAlias"))
            .body("alias.scopes", notNullValue()).body("alias.tokenGeneratorConfig", notNullValue())
            .body("alias.localIntrospectionConfig", notNullValue()).body("alias.sslConfig", notNullValue());
        gw.admin().delete(ALIAS + "/local").then().statusCode(405).body("errorDetails", startsWith(" Unable to process"));
        gw.admin().get(ALIAS + "/local").then().statusCode(200);
    }

    @Test
    void the_local_alias_takes_its_own_get_back_with_new_scopes(TestGateway gw) {
        JsonObject local = new JsonObject(gw.admin().get(ALIAS + "/local").asString()).getJsonObject("alias");
        local.getJsonArray("scopes").add(new JsonObject().put("name", "postman-echo").put("description", "echo scope"));
        local.getJsonObject("tokenGeneratorConfig").put("algorithm", "RS512").put("accessTokenExpInterval", 3600);
        gw.admin().contentType("application/json").body(local.encode()).put(ALIAS + "/local").then().statusCode(200)
            .body("alias.scopes.name", hasItems("postman-echo")).body("alias.tokenGeneratorConfig.algorithm", equalTo("RS512"));
    }

    @Test
    void endpoint_alias_crud_in_the_product_wrappers(TestGateway gw, Echo echo) {
        String id = create(gw, "aliases/endpoint.json", Map.of("name", "CrudEndpoint", "echo", echo.url(), "stage", ""));
        gw.admin().get(ALIAS + "/" + id).then().statusCode(200).body("alias.connectionTimeout", equalTo(30))
            .body("alias.passSecurityHeaders", equalTo(false)).body("alias.owner", equalTo("Administrator"));
        // a stage's content, without an id, as pipelines PUT it
        JsonObject content = new JsonObject().put("name", "CrudEndpoint").put("type", "endpoint")
            .put("endPointURI", "http://elsewhere.example.com").put("readTimeout", "45");
        gw.admin().contentType("application/json").body(content.encode()).put(ALIAS + "/" + id).then().statusCode(200)
            .body("alias.id", equalTo(id)).body("alias.endPointURI", equalTo("http://elsewhere.example.com"))
            .body("alias.readTimeout", equalTo(45));
        gw.admin().contentType("application/json").body(Fixtures.text("aliases/endpoint.json",
            Map.of("name", "CrudEndpoint", "echo", echo.url(), "stage", ""))).post(ALIAS).then().statusCode(400)
            .body("errorDetails", startsWith(" Alias with name CrudEndpoint already exists"));
        gw.admin().delete(ALIAS + "/" + id).then().statusCode(204);
        gw.admin().get(ALIAS + "/" + id).then().statusCode(404)
            .body("errorDetails", equalTo(" Alias with id: " + id + " does not exist."));
        gw.admin().contentType("application/json").body(content.encode()).put(ALIAS + "/" + id).then().statusCode(404);
    }

    static Stream<Arguments> invalid_aliases() {
        return Stream.of(
            Arguments.of("no name", "{\"type\":\"simple\",\"value\":\"x\"}"),
            Arguments.of("unknown type", "{\"name\":\"a\",\"type\":\"magic\"}"),
            Arguments.of("endpoint not a URL", "{\"name\":\"a\",\"type\":\"endpoint\",\"endPointURI\":\"ftp://x\"}"),
            Arguments.of("timeout not a number", "{\"name\":\"a\",\"type\":\"endpoint\",\"endPointURI\":\"http://x\",\"connectionTimeout\":\"soon\"}"),
            Arguments.of("unknown auth type", "{\"name\":\"a\",\"type\":\"httpTransportSecurityAlias\",\"authType\":\"MAGIC\"}"),
            Arguments.of("credentials not an object", "{\"name\":\"a\",\"type\":\"httpTransportSecurityAlias\",\"httpAuthCredentials\":\"x\"}"),
            Arguments.of("scopes without names", "{\"name\":\"a\",\"type\":\"authServerAlias\",\"scopes\":[{\"description\":\"d\"}]}"),
            Arguments.of("simple value not text", "{\"name\":\"a\",\"type\":\"simple\",\"value\":{\"x\":1}}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void invalid_aliases(String why, String body, TestGateway gw) {
        gw.admin().contentType("application/json").body(body).post(ALIAS).then().statusCode(400)
            .body("errorDetails", startsWith(" "));
    }

    @Test
    void every_product_alias_type_is_accepted(TestGateway gw) {
        for (String body : new String[] {
            "{\"name\":\"S1\",\"type\":\"simple\",\"value\":\"softwareag\",\"stage\":\"f8928b26\"}",
            "{\"name\":\"W1\",\"type\":\"webmethodsAlias\",\"serviceName\":\"folder:svc\",\"runAsUser\":\"Administrator\",\"complyToISSpec\":\"true\"}",
            "{\"name\":\"X1\",\"type\":\"transformationAlias\",\"fileName\":\"t.xsl\",\"content\":\"<xsl:stylesheet/>\"}",
            "{\"name\":\"K1\",\"type\":\"soapMessageSecurityAlias\",\"authType\":\"WSS_USERNAME\",\"wssCredentials\":{\"userName\":\"u\",\"password\":\"bWFuYWdl\"}}",
            "{\"name\":\"R1\",\"type\":\"serviceRegistryAlias\",\"serviceRegistryType\":\"EUREKA\",\"endpointURI\":\"http://e:8761\"}",
            "{\"name\":\"A1\",\"type\":\"awsConfigurationAlias\",\"accessKey\":\"k\",\"secretKey\":\"s\",\"region\":\"eu\"}"}) {
            gw.admin().contentType("application/json").body(body).post(ALIAS).then().statusCode(201).body("alias.id", notNullValue());
        }
    }

    @Test
    void a_routing_endpoint_resolves_through_an_endpoint_alias_and_follows_its_changes(TestGateway gw, Echo echo) {
        String aliasId = create(gw, "aliases/endpoint.json", Map.of("name", "Echo_Routing_Alias", "echo", echo.url(), "stage", ""));
        DeployedApi api = gw.deploy("apis/named-echo.json", Map.of("name", "AliasRouted", "echo", "http://127.0.0.1:9"));
        Routing.change(gw, api.id(), "${Echo_Routing_Alias}/${sys:resource_path}");
        gw.anonymous().get(api.path() + "/get?via=alias").then().statusCode(200).body("args.via", equalTo("alias"));

        JsonObject nowhere = new JsonObject().put("name", "Echo_Routing_Alias").put("type", "endpoint")
            .put("endPointURI", "http://127.0.0.1:9");
        gw.admin().contentType("application/json").body(nowhere.encode()).put(ALIAS + "/" + aliasId).then().statusCode(200);
        gw.anonymous().get(api.path() + "/get").then().statusCode(503); // the next request already uses the change

        gw.admin().delete(ALIAS + "/" + aliasId).then().statusCode(204);
        gw.anonymous().get(api.path() + "/get").then().statusCode(503); // an unknown alias routes nowhere
    }

    @Test
    void an_http_transport_security_alias_sets_the_outbound_authorization(TestGateway gw, Echo echo) {
        create(gw, "aliases/basic-transport.json", Map.of("name", "Echo_Security_Alias"));
        DeployedApi api = gw.deploy("apis/named-echo.json", Map.of("name", "AliasSecured", "echo", echo.url()));
        JsonObject outbound = new JsonObject().put("templateKey", "outboundTransportAuthentication").put("parameters",
            new JsonArray().add(new JsonObject().put("templateKey", "transportSecurity").put("parameters", new JsonArray()
                .add(param("authType", "ALIAS")).add(param("authMode", "NEW")).add(param("alias", "${Echo_Security_Alias}")))));
        AliasRuntime.enforce(gw, api, "routing", outbound);
        gw.anonymous().auth().preemptive().basic("client", "secret").get(api.path() + "/get").then().statusCode(200)
            .body("headers.authorization", equalTo("Basic UG9zdG1hbkVjaG9fREVTSUdOOk15UGFzc3dvcmRfREVTSUdO"));
    }

    static JsonObject param(String key, String value) {
        return new JsonObject().put("templateKey", key).put("values", new JsonArray().add(value));
    }
}
