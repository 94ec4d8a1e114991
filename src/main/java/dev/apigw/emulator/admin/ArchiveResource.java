package dev.apigw.emulator.admin;

import dev.apigw.emulator.archive.ArchiveExporter;
import dev.apigw.emulator.archive.ArchiveImporter;
import dev.apigw.emulator.archive.ArchiveWorkspace;
import dev.apigw.emulator.archive.ExportSelection;
import dev.apigw.emulator.archive.ImportOptions;
import dev.apigw.emulator.runtime.GatewayException;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code /rest/apigateway/archive}. Export: {@code GET} with selector parameters, or {@code POST} with
 * {@code x-HTTP-Method-Override: GET} and a search body; 200 with the zip, sent from a temporary file. Import:
 * {@code POST} with the zip as the raw body (streamed to a temporary file, never buffered: {@link #streamsBody}) or
 * as the multipart field {@code zipFile}; 201 with the import log. A zip body is an import even when the request
 * also says {@code x-HTTP-Method-Override: GET}, as the vendor's Postman collection sends it. The optional header
 * {@code x-Archive-Passphrase} overrides {@code archive.passphrase} for one export or import.
 */
final class ArchiveResource {
    static final String PATH = AdminApi.BASE + "/archive";
    static final String PASSPHRASE = "x-Archive-Passphrase";
    private static final String OVERRIDE = "x-HTTP-Method-Override";

    private final ArchiveExporter exporter;
    private final ArchiveImporter importer;
    private final ArchiveWorkspace workspace;
    private final long maxZipBytes;

    ArchiveResource(ArchiveExporter exporter, ArchiveImporter importer, ArchiveWorkspace workspace, long maxZipBytes) {
        this.exporter = exporter;
        this.importer = importer;
        this.workspace = workspace;
        this.maxZipBytes = maxZipBytes;
    }

    void mount(Router router) {
        mountExport(router);
        router.post(PATH).handler(this::post);
    }

    /** The read side alone (GET), for the quiesce port of a node quiesced for all. */
    void mountExport(Router router) {
        router.get(PATH).handler(this::exportByQuery);
    }

    /** A POST to the archive whose body is a zip to stream to disk: not multipart, and not an export by search body. */
    static boolean streamsBody(RoutingContext ctx) {
        HttpServerRequest req = ctx.request();
        if (req.method() != HttpMethod.POST || !isArchive(ctx) || contentType(req).startsWith("multipart/")) return false;
        return !"GET".equalsIgnoreCase(req.getHeader(OVERRIDE)) || zipType(contentType(req));
    }

    /** Any other POST to the archive (multipart, or a body with the method override): read with the archive limit. */
    static boolean isUpload(RoutingContext ctx) {
        return ctx.request().method() == HttpMethod.POST && isArchive(ctx);
    }

    /** An export by search body: a read, which design-time quiesce lets through like any GET. */
    static boolean isExport(RoutingContext ctx) {
        HttpServerRequest req = ctx.request();
        return req.method() == HttpMethod.POST && isArchive(ctx) && "GET".equalsIgnoreCase(req.getHeader(OVERRIDE))
            && !streamsBody(ctx) && !contentType(req).startsWith("multipart/");
    }

    private static boolean isArchive(RoutingContext ctx) {
        String p = ctx.normalizedPath();
        return p.equals(PATH) || p.equals(PATH + "/");
    }

    private static String contentType(HttpServerRequest req) {
        String ct = req.getHeader("Content-Type");
        return ct == null ? "" : ct.toLowerCase(Locale.ROOT).trim();
    }

    private static boolean zipType(String contentType) {
        return contentType.startsWith("application/zip") || contentType.startsWith("application/x-zip")
            || contentType.startsWith("application/octet-stream");
    }

    private void exportByQuery(RoutingContext ctx) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        ctx.queryParams().names().forEach(n -> params.put(n, ctx.queryParams().getAll(n)));
        send(ctx, exporter.export(ExportSelection.fromQuery(params), ctx.request().getHeader(PASSPHRASE)));
    }

    private void post(RoutingContext ctx) {
        if (streamsBody(ctx)) {
            ArchiveUpload.receive(ctx.vertx(), ctx.request(), workspace, maxZipBytes)
                .onSuccess(file -> importFile(ctx, file, true)).onFailure(ctx::fail);
        } else if (contentType(ctx.request()).startsWith("multipart/")) {
            List<FileUpload> files = ctx.fileUploads();
            FileUpload zip = files.stream().filter(f -> f.name().equals("zipFile")).findFirst()
                .orElse(files.isEmpty() ? null : files.get(0));
            if (zip == null) throw GatewayException.admin(400, "INVALID_ARCHIVE", "Invalid archive: the multipart request has no zipFile");
            importFile(ctx, Path.of(zip.uploadedFileName()), false); // the body handler deletes its uploads
        } else {
            exportBySearch(ctx);
        }
    }

    /** The override's body is a search; a zip sent with the override (Postman "file" bodies) is still an import. */
    private void exportBySearch(RoutingContext ctx) {
        Buffer body = ctx.body() == null ? null : ctx.body().buffer();
        if (body != null && body.length() >= 4 && body.getByte(0) == 'P' && body.getByte(1) == 'K') {
            workspace.newFile(".zip").compose(file -> ctx.vertx().fileSystem().writeFile(file.toString(), body).map(file))
                .onSuccess(file -> importFile(ctx, file, true)).onFailure(ctx::fail);
            return;
        }
        JsonObject search = body == null || body.toString().isBlank() ? new JsonObject() : Bodies.json(ctx);
        send(ctx, exporter.export(ExportSelection.fromSearch(search), ctx.request().getHeader(PASSPHRASE)));
    }

    private void importFile(RoutingContext ctx, Path file, boolean ours) {
        ImportOptions options = ImportOptions.parse(ctx.queryParam("overwrite"), ctx.queryParams().get("preserveAssetState"),
            ctx.request().getHeader(PASSPHRASE));
        importer.importArchive(file, options).onComplete(ar -> {
            if (ours) workspace.delete(file);
            if (ar.succeeded()) Bodies.ok(ctx, 201, ar.result().toJson());
            else ctx.fail(ar.cause());
        });
    }

    private void send(RoutingContext ctx, Future<Path> export) {
        export.onSuccess(file -> ctx.response().setStatusCode(200).putHeader("Content-Type", "application/zip")
                .putHeader("Content-Disposition", "attachment; filename=\"export.zip\"")
                .sendFile(file.toString()).onComplete(v -> workspace.delete(file)))
            .onFailure(ctx::fail);
    }
}
