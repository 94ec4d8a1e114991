package dev.apigw.emulator.support;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replays a list of HTTP requests against running nodes, as Postman or newman would send them: our own fixture
 * format ({@code fixtures/replay/*.json}: {@code requests[]} of name, method, url, body, headers, auth, plus
 * {@code capture} of response fields into variables and {@code repeatWhile} for polling), or a real Postman v2.1
 * collection file (folders flattened in file order, collection Basic auth inherited, {@code noauth} honoured, raw
 * JSON bodies sent with {@code Content-Type: application/json}, form-data file parts read from disk if they exist).
 * {@code {{var}}} placeholders are filled from the variables; the caller may rewrite each URL (e.g. to point the
 * collection's {@code http://localhost:5555} at a test node). Runs on the JUnit thread (blocking client).
 */
public final class Replay {
    /** One request to send. */
    public record Step(String folder, String name, String method, String url, String body, boolean json,
                       Map<String, String> headers, String[] basic, List<String[]> files, JsonObject capture,
                       JsonObject repeatWhile, List<Integer> expect) {
        /** The statuses a fixture says this request answers, or empty: any but 404, 405 and 5xx. */
        public boolean answeredWell(int status) {
            return expect.isEmpty() ? status > 0 && status != 404 && status != 405 && status < 500 : expect.contains(status);
        }
    }

    /** What one request got. */
    public record Result(Step step, String url, int status, String body) {
    }

    private static final Pattern VARIABLE = Pattern.compile("\\{\\{([^}]+)}}");
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, String> vars;

    public Replay(Map<String, String> vars) {
        this.vars = new LinkedHashMap<>(vars);
    }

    /** Our fixture format, from {@code fixtures/<path>}. */
    public static List<Step> fixture(String path) {
        JsonObject f = Fixtures.json(path, Map.of());
        List<Step> steps = new ArrayList<>();
        for (Object o : f.getJsonArray("requests")) {
            JsonObject r = (JsonObject) o;
            Map<String, String> headers = new LinkedHashMap<>();
            r.getJsonObject("headers", new JsonObject()).forEach(h -> headers.put(h.getKey(), String.valueOf(h.getValue())));
            String[] basic = "none".equals(r.getString("auth")) ? null : new String[] {"Administrator", "manage"};
            Object body = r.getValue("body");
            steps.add(new Step(r.getString("folder", ""), r.getString("name"), r.getString("method"), r.getString("url"),
                body == null ? null : body instanceof JsonObject j ? j.encode() : body.toString(), body != null, headers, basic,
                List.of(), r.getJsonObject("capture"), r.getJsonObject("repeatWhile"),
                r.getJsonArray("expect", new JsonArray()).stream().map(x -> ((Number) x).intValue()).toList()));
        }
        return steps;
    }

    /** A Postman v2.x collection file: every request, folders flattened in file order. */
    public static List<Step> postman(Path collection) throws IOException {
        JsonObject c = new JsonObject(Files.readString(collection, StandardCharsets.UTF_8));
        List<Step> steps = new ArrayList<>();
        walk(c.getJsonArray("item"), "", basic(c.getJsonObject("auth")), collection.getParent(), steps);
        return steps;
    }

    private static void walk(JsonArray items, String folder, String[] auth, Path dir, List<Step> out) {
        for (Object o : items) {
            JsonObject item = (JsonObject) o;
            String[] inherited = item.containsKey("auth") ? basic(item.getJsonObject("auth")) : auth;
            if (item.containsKey("item")) {
                walk(item.getJsonArray("item"), item.getString("name"), inherited, dir, out);
                continue;
            }
            out.add(PostmanRequest.step(folder, item.getString("name"), item.getJsonObject("request"), inherited, dir));
        }
    }

    /** {@code [user, password]} of a Basic auth block; null for noauth. */
    static String[] basic(JsonObject auth) {
        if (auth == null || !"basic".equals(auth.getString("type"))) return null;
        Object basic = auth.getValue("basic");
        Map<String, String> kv = new LinkedHashMap<>();
        if (basic instanceof JsonArray arr) {
            for (Object o : arr) kv.put(((JsonObject) o).getString("key"), String.valueOf(((JsonObject) o).getValue("value")));
        } else if (basic instanceof JsonObject obj) {
            obj.forEach(e -> kv.put(e.getKey(), String.valueOf(e.getValue())));
        }
        return new String[] {kv.getOrDefault("username", ""), kv.getOrDefault("password", "")};
    }

    /** Sends every step in order; {@code rewrite} may change each filled-in URL. Transport errors become status -1. */
    public List<Result> run(List<Step> steps, Function<Step, Function<String, String>> rewrite) {
        List<Result> results = new ArrayList<>();
        for (Step s : steps) results.add(send(s, rewrite.apply(s)));
        return results;
    }

    private Result send(Step s, Function<String, String> rewrite) {
        String url = encode(rewrite.apply(fill(s.url())));
        long deadline = System.nanoTime() + 30_000_000_000L;
        Result r;
        do {
            r = once(s, url);
        } while (repeat(s, r) && System.nanoTime() < deadline && pause());
        if (s.capture() != null && r.status() / 100 == 2) {
            JsonObject body = new JsonObject(r.body());
            for (Map.Entry<String, Object> c : s.capture()) vars.put(c.getKey(), String.valueOf(body.getValue(c.getValue().toString())));
        }
        return r;
    }

    private Result once(Step s, String url) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
            s.headers().forEach((k, v) -> {
                if (k.equalsIgnoreCase("Content-Type") && !s.files().isEmpty()) return;
                try {
                    b.header(k, fill(v));
                } catch (IllegalArgumentException restricted) {
                    // Host, Connection, Content-Length: set by the client itself, as by newman
                }
            });
            if (s.basic() != null) {
                b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((s.basic()[0] + ":" + s.basic()[1])
                    .getBytes(StandardCharsets.UTF_8)));
            }
            HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();
            if (!s.files().isEmpty() || s.body() == null && s.headers().keySet().stream().anyMatch(h -> h.equalsIgnoreCase("Content-Type"))
                && s.headers().values().stream().anyMatch(v -> v.startsWith("multipart/"))) {
                body = Multipart.of(fileParts(s.files()), b, v -> v, Replay::readOrNull);
            } else if (s.body() != null) {
                if (s.json() && s.headers().keySet().stream().noneMatch(h -> h.equalsIgnoreCase("Content-Type"))) {
                    b.header("Content-Type", "application/json");
                }
                body = HttpRequest.BodyPublishers.ofString(fill(s.body()));
            }
            HttpResponse<String> resp = client.send(b.method(s.method(), body).build(), HttpResponse.BodyHandlers.ofString());
            return new Result(s, url, resp.statusCode(), resp.body());
        } catch (IOException | RuntimeException e) {
            return new Result(s, url, -1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(s, url, -1, e.toString());
        }
    }

    /** {@code repeatWhile}: {@code {"status": 200}} or {@code {"field": "status", "equals": "in progress"}}. */
    private static boolean repeat(Step s, Result r) {
        JsonObject w = s.repeatWhile();
        if (w == null) return false;
        if (w.containsKey("status")) return r.status() == w.getInteger("status");
        try {
            return r.status() == 200 && w.getString("equals").equals(new JsonObject(r.body()).getString(w.getString("field")));
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static boolean pause() {
        try {
            Thread.sleep(100); // polling interval of a status request, as a pipeline polls
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private String fill(String text) {
        Matcher m = VARIABLE.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) m.appendReplacement(sb, Matcher.quoteReplacement(vars.getOrDefault(m.group(1), m.group(0))));
        return m.appendTail(sb).toString();
    }

    /** Percent-encodes what a browser or Postman would before sending (e.g. {@code <string>} placeholders). */
    static String encode(String url) {
        StringBuilder sb = new StringBuilder();
        for (char c : url.toCharArray()) {
            if (" <>\"{}|\\^`".indexOf(c) >= 0) sb.append('%').append(String.format("%02X", (int) c));
            else sb.append(c);
        }
        return sb.toString();
    }

    /** The files of a request as Postman formdata entries ({@code name, path}). */
    private static io.vertx.core.json.JsonArray fileParts(java.util.List<String[]> files) {
        io.vertx.core.json.JsonArray parts = new io.vertx.core.json.JsonArray();
        for (String[] f : files) parts.add(new io.vertx.core.json.JsonObject().put("key", f[0]).put("type", "file").put("src", f[1]));
        return parts;
    }

    /** A file's bytes, or null when it cannot be read: newman then leaves the part out and sends the rest. */
    private static byte[] readOrNull(String path) {
        try {
            java.nio.file.Path p = java.nio.file.Path.of(path);
            return java.nio.file.Files.isReadable(p) ? java.nio.file.Files.readAllBytes(p) : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }
}
