package dev.apigw.emulator.support;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/** A multipart/form-data body from Postman's {@code formdata} entries (text fields and files). */
final class Multipart {
    private Multipart() {
    }

    static HttpRequest.BodyPublisher of(JsonArray entries, HttpRequest.Builder b, UnaryOperator<String> vars,
                                        Function<String, byte[]> files) {
        String boundary = "----replay" + UUID.randomUUID().toString().replace("-", "");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object o : entries) {
            JsonObject e = (JsonObject) o;
            if (e.getBoolean("disabled", false)) continue;
            String name = vars.apply(e.getString("key", ""));
            byte[] content;
            String disposition = "form-data; name=\"" + name + "\"";
            if ("file".equals(e.getString("type"))) {
                Object src = e.getValue("src");
                String file = src instanceof JsonArray a && !a.isEmpty() ? a.getString(0) : src == null ? "" : src.toString();
                content = files.apply(vars.apply(file));
                if (content == null) continue; // the file is not here: Postman would send the part empty; skip it
                disposition += "; filename=\"" + file.replaceAll(".*[/\\\\]", "") + "\"";
            } else {
                content = vars.apply(String.valueOf(e.getValue("value", ""))).getBytes(StandardCharsets.UTF_8);
            }
            write(out, "--" + boundary + "\r\nContent-Disposition: " + disposition + "\r\n\r\n");
            out.writeBytes(content);
            write(out, "\r\n");
        }
        write(out, "--" + boundary + "--\r\n");
        b.setHeader("Content-Type", "multipart/form-data; boundary=" + boundary);
        return HttpRequest.BodyPublishers.ofByteArray(out.toByteArray());
    }

    private static void write(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }
}
