package apigw.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/**
 * What a simulation's {@code before()} sets up on a fresh emulator through its admin API when it was given no
 * credentials: APIs from the asset files the rehearsal also uses ({@code rehearsal/*.json}, copied from the
 * emulator's resources by this project's build), their policy actions, applications registered to them, and the
 * rehearsal's plan. Blocking JDK HTTP calls: {@code before()} runs before any virtual user.
 */
public final class GatewayAdmin {
    public static final String BASE = "/rest/apigateway";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A registered API: its name, the path its users call, its id. */
    public record Api(String name, String path, String id) {
    }

    /** An application: its id and credentials. */
    public record App(String id, String name, String apiKey, String clientId, String clientSecret) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String authorization;

    public GatewayAdmin(String baseUrl, String username, String password) {
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Creates the API of asset file {@code rehearsal/<file>} (placeholders filled from {@code vars}; its name followed by
     * {@code suffix}, so a second run against the same gateway registers its own), with its actions, active.
     */
    public Api api(String file, Map<String, String> vars, String resource, String suffix) {
        String text = resource("rehearsal/" + file);
        for (Map.Entry<String, String> v : vars.entrySet()) text = text.replace("${" + v.getKey() + "}", v.getValue());
        ObjectNode asset = (ObjectNode) read(text);
        ArrayNode actions = (ArrayNode) asset.remove("policyActions");
        asset.put("apiName", asset.path("apiName").asText() + suffix);
        JsonNode api = call("POST", BASE + "/apis", asset, 200, 201).path("apiResponse").path("api");
        String id = api.path("id").asText();
        String policyId = api.path("policies").path(0).asText();
        for (JsonNode entry : actions) enforce(policyId, entry.path("stageKey").asText(), entry.path("policyAction"));
        call("PUT", BASE + "/apis/" + id + "/activate", null, 200);
        String name = api.path("apiName").asText();
        return new Api(name, "/gateway/" + name + "/" + api.path("apiVersion").asText() + resource, id);
    }

    /** The rehearsal's plan ({@code rehearsal/plan.json}) with its quota action; its id. */
    public String plan() {
        JsonNode file = read(resource("rehearsal/plan.json"));
        JsonNode plan = call("POST", BASE + "/plans", file.path("plan"), 200, 201).path("planResponse");
        enforce(plan.path("quota").path("enforcementPolicy").asText(), "throttle", file.path("quotaAction"));
        return plan.path("id").asText();
    }

    /** An application registered to {@code api}, subscribed to {@code planId} when not null. */
    public App app(String name, Api api, String planId) {
        JsonNode app = call("POST", BASE + "/applications", JSON.createObjectNode().put("name", name), 200, 201);
        String id = app.path("id").asText();
        ObjectNode ids = JSON.createObjectNode();
        ids.putArray("apiIDs").add(api.id());
        call("PUT", BASE + "/applications/" + id + "/apis", ids, 200);
        if (planId != null) call("PATCH", BASE + "/applications/" + id, JSON.createObjectNode().put("planId", planId), 200);
        JsonNode tokens = app.path("accessTokens");
        return new App(id, name, tokens.path("apiAccessKey_credentials").path("apiAccessKey").asText(),
            tokens.path("oauth_credentials").path("clientID").asText(), tokens.path("oauth_credentials").path("clientSecret").asText());
    }

    private void enforce(String policyId, String stageKey, JsonNode action) {
        ObjectNode wrapped = JSON.createObjectNode();
        wrapped.set("policyAction", action);
        String actionId = call("POST", BASE + "/policyActions", wrapped, 200, 201).path("policyAction").path("id").asText();
        ObjectNode policy = (ObjectNode) call("GET", BASE + "/policies/" + policyId, null, 200).path("policy");
        ObjectNode enforcement = ((ArrayNode) policy.withArray("policyEnforcements")).addObject().put("stageKey", stageKey);
        enforcement.putArray("enforcements").addObject().put("enforcementObjectId", actionId).putNull("order");
        ObjectNode body = JSON.createObjectNode();
        body.set("policy", policy);
        call("PUT", BASE + "/policies/" + policyId, body, 200);
    }

    /** One admin call; fails unless the status is one of {@code expected}. */
    public JsonNode call(String method, String path, JsonNode body, int... expected) {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
            .header("Authorization", authorization).header("Accept", "application/json");
        if (body == null) {
            req.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            req.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
        }
        try {
            HttpResponse<String> r = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
            for (int s : expected) if (r.statusCode() == s) return r.body().isBlank() ? JSON.createObjectNode() : read(r.body());
            throw new IllegalStateException(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + baseUrl + path + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Calls {@code path} with one header until it answers 200 (the runtime catches up with admin writes). */
    public void awaitServed(String path, String header, String value) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            HttpRequest req = HttpRequest.newBuilder(URI.create(baseUrl + path)).header(header, value).GET().build();
            try {
                if (http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) return;
                if (System.nanoTime() > deadline) throw new IllegalStateException(path + " is not served with its credential");
                Thread.sleep(50); // before(): no virtual user runs yet
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** An OAuth2 access token for the application, from the gateway's token endpoint. */
    public String token(App app) {
        ObjectNode body = JSON.createObjectNode().put("grant_type", "client_credentials").put("client_id", app.clientId())
            .put("client_secret", app.clientSecret());
        HttpRequest req = HttpRequest.newBuilder(URI.create(baseUrl + "/invoke/pub.apigateway.oauth2/getAccessToken"))
            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        try {
            return read(http.send(req, HttpResponse.BodyHandlers.ofString()).body()).path("access_token").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode read(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String resource(String path) {
        try (InputStream in = GatewayAdmin.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) throw new IllegalStateException(path + " is not on the classpath (built from ../src/main/resources)");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
