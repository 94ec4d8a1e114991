package dev.apigw.emulator.promotion;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.Map;

/**
 * One destination stage's admin API, called with the stage's credentials (HTTP Basic): an archive export by search
 * body (the snapshot a rollback restores), an archive import, and the deletes of a rollback. Non-blocking (the shared
 * {@link WebClient}); every call is bounded by the configured timeout. A stage that cannot be reached, refuses the
 * credentials or answers otherwise than an API Gateway would fails the future with a {@link StageException} whose
 * message is the reason the promotion records.
 */
final class StageClient {
    private static final String ARCHIVE = "/rest/apigateway/archive";
    /** Where an asset of each archive type is deleted; other types (settings, PassmanData) are not deleted. */
    static final Map<String, String> DELETE_PATHS = Map.ofEntries(Map.entry("GatewayScope", "/scopes/"),
        Map.entry("API", "/apis/"), Map.entry("Application", "/applications/"), Map.entry("Strategy", "/strategies/"),
        Map.entry("AccessProfile", "/accessProfiles/"), Map.entry("Group", "/groups/"), Map.entry("User", "/users/"),
        Map.entry("Plan", "/plans/"), Map.entry("Package", "/packages/"), Map.entry("Policy", "/policies/"),
        Map.entry("PolicyAction", "/policyActions/"), Map.entry("Alias", "/alias/"));

    /** Why a call to a stage failed, in words for the promotion's {@code errorReason}. */
    static final class StageException extends RuntimeException {
        StageException(String message) {
            super(message, null, false, false);
        }
    }

    private final WebClient client;
    private final JsonObject stage;
    private final String base;
    private final long timeoutMs;

    StageClient(WebClient client, JsonObject stage, long timeoutMs) {
        this.client = client;
        this.stage = stage;
        String url = stage.getString("url", "").replaceAll("/+$", "");
        this.base = url.endsWith("/rest/apigateway") ? url.substring(0, url.length() - "/rest/apigateway".length()) : url;
        this.timeoutMs = timeoutMs;
    }

    /** The stage's archive of what the search body selects (200 with a zip). */
    Future<Buffer> export(JsonObject search, String passphrase) {
        return request(HttpMethod.POST, ARCHIVE).putHeader("x-HTTP-Method-Override", "GET")
            .putHeader("x-Archive-Passphrase", passphrase).putHeader("Content-Type", "application/json")
            .sendBuffer(search.toBuffer())
            .compose(resp -> resp.statusCode() == 200 ? Future.succeededFuture(resp.body()) : Future.failedFuture(refused(resp, "export")),
                this::unreachable);
    }

    /** Imports a zip on the stage (201 with the product's import log). */
    Future<JsonObject> importArchive(Buffer zip, String overwrite, String passphrase) {
        HttpRequest<Buffer> req = request(HttpMethod.POST, ARCHIVE).putHeader("Content-Type", "application/zip")
            .putHeader("Accept", "application/json").putHeader("x-Archive-Passphrase", passphrase);
        if (!overwrite.isEmpty()) req.addQueryParam("overwrite", overwrite);
        return req.sendBuffer(zip).compose(resp -> {
            if (resp.statusCode() != 201) return Future.failedFuture(refused(resp, "import"));
            try {
                return Future.succeededFuture(resp.bodyAsJsonObject());
            } catch (RuntimeException e) {
                return Future.failedFuture(new StageException(where() + " answered the import with a body that is not JSON"));
            }
        }, this::unreachable);
    }

    /** Deletes an asset of an archive type (an API even when active); one that is already gone is fine. */
    Future<Void> delete(String type, String id) {
        String path = DELETE_PATHS.get(type);
        if (path == null) return Future.succeededFuture();
        HttpRequest<Buffer> req = request(HttpMethod.DELETE, "/rest/apigateway" + path + encode(id));
        if (type.equals("API")) req.addQueryParam("forceDelete", "true");
        return req.send().compose(resp -> resp.statusCode() < 300 || resp.statusCode() == 404 ? Future.<Void>succeededFuture()
            : Future.<Void>failedFuture(refused(resp, "delete of " + type + " " + id)), this::unreachable);
    }

    private HttpRequest<Buffer> request(HttpMethod method, String path) {
        return client.requestAbs(method, base + path).timeout(timeoutMs)
            .basicAuthentication(stage.getString("username", ""), stage.getString("password", ""));
    }

    private StageException refused(HttpResponse<Buffer> resp, String what) {
        if (resp.statusCode() == 401 || resp.statusCode() == 403) {
            return new StageException(where() + " refused the stage's credentials (" + resp.statusCode() + ") on the " + what);
        }
        String text = resp.body() == null ? "" : resp.bodyAsString();
        return new StageException(where() + " answered " + resp.statusCode() + " to the " + what + " ("
            + (text.length() > 300 ? text.substring(0, 300) + "..." : text) + ")");
    }

    private <T> Future<T> unreachable(Throwable err) {
        if (err instanceof StageException) return Future.failedFuture(err);
        return Future.failedFuture(new StageException("cannot reach " + where() + ": " + err.getMessage()));
    }

    private String where() {
        return "stage " + stage.getString("name", stage.getString("id")) + " (" + base.replaceFirst("//[^/@]*@", "//") + ")";
    }

    private static String encode(String id) {
        return java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }
}
