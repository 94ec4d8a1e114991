package dev.apigw.emulator.admin;

import dev.apigw.emulator.archive.ArchiveWorkspace;
import dev.apigw.emulator.runtime.GatewayException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpServerRequest;
import java.nio.file.Path;

/**
 * A raw request body (an archive to import) streamed into a temporary file with back-pressure, never held in
 * memory, and bounded by {@code archive.maxZipBytes}: a larger upload is refused with a 400 as soon as it passes the
 * bound (or at once when its Content-Length says so). The request must arrive paused; it is resumed here.
 */
final class ArchiveUpload {
    private ArchiveUpload() {
    }

    static Future<Path> receive(Vertx vertx, HttpServerRequest req, ArchiveWorkspace workspace, long maxBytes) {
        String length = req.getHeader("Content-Length");
        if (length != null && length.matches("\\d{1,19}") && Long.parseLong(length) > maxBytes) {
            return Future.failedFuture(tooLarge(maxBytes));
        }
        return workspace.newFile(".zip").compose(file -> vertx.fileSystem()
            .open(file.toString(), new OpenOptions().setWrite(true).setTruncateExisting(true))
            .compose(out -> copy(req, out, maxBytes)).map(file)
            .onFailure(err -> workspace.delete(file)));
    }

    private static Future<Void> copy(HttpServerRequest req, AsyncFile out, long maxBytes) {
        Promise<Void> done = Promise.promise();
        long[] size = {0};
        req.handler(chunk -> {
            size[0] += chunk.length();
            if (size[0] > maxBytes) {
                req.handler(null);
                req.endHandler(null);
                out.close();
                done.tryFail(tooLarge(maxBytes));
                return;
            }
            out.write(chunk);
            if (out.writeQueueFull()) {
                req.pause();
                out.drainHandler(v -> req.resume());
            }
        });
        req.exceptionHandler(err -> out.close().onComplete(v -> done.tryFail(err)));
        req.endHandler(v -> out.close().onComplete(ar -> {
            if (ar.succeeded()) done.tryComplete();
            else done.tryFail(ar.cause());
        }));
        // curl sends large bodies with Expect: 100-continue and waits a second for the go-ahead otherwise
        if (req.version() != io.vertx.core.http.HttpVersion.HTTP_1_0
            && "100-continue".equalsIgnoreCase(req.getHeader("Expect"))) req.response().writeContinue();
        req.resume();
        return done.future();
    }

    private static GatewayException tooLarge(long maxBytes) {
        return GatewayException.admin(400, "ARCHIVE_TOO_LARGE", "Invalid archive: larger than the " + maxBytes
            + " bytes an import accepts (archive.maxZipBytes)");
    }
}
