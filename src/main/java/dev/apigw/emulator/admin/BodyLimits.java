package dev.apigw.emulator.admin;

import dev.apigw.emulator.config.LimitsConfig;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.file.Path;

/**
 * The body handlers of the admin routes, each with its route's limit (a larger body is a 413 as soon as its
 * Content-Length says so, or once that many bytes arrived): API definitions (inline, or a multipart file written under
 * the upload directory and deleted when the request ends) get {@code limits.definitionBodyLimitBytes}; archives
 * {@code archive.maxZipBytes} (a raw zip is streamed to disk by its resource, which bounds it itself:
 * {@link ArchiveResource#streamsBody}); every other admin body {@code limits.bodyLimitBytes}, with no file uploads.
 * Mounted after authentication, so an unauthenticated client never makes the node read a byte of its body.
 */
final class BodyLimits {
    private final LimitsConfig limits;
    private final long archiveBytes;
    private final Path uploads;

    BodyLimits(LimitsConfig limits, long archiveBytes, Path uploads) {
        this.limits = limits;
        this.archiveBytes = archiveBytes;
        this.uploads = uploads;
    }

    void mount(Router router) {
        BodyHandler definitions = uploading(limits.definitionBodyLimitBytes());
        router.post(AdminApi.BASE + "/apis").handler(definitions);
        router.put(AdminApi.BASE + "/apis/:apiId").handler(definitions);
        BodyHandler archives = archives();
        BodyHandler json = BodyHandler.create(false).setBodyLimit(limits.bodyLimitBytes());
        router.route("/rest/*").handler(ctx -> {
            if (ArchiveResource.streamsBody(ctx)) streamed(ctx);
            else if (ArchiveResource.isUpload(ctx)) archives.handle(ctx);
            else json.handle(ctx); // passes a body an earlier handler (definitions) has read
        });
        router.routeWithRegex("/restv2/.*").handler(json);
        router.route(QuiescePortResource.INVOKE + "/*").handler(json);
        router.route(AdminApi.EMULATOR + "/*").handler(json);
    }

    /**
     * The body handler for archive uploads that are not streamed (multipart {@code zipFile}, a zip sent with the
     * method override): {@code archive.maxZipBytes}, files under the upload directory, deleted when the request ends.
     */
    BodyHandler archives() {
        return uploading(archiveBytes);
    }

    private BodyHandler uploading(long limit) {
        return BodyHandler.create(uploads.toString()).setBodyLimit(limit).setDeleteUploadedFilesOnEnd(true);
    }

    /**
     * A raw archive upload skips the body handler: its resource streams it to disk. Until then it stays paused; if an
     * error answers first (503, a refused size), {@link AdminErrors} drains or closes; any other answer given before
     * the body was read does the same here.
     */
    private static void streamed(RoutingContext ctx) {
        ctx.request().pause();
        ctx.addEndHandler(ar -> {
            if (ctx.failed() || ctx.request().isEnded()) return;
            if (LingeringClose.drains(ctx.request())) LingeringClose.after(ctx);
            else ctx.request().connection().close();
        });
        ctx.next();
    }
}
