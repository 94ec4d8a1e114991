package dev.apigw.emulator.support;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * JSON documents under {@code src/test/resources/fixtures/}, with {@code ${name}} placeholders replaced (for example
 * {@code ${echo}}, the echo backend's base URL). Fixtures are the assets tests deploy, written as the product's
 * admin API takes them.
 */
public final class Fixtures {
    private Fixtures() {
    }

    public static JsonObject json(String path, Map<String, String> vars) {
        return new JsonObject(text(path, vars));
    }

    public static String text(String path, Map<String, String> vars) {
        String text = raw(path);
        for (var v : vars.entrySet()) text = text.replace("${" + v.getKey() + "}", v.getValue());
        return text;
    }

    private static String raw(String path) {
        try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream("fixtures/" + path)) {
            if (in == null) throw new IllegalArgumentException("no fixture fixtures/" + path + " on the test classpath");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
