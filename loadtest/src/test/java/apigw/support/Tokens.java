package apigw.support;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.bodyString;
import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.http.HttpDsl.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;
import java.util.function.Supplier;

/**
 * OAuth2 tokens as a client holds them: fetched from the gateway's token endpoint
 * ({@code POST /invoke/pub.apigateway.oauth2/getAccessToken}, client credentials in a JSON body) and renewed before
 * they expire, at 80% of {@code expires_in}. Kept in the virtual user's session per gateway node:
 * {@code token.<node>} and {@code renewAt.<node>} (epoch ms).
 */
public final class Tokens {
    public static final String PATH = "/invoke/pub.apigateway.oauth2/getAccessToken";

    private Tokens() {
    }

    /** Fetches a token from {@code baseUrl} when the user has none for {@code node} or it is due for renewal. */
    public static ChainBuilder ensure(String node, String baseUrl, Supplier<DemoApis> apis) {
        return doIf(session -> due(session, node)).then(
            io.gatling.javaapi.core.CoreDsl.exec(session -> session.set("tokenAsked", true))
                .exec(http("token " + node).post(baseUrl + PATH).asJson()
                .body(StringBody(session -> JsonNodeFactory.instance.objectNode().put("grant_type", "client_credentials")
                    .put("client_id", apis.get().clientId()).put("client_secret", apis.get().clientSecret()).toString()))
                .check(io.gatling.javaapi.http.HttpDsl.status().saveAs("tokenStatus"), bodyString().saveAs("tokenBody"))));
    }

    public static boolean due(Session session, String node) {
        return !session.contains("token." + node) || System.currentTimeMillis() >= session.getLong("renewAt." + node);
    }

    /** After {@link #ensure}: whether a token was asked for this time. */
    public static boolean asked(Session session) {
        return session.contains("tokenAsked");
    }

    /** After {@link #ensure}: the status of the token call, or -1 when it got no answer (or none was sent). */
    public static int status(Session session) {
        return session.contains("tokenStatus") ? session.getInt("tokenStatus") : -1;
    }

    /** Forgets the last token call's answer. */
    public static Session clear(Session session) {
        return session.remove("tokenAsked").remove("tokenStatus").remove("tokenBody");
    }

    /** Stores the token of a 200 answer for {@code node}. */
    public static Session keep(Session session, String node) {
        JsonNode body = GatewayAdmin.read(session.getString("tokenBody"));
        long lifetimeMs = body.path("expires_in").asLong(3600) * 1000;
        return session.set("token." + node, body.path("access_token").asText())
            .set("renewAt." + node, System.currentTimeMillis() + lifetimeMs * 8 / 10).remove("tokenAsked")
            .remove("tokenStatus").remove("tokenBody");
    }

    public static String bearer(Session session, String node) {
        return "Bearer " + session.getString("token." + node);
    }
}
