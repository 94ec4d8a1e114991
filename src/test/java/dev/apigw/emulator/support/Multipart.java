package dev.apigw.emulator.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/**
 * A multipart/form-data body of file parts, as newman sends it: a file that cannot be read is left out (newman warns
 * and sends the rest), so a collection whose file is missing sends an empty form.
 */
final class Multipart {
    private Multipart() {
    }

    /** Sets the Content-Type with its boundary on {@code builder} and returns the body. */
    static HttpRequest.BodyPublisher publisher(HttpRequest.Builder builder, List<String[]> files) {
        String boundary = "----replay" + UUID.randomUUID().toString().replace("-", "");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            for (String[] f : files) {
                Path p = Path.of(f[1]);
                if (!Files.isReadable(p)) continue;
                out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f[0] + "\"; filename=\""
                    + p.getFileName() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                out.write(Files.readAllBytes(p));
                out.write("\r\n".getBytes(StandardCharsets.UTF_8));
            }
            out.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        builder.header("Content-Type", "multipart/form-data; boundary=" + boundary);
        return HttpRequest.BodyPublishers.ofByteArray(out.toByteArray());
    }
}
