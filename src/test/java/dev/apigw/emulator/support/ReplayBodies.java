package dev.apigw.emulator.support;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** Request bodies of a Postman request: raw, urlencoded, form-data and file, with variables substituted. */
final class ReplayBodies {
    private final Path files;
    private final UnaryOperator<String> vars;

    /** @param files where file bodies are looked up by name (null: none); @param vars {@code {{var}}} substitution */
    ReplayBodies(Path files, UnaryOperator<String> vars) {
        this.files = files;
        this.vars = vars;
    }

    HttpRequest.BodyPublisher of(JsonObject body, HttpRequest.Builder b, boolean typed) {
        if (body == null || body.getBoolean("disabled", false)) return HttpRequest.BodyPublishers.noBody();
        switch (body.getString("mode", "")) {
            case "raw" -> {
                String language = body.getJsonObject("options", new JsonObject()).getJsonObject("raw", new JsonObject())
                    .getString("language", "text");
                if (!typed) b.header("Content-Type", language.equals("json") ? "application/json" : "text/plain");
                return HttpRequest.BodyPublishers.ofString(vars.apply(body.getString("raw", "")));
            }
            case "urlencoded" -> {
                if (!typed) b.header("Content-Type", "application/x-www-form-urlencoded");
                List<String> pairs = new ArrayList<>();
                for (Object o : body.getJsonArray("urlencoded", new JsonArray())) {
                    JsonObject p = (JsonObject) o;
                    if (p.getBoolean("disabled", false)) continue;
                    pairs.add(enc(vars.apply(p.getString("key"))) + "=" + enc(vars.apply(p.getString("value", ""))));
                }
                return HttpRequest.BodyPublishers.ofString(String.join("&", pairs));
            }
            case "formdata" -> {
                return Multipart.of(body.getJsonArray("formdata", new JsonArray()), b, vars, this::file);
            }
            case "file" -> {
                byte[] bytes = file(vars.apply(String.valueOf(body.getJsonObject("file", new JsonObject()).getValue("src", ""))));
                return bytes == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(bytes);
            }
            default -> {
                return HttpRequest.BodyPublishers.noBody();
            }
        }
    }

    /** A file body by its name under the files directory; null when there is none. */
    byte[] file(String src) {
        if (files == null || src == null || src.isBlank()) return null;
        Path p = files.resolve(Path.of(src.replace('\\', '/')).getFileName().toString());
        try {
            return Files.isRegularFile(p) ? Files.readAllBytes(p) : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
