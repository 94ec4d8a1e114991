package dev.apigw.emulator.admin;

import dev.apigw.emulator.config.LimitsConfig;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.file.Path;

/**
 * The body handlers of the admin routes, each with its route's limit (a larger body is a 413 as soon as its
 * Content-Length says so, or once that many bytes arrived): API definitions (inline, or a multipart file written under
 * the upload directory and deleted when the request ends) get {@code limits.definitionBodyLimitBytes}; archives
 * {@link #archives()} ({@code limits.archiveBodyLimitBytes}); every other admin body {@code limits.bodyLimitBytes},
 * with no file uploads. Mounted after authentication.
 */
final class BodyLimits {
    private final LimitsConfig limits;
    private final Path uploads;

    BodyLimits(LimitsConfig limits, Path uploads) {
        this.limits = limits;
        this.uploads = uploads;
    }

    void mount(Router router) {
        BodyHandler definitions = uploading(limits.definitionBodyLimitBytes());
        router.post(AdminApi.BASE + "/apis").handler(definitions);
        router.put(AdminApi.BASE + "/apis/:apiId").handler(definitions);
        BodyHandler json = BodyHandler.create(false).setBodyLimit(limits.bodyLimitBytes());
        router.route("/rest/*").handler(json);
        router.route(QuiescePortResource.INVOKE + "/*").handler(json);
    }

    /**
     * The body handler for archive uploads (zip files, multipart or raw): {@code limits.archiveBodyLimitBytes}, files
     * under the upload directory, deleted when the request ends. Mount it on the archive routes before
     * {@link #mount}'s catch-all.
     */
    BodyHandler archives() {
        return uploading(limits.archiveBodyLimitBytes());
    }

    private BodyHandler uploading(long limit) {
        return BodyHandler.create(uploads.toString()).setBodyLimit(limit).setDeleteUploadedFilesOnEnd(true);
    }
}
