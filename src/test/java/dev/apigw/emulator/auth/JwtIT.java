package dev.apigw.emulator.auth;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.apigw.emulator.support.Assets;
import dev.apigw.emulator.support.Await;
import dev.apigw.emulator.support.DeployedApi;
import dev.apigw.emulator.support.Echo;
import dev.apigw.emulator.support.GatewayIT;
import dev.apigw.emulator.support.Poll;
import dev.apigw.emulator.support.TestAuth;
import dev.apigw.emulator.support.TestGateway;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * JWTs issued by the gateway and by an external issuer whose JWKS is served by a local HttpServer (on the port the
 * node's {@code auth.jwtJwksUrls} names; the node fetches it on the first token it cannot verify).
 */
@GatewayIT(set = "auth.jwtJwksUrls=http://127.0.0.1:${freePort}/jwks")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JwtIT {
    private final TestGateway gw;
    private final Vertx vertx;
    private HttpServer issuer;
    private volatile JsonObject served = new JsonObject().put("keys", new JsonArray());
    private DeployedApi api;
    private JsonObject app;
    private JsonObject partner;

    JwtIT(TestGateway gw, Vertx vertx) {
        this.gw = gw;
        this.vertx = vertx;
    }

    /** The API of {@code apis/identified-by-jwt-claims.json} with two registered applications, one its own. */
    record Registered(DeployedApi api, JsonObject app, JsonObject partner) {
        static Registered on(TestGateway gw, Echo echo) {
            DeployedApi api = gw.deploy("apis/identified-by-jwt-claims.json", Map.of("name", "Jwt", "echo", echo.url()));
            JsonObject app = Assets.application(gw, "applications/named.json", Map.of("name", "Own"));
            JsonObject partner = Assets.application(gw, "applications/jwt-partner.json");
            TestAuth.register(gw, app.getString("id"), api.id());
            TestAuth.register(gw, partner.getString("id"), api.id());
            return new Registered(api, app, partner);
        }
    }

    @BeforeAll
    void start(Echo echo) {
        int port = URI.create(gw.config().auth().jwtJwksUrls().get(0)).getPort();
        issuer = Await.result(vertx.createHttpServer().requestHandler(req -> req.response()
            .putHeader("Content-Type", "application/json").end(served.encode())).listen(port, "127.0.0.1"));
        Registered r = Registered.on(gw, echo);
        api = r.api();
        app = r.app();
        partner = r.partner();
    }

    @AfterAll
    void stop() {
        Await.result(issuer.close());
    }

    static String ownJwt(TestGateway gw, JsonObject app) {
        return gw.anonymous().auth().preemptive().basic(TestAuth.clientId(app), TestAuth.clientSecret(app))
            .get("/rest/pub/apigateway/jwt/getJsonWebToken").then().statusCode(200).extract().path("jwt");
    }

    static int call(TestGateway gw, DeployedApi api, String authorization) {
        return gw.anonymous().header("Authorization", authorization).get(api.path() + "/get").statusCode();
    }

    private int call(String authorization) {
        return call(gw, api, authorization);
    }

    @Test
    void gateway_jwts_are_rs256_with_kid_ssos_and_identify_the_application() {
        String jwt = ownJwt(gw, app);
        JsonObject header = new JsonObject(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[0]), StandardCharsets.UTF_8));
        assertEquals("ssos", header.getString("kid"));
        assertEquals("RS256", header.getString("alg"));
        gw.anonymous().get("/rest/pub/apigateway/jwt/certs").then().statusCode(200)
            .body("keys[0].kid", equalTo("ssos")).body("keys[0].kty", equalTo("RSA")).body("keys[0].e", equalTo("AQAB"));
        Poll.until("the gateway's JWT accepted", 5_000, () -> call("Bearer " + jwt) == 200);
        String byAdmin = gw.admin().queryParam("app_id", app.getString("id")).get("/rest/pub/apigateway/jwt/getJsonWebToken")
            .then().statusCode(200).extract().path("jwt");
        Poll.until("the JWT fetched by the administrator accepted", 5_000, () -> call("Bearer " + byAdmin) == 200);
    }

    @Test
    void bad_credentials_for_a_jwt_get_401() {
        gw.anonymous().get("/rest/pub/apigateway/jwt/getJsonWebToken").then().statusCode(401);
        gw.anonymous().queryParam("client_id", TestAuth.clientId(app)).queryParam("client_secret", TestAuth.clientSecret(app))
            .get("/rest/pub/apigateway/jwt/getJsonWebToken").then().statusCode(401);
        gw.anonymous().header("Authorization", "Basic !!").get("/rest/pub/apigateway/jwt/getJsonWebToken").then().statusCode(401);
        gw.anonymous().auth().preemptive().basic(TestAuth.clientId(app), "wrong")
            .get("/rest/pub/apigateway/jwt/getJsonWebToken").then().statusCode(401);
    }

    Stream<Arguments> badJwts() {
        return Stream.of(
            bad("truncated signature", jwt -> jwt.substring(0, jwt.length() - 10)),
            bad("no signature part", jwt -> part(jwt, 0) + "." + part(jwt, 1)),
            bad("unsigned, alg none", jwt -> b64("{\"alg\":\"none\",\"kid\":\"ssos\"}") + "." + part(jwt, 1) + "."),
            bad("claims swapped for another application's", jwt -> part(jwt, 0) + "."
                + b64("{\"app_id\":\"" + partner.getString("id") + "\",\"iss\":\"apigw-emulator\"}") + "." + part(jwt, 2)),
            bad("three parts that are not base64 JSON", jwt -> "x.y.z"),
            bad("three empty parts", jwt -> ".."),
            bad("a header with undecodable payload and signature", jwt -> b64("{\"alg\":\"RS256\"}") + ".!!.!!"));
    }

    private static Arguments bad(String name, UnaryOperator<String> fromGoodJwt) {
        return Arguments.of(Named.of(name, fromGoodJwt));
    }

    private static String part(String jwt, int i) {
        return jwt.split("\\.")[i];
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badJwts")
    void truncated_tampered_and_unsigned_jwts_get_401(UnaryOperator<String> fromGoodJwt) {
        String jwt = ownJwt(gw, app);
        Poll.until("the untouched JWT accepted", 5_000, () -> call("Bearer " + jwt) == 200);
        String bad = fromGoodJwt.apply(jwt);
        assertEquals(401, call("Bearer " + bad), bad);
    }

    @Test
    void external_issuer_tokens_match_jwt_claims_and_key_rotation_is_picked_up() throws Exception {
        Signer first = new Signer("ext-1");
        served = new JsonObject().put("keys", new JsonArray().add(first.jwk()));
        String token = first.sign(new JsonObject().put("sub", "partner-42"), 300);
        Poll.until("the external issuer's token accepted", 5_000, () -> call("Bearer " + token) == 200);
        assertEquals(401, call("Bearer " + first.sign(new JsonObject().put("sub", "someone-else"), 300)));
        assertEquals(401, call("Bearer " + first.sign(new JsonObject().put("sub", "partner-42")
            .put("exp", System.currentTimeMillis() / 1000 - 60), 0)));
        Signer second = new Signer("ext-2");
        served = new JsonObject().put("keys", new JsonArray().add(second.jwk()));
        String rotated = second.sign(new JsonObject().put("sub", "partner-42"), 300);
        Poll.until("the token signed with the rotated key accepted", 5_000, () -> call("Bearer " + rotated) == 200);
    }

    /** A node of its own: the restart must not pull the shared node from under the other tests. */
    @Nested
    class AcrossARestart {

        @Test
        void signing_keys_and_access_tokens_survive_a_restart(TestGateway gw, Echo echo) {
            Registered r = Registered.on(gw, echo);
            String before = gw.anonymous().get("/rest/pub/apigateway/jwt/certs").then().extract().path("keys[0].n");
            String jwt = ownJwt(gw, r.app());
            String token = gw.anonymous().auth().preemptive().basic(TestAuth.clientId(r.app()), TestAuth.clientSecret(r.app()))
                .formParam("grant_type", "client_credentials").post("/invoke/pub.apigateway.oauth2/getAccessToken")
                .then().statusCode(200).extract().path("access_token");
            gw.restart();
            gw.anonymous().get("/rest/pub/apigateway/jwt/certs").then().body("keys[0].n", equalTo(before));
            gw.anonymous().auth().preemptive().basic(TestAuth.clientId(r.app()), TestAuth.clientSecret(r.app()))
                .formParam("token", token).post("/invoke/pub.oauth/introspectToken").then().statusCode(200)
                .body("active", equalTo(true));
            Poll.until("the JWT issued before the restart accepted", 5_000, () -> call(gw, r.api(), "Bearer " + jwt) == 200);
        }
    }

    static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    /** An external issuer's RSA key, signing with vertx-auth-jwt. */
    final class Signer {
        final String kid;
        final KeyPair pair;
        final JWTAuth auth;

        Signer(String kid) throws Exception {
            this.kid = kid;
            KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
            gen.initialize(2048);
            pair = gen.generateKeyPair();
            String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
            auth = JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(new PubSecKeyOptions().setAlgorithm("RS256")
                .setId(kid).setBuffer(pem)));
        }

        String sign(JsonObject claims, int expiresIn) {
            JWTOptions o = new JWTOptions().setAlgorithm("RS256").setIssuer("https://partner.example")
                .setHeader(new JsonObject().put("kid", kid));
            if (expiresIn > 0) o.setExpiresInSeconds(expiresIn);
            return auth.generateToken(claims, o);
        }

        JsonObject jwk() {
            RSAPublicKey pub = (RSAPublicKey) pair.getPublic();
            return new JsonObject().put("kty", "RSA").put("kid", kid).put("alg", "RS256").put("use", "sig")
                .put("n", unsigned(pub.getModulus())).put("e", unsigned(pub.getPublicExponent()));
        }

        private String unsigned(BigInteger v) {
            byte[] b = v.toByteArray();
            if (b.length > 1 && b[0] == 0) b = java.util.Arrays.copyOfRange(b, 1, b.length);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        }
    }
}
