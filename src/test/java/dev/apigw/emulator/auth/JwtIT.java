package dev.apigw.emulator.auth;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.apigw.emulator.demo.EchoBackend;
import dev.apigw.emulator.support.Await;
import dev.apigw.emulator.support.TestApis;
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
import io.vertx.junit5.VertxExtension;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** JWTs issued by the gateway and by an external issuer whose JWKS is served by a local HttpServer. */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JwtIT {
    Vertx vertx;
    EchoBackend echo;
    HttpServer issuer;
    volatile JsonObject served = new JsonObject().put("keys", new JsonArray());
    TestGateway gw;
    JsonObject app;
    JsonObject partner;

    @BeforeAll
    void start(Vertx vertx) {
        this.vertx = vertx;
        echo = Await.result(new EchoBackend(vertx).start("127.0.0.1", 0));
        issuer = Await.result(vertx.createHttpServer().requestHandler(req -> req.response()
            .putHeader("Content-Type", "application/json").end(served.encode())).listen(0, "127.0.0.1"));
        JsonObject settings = TestGateway.defaults();
        settings.getJsonObject("auth").put("jwtJwksUrls", "http://127.0.0.1:" + issuer.actualPort() + "/jwks");
        gw = TestGateway.start(vertx, settings);
        String api = TestApis.registerActive(gw, "Jwt", "1.0", "http://127.0.0.1:" + echo.port(), "/get");
        TestAuth.enforce(gw, api, TestAuth.identifyAction("OR", false, "strict", "jwtClaims"));
        app = TestAuth.createApp(gw, "Own", new JsonArray());
        partner = TestAuth.createApp(gw, "Partner", new JsonArray()
            .add(TestAuth.identifier("jwtClaims", "{\"sub\":\"partner-42\"}")));
        TestAuth.register(gw, app.getString("id"), api);
        TestAuth.register(gw, partner.getString("id"), api);
    }

    @AfterAll
    void stop() {
        gw.close();
        Await.result(issuer.close());
        Await.result(echo.stop());
    }

    String ownJwt() {
        return gw.anonymous().auth().preemptive().basic(TestAuth.clientId(app), TestAuth.clientSecret(app))
            .get("/rest/pub/apigateway/jwt/getJsonWebToken").then().statusCode(200).extract().path("jwt");
    }

    int call(String authorization) {
        return gw.anonymous().header("Authorization", authorization).get("/gateway/Jwt/1.0/get").statusCode();
    }

    @Test
    void gateway_jwts_are_rs256_with_kid_ssos_and_identify_the_application() {
        String jwt = ownJwt();
        JsonObject header = new JsonObject(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[0]), StandardCharsets.UTF_8));
        assertEquals("ssos", header.getString("kid"));
        assertEquals("RS256", header.getString("alg"));
        gw.anonymous().get("/rest/pub/apigateway/jwt/certs").then().statusCode(200)
            .body("keys[0].kid", equalTo("ssos")).body("keys[0].kty", equalTo("RSA")).body("keys[0].e", equalTo("AQAB"));
        TestAuth.awaitStatus(() -> call("Bearer " + jwt), 200);
        String byAdmin = gw.admin().queryParam("app_id", app.getString("id")).get("/rest/pub/apigateway/jwt/getJsonWebToken")
            .then().statusCode(200).extract().path("jwt");
        TestAuth.awaitStatus(() -> call("Bearer " + byAdmin), 200);
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

    @Test
    void truncated_tampered_and_unsigned_jwts_get_401() {
        String jwt = ownJwt();
        TestAuth.awaitStatus(() -> call("Bearer " + jwt), 200);
        String[] parts = jwt.split("\\.");
        String none = b64("{\"alg\":\"none\",\"kid\":\"ssos\"}") + "." + parts[1] + ".";
        String tampered = parts[0] + "." + b64("{\"app_id\":\"" + partner.getString("id") + "\",\"iss\":\"apigw-emulator\"}")
            + "." + parts[2];
        for (String bad : new String[] {jwt.substring(0, jwt.length() - 10), parts[0] + "." + parts[1], none, tampered,
            "x.y.z", "..", b64("{\"alg\":\"RS256\"}") + ".!!.!!"}) {
            assertEquals(401, call("Bearer " + bad), bad);
        }
    }

    @Test
    void external_issuer_tokens_match_jwt_claims_and_key_rotation_is_picked_up() throws Exception {
        Signer first = new Signer("ext-1");
        served = new JsonObject().put("keys", new JsonArray().add(first.jwk()));
        String token = first.sign(new JsonObject().put("sub", "partner-42"), 300);
        TestAuth.awaitStatus(() -> call("Bearer " + token), 200);
        assertEquals(401, call("Bearer " + first.sign(new JsonObject().put("sub", "someone-else"), 300)));
        assertEquals(401, call("Bearer " + first.sign(new JsonObject().put("sub", "partner-42")
            .put("exp", System.currentTimeMillis() / 1000 - 60), 0)));
        Signer second = new Signer("ext-2");
        served = new JsonObject().put("keys", new JsonArray().add(second.jwk()));
        String rotated = second.sign(new JsonObject().put("sub", "partner-42"), 300);
        TestAuth.awaitStatus(() -> call("Bearer " + rotated), 200);
    }

    @Test
    void signing_keys_and_access_tokens_survive_a_restart() {
        String before = gw.anonymous().get("/rest/pub/apigateway/jwt/certs").then().extract().path("keys[0].n");
        String jwt = ownJwt();
        String token = gw.anonymous().auth().preemptive().basic(TestAuth.clientId(app), TestAuth.clientSecret(app))
            .formParam("grant_type", "client_credentials").post("/invoke/pub.apigateway.oauth2/getAccessToken")
            .then().statusCode(200).extract().path("access_token");
        gw.restart();
        gw.anonymous().get("/rest/pub/apigateway/jwt/certs").then().body("keys[0].n", equalTo(before));
        gw.anonymous().auth().preemptive().basic(TestAuth.clientId(app), TestAuth.clientSecret(app))
            .formParam("token", token).post("/invoke/pub.oauth/introspectToken").then().statusCode(200)
            .body("active", equalTo(true));
        TestAuth.awaitStatus(() -> call("Bearer " + jwt), 200);
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
