package dev.apigw.emulator.migration;

import dev.apigw.emulator.archive.ArchiveImporter;
import dev.apigw.emulator.archive.ArchiveWorkspace;
import dev.apigw.emulator.archive.ImportLog;
import dev.apigw.emulator.archive.ImportOptions;
import dev.apigw.emulator.model.Applications;
import dev.apigw.emulator.store.AssetType;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.codec.BodyCodec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The old gateway itself as a source, over its admin API with its administrator's credentials: the design-time
 * assets travel as an archive export ({@code GET /rest/apigateway/archive}, all kinds, the applications' keys and
 * OAuth2 credentials sealed under a one-time passphrase sent with the request), webhooks through
 * {@code GET /webhooks}, metrics through {@code GET /metrics/published}. All are GETs, which a node quiesced for
 * design time still answers; a node quiesced for all answers them on its quiesce port. The export lands in a
 * temporary file and is imported from there (validated in full before the first write).
 */
final class GatewaySource implements MigrationSource {
    static final String CORE_EXPORT = "apis=*&policies=*&policyActions=*&applications=*&aliases=*&plans=*&packages=*"
        + "&users=*&groups=*&accessProfiles=*&gatewayScopes=*&strategies=*"
        + "&configurations=*&include-applications=true";

    private final Vertx vertx;
    private final WebClient client;
    private final MigrationRequest.Source source;
    private final String base;
    private final long timeoutMs;
    private final ArchiveWorkspace workspace;
    private final ArchiveImporter importer;
    private final CoreWriter writer;

    GatewaySource(Vertx vertx, WebClient client, MigrationRequest.Source source, long timeoutMs, ArchiveWorkspace workspace,
                  ArchiveImporter importer, CoreWriter writer) {
        this.vertx = vertx;
        this.client = client;
        this.source = source;
        String url = source.url().replaceAll("/+$", "");
        this.base = url.endsWith("/rest/apigateway") ? url.substring(0, url.length() - "/rest/apigateway".length()) : url;
        this.timeoutMs = timeoutMs;
        this.workspace = workspace;
        this.importer = importer;
        this.writer = writer;
    }

    @Override
    public Future<JsonObject> copyCore() {
        String passphrase = Applications.randomHex();
        return export(CORE_EXPORT, passphrase).compose(zip -> webhooks()
            .compose(hooks -> importer.importArchive(zip, ImportOptions.overwriteAll(passphrase))
                .compose(log -> writer.write(Map.of(AssetType.WEBHOOKS, hooks)).map(w -> counts(log, w))))
            .andThen(ar -> workspace.delete(zip)));
    }

    private static JsonObject counts(ImportLog log, JsonObject written) {
        JsonObject counts = new JsonObject();
        for (String[] t : new String[][] {{"API", "apis"}, {"Policy", "policies"}, {"PolicyAction", "policyActions"},
            {"Application", "applications"}, {"Alias", "aliases"}, {"Plan", "plans"}, {"Package", "packages"},
            {"AdministratorSetting", "settings"}, {"Strategy", "strategies"}, {"GatewayScope", "gatewayScopes"},
            {"User", "users"}, {"Group", "groups"}, {"AccessProfile", "accessProfiles"}}) {
            counts.put(t[1], log.count(t[0], ImportLog.SUCCESS));
        }
        return counts.put("webhooks", written.getInteger("webhooks", 0)).put("skipped", written.getInteger("skipped", 0));
    }

    @Override
    public Future<LogsEvents> logsEvents() {
        Map<String, List<JsonObject>> records = new LinkedHashMap<>();
        Future<Void> chain = Future.succeededFuture();
        for (String kind : LogsEvents.KINDS) {
            chain = chain.compose(v -> json("/rest/apigateway/metrics/published?kind=" + kind).map(body -> {
                List<JsonObject> list = new ArrayList<>();
                body.getJsonArray("published", new JsonArray()).forEach(r -> list.add((JsonObject) r));
                return records.put(kind, list);
            }).mapEmpty());
        }
        return chain.compose(v -> quotaCounters()).map(quota -> new LogsEvents(records, quota));
    }

    /** The quota counters document travels as a one-setting archive; a node that never flushed quotas has none (400). */
    private Future<JsonObject> quotaCounters() {
        return export("configurations=" + LogsEvents.QUOTA_COUNTERS, "").compose(zip -> importer
                .readSetting(zip, LogsEvents.QUOTA_COUNTERS).andThen(ar -> workspace.delete(zip)))
            .recover(err -> err instanceof NoSuchData ? Future.succeededFuture(null) : Future.failedFuture(err));
    }

    private Future<List<JsonObject>> webhooks() {
        return request("/rest/apigateway/webhooks").send().compose(resp -> {
            if (resp.statusCode() == 404) return Future.succeededFuture(List.<JsonObject>of()); // the product's "no webhooks"
            JsonObject body = checked(resp, "/rest/apigateway/webhooks");
            List<JsonObject> hooks = new ArrayList<>();
            body.getJsonArray("response", new JsonArray()).forEach(h -> hooks.add((JsonObject) h));
            return Future.succeededFuture(hooks);
        }, this::unreachable);
    }

    private Future<JsonObject> json(String path) {
        return request(path).send().compose(resp -> Future.succeededFuture(checked(resp, path)), this::unreachable);
    }

    /** Streams the export into a temporary file, which the caller deletes. */
    private Future<Path> export(String query, String passphrase) {
        String path = "/rest/apigateway/archive?" + query;
        return workspace.newFile(".zip").compose(file -> vertx.fileSystem().open(file.toString(),
                new OpenOptions().setWrite(true).setTruncateExisting(true))
            .compose(out -> request(path).putHeader("x-Archive-Passphrase", passphrase).as(BodyCodec.pipe(out)).send())
            .compose(resp -> resp.statusCode() == 200 ? Future.succeededFuture(file) : vertx.fileSystem().readFile(file.toString())
                .compose(body -> Future.<Path>failedFuture(refused(resp.statusCode(), path, body))), this::unreachable)
            .onFailure(err -> workspace.delete(file)));
    }

    private HttpRequest<Buffer> request(String path) {
        HttpRequest<Buffer> req = client.getAbs(base + path).timeout(timeoutMs);
        if (!source.username().isBlank()) req.basicAuthentication(source.username(), source.password());
        return req;
    }

    private JsonObject checked(HttpResponse<Buffer> resp, String path) {
        if (resp.statusCode() != 200) throw refused(resp.statusCode(), path, resp.body());
        try {
            return resp.bodyAsJsonObject();
        } catch (RuntimeException e) {
            throw new SourceException(where() + " answered GET " + path + " with a body that is not JSON: it is not an API Gateway emulator");
        }
    }

    private RuntimeException refused(int status, String path, Buffer body) {
        if (status == 400 && path.contains("configurations=" + LogsEvents.QUOTA_COUNTERS)) return new NoSuchData();
        if (status == 401 || status == 403) {
            return new SourceException(where() + " refused the credentials (" + status + "): sourceElasticsearch.username and "
                + "password must be the old gateway's administrator");
        }
        String text = body == null ? "" : body.toString();
        return new SourceException(where() + " answered " + status + " to GET " + path.replaceFirst("\\?.*", "") + " ("
            + (text.length() > 200 ? text.substring(0, 200) + "..." : text) + "): it is not an API Gateway emulator (reindex "
            + "reads the old gateway's URL, e.g. http://host:5555, or its Redis, e.g. redis://host:6379)");
    }

    private <T> Future<T> unreachable(Throwable err) {
        if (err instanceof SourceException || err instanceof NoSuchData) return Future.failedFuture(err);
        return Future.failedFuture(new SourceException("cannot reach the source gateway " + where() + ": " + err.getMessage()));
    }

    private String where() {
        return MigrationSource.redacted(base);
    }

    @Override
    public void close() {
        // the web client is the service's, shared by every action
    }

    /** The source has none of the asked-for data (not an error). */
    private static final class NoSuchData extends RuntimeException {
        NoSuchData() {
            super(null, null, false, false);
        }
    }
}
