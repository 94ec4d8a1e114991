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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replays a Postman v2.1 collection against a gateway, as newman would run it once from top to bottom: collection,
 * environment and script-set variables with {@code {{var}}} substitution, {@code :name} path variables, Basic auth
 * inherited from the collection or folder, raw, urlencoded, form-data and file bodies, and the variable-setting lines
 * of test scripts ({@link PostmanScripts}). Control flow ({@code setNextRequest}) is not followed: every request runs
 * once, in order. Each answer is classified ({@link ReplayReport.Outcome}).
 *
 * <pre>java -cp target/apigw-emulator.jar:target/test-classes dev.apigw.emulator.support.PostmanReplay \
 *     http://localhost:5555 collection.json [environment.json] [filesDir]</pre>
 */
public final class PostmanReplay {
    private static final Pattern VAR = Pattern.compile("\\{\\{([^}]+)}}");
    /** Headers the JDK client sets itself. */
    private static final Set<String> RESTRICTED = Set.of("host", "connection", "content-length", "expect", "upgrade");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, String> vars = new HashMap<>();
    private final Path files;

    /** @param files where file bodies ({@code src}) are looked up by file name; null = none */
    public PostmanReplay(Map<String, String> variables, Path files) {
        vars.putAll(variables);
        this.files = files;
    }

    /** The variables a gateway at {@code base} answers to in the vendor's collections and the pipelines' environments. */
    public static Map<String, String> defaults(String base) {
        return ReplayVariables.of(base);
    }

    public ReplayReport run(Path collectionFile, Path environment) throws IOException {
        JsonObject collection = new JsonObject(Files.readString(collectionFile));
        if (environment != null) {
            for (Object o : new JsonObject(Files.readString(environment)).getJsonArray("values", new JsonArray())) {
                JsonObject e = (JsonObject) o;
                if (e.getBoolean("enabled", true) && e.getValue("value") != null) vars.putIfAbsent(e.getString("key"), e.getValue("value").toString());
            }
        }
        return run(collection, collectionFile.getFileName().toString());
    }

    public ReplayReport run(JsonObject collection, String name) {
        for (Object o : collection.getJsonArray("variable", new JsonArray())) {
            JsonObject v = (JsonObject) o;
            if (v.getValue("value") != null) vars.putIfAbsent(v.getString("key"), v.getValue("value").toString());
        }
        ReplayReport report = new ReplayReport(name);
        walk(collection.getJsonArray("item", new JsonArray()), collection.getJsonObject("auth"), "", report);
        return report;
    }

    private void walk(JsonArray items, JsonObject auth, String folder, ReplayReport report) {
        for (Object o : items) {
            JsonObject item = (JsonObject) o;
            JsonObject inherited = item.getJsonObject("auth", auth);
            if (item.containsKey("item")) {
                walk(item.getJsonArray("item"), inherited, folder + item.getString("name", "") + "/", report);
            } else {
                report.add(send(item, inherited, folder + item.getString("name", "")));
            }
        }
    }

    private ReplayReport.Result send(JsonObject item, JsonObject auth, String name) {
        JsonObject request = item.getValue("request") instanceof JsonObject r ? r : new JsonObject().put("url", item.getValue("request"));
        String method = request.getString("method", "GET");
        String url = url(request.getValue("url"));
        List<String> unresolved = new ArrayList<>();
        url = substitute(url, unresolved);
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(encodeUnsafe(url))).timeout(Duration.ofSeconds(60));
            boolean typed = headers(request.getJsonArray("header", new JsonArray()), b, unresolved);
            authorize(request.getJsonObject("auth", auth), b);
            b.method(method, new ReplayBodies(files, t -> substitute(t, unresolved)).of(request.getJsonObject("body"), b, typed));
            HttpResponse<String> response = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            vars.putAll(PostmanScripts.sets(scriptLines(item, "test"), response.body()));
            return ReplayReport.Result.of(name, method, url, response.statusCode(), response.body(), unresolved);
        } catch (IOException | IllegalArgumentException e) {
            return ReplayReport.Result.unsendable(name, method, url, e.toString(), unresolved);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ReplayReport.Result.unsendable(name, method, url, "interrupted", unresolved);
        }
    }

    private String url(Object url) {
        if (url instanceof String s) return s;
        JsonObject u = (JsonObject) url;
        String raw = u.getString("raw", "");
        for (Object o : u.getJsonArray("variable", new JsonArray())) {
            JsonObject v = (JsonObject) o;
            if (v.getValue("value") != null) raw = raw.replace(":" + v.getString("key"), v.getValue("value").toString());
        }
        return raw;
    }

    private boolean headers(JsonArray headers, HttpRequest.Builder b, List<String> unresolved) {
        boolean typed = false;
        for (Object o : headers) {
            JsonObject h = (JsonObject) o;
            if (h.getBoolean("disabled", false) || RESTRICTED.contains(h.getString("key", "").toLowerCase())) continue;
            b.header(h.getString("key"), substitute(h.getString("value", ""), unresolved).trim());
            typed |= h.getString("key").equalsIgnoreCase("Content-Type");
        }
        return typed;
    }

    private void authorize(JsonObject auth, HttpRequest.Builder b) {
        if (auth == null || !"basic".equals(auth.getString("type"))) return;
        Object basic = auth.getValue("basic");
        Map<String, String> kv = new HashMap<>();
        if (basic instanceof JsonArray arr) {
            for (Object o : arr) kv.put(((JsonObject) o).getString("key"), String.valueOf(((JsonObject) o).getValue("value")));
        } else if (basic instanceof JsonObject obj) {
            obj.forEach(e -> kv.put(e.getKey(), String.valueOf(e.getValue())));
        }
        String pair = substitute(kv.getOrDefault("username", ""), new ArrayList<>()) + ":"
            + substitute(kv.getOrDefault("password", ""), new ArrayList<>());
        b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<String> scriptLines(JsonObject item, String listen) {
        List<String> lines = new ArrayList<>();
        for (Object o : item.getJsonArray("event", new JsonArray())) {
            JsonObject e = (JsonObject) o;
            if (!listen.equals(e.getString("listen"))) continue;
            Object exec = e.getJsonObject("script", new JsonObject()).getValue("exec");
            if (exec instanceof JsonArray arr) arr.forEach(l -> lines.addAll(List.of(String.valueOf(l).split("\n"))));
            else if (exec instanceof String s) lines.addAll(List.of(s.split("\n")));
        }
        return lines;
    }

    String substitute(String text, List<String> unresolved) {
        if (text == null) return "";
        Matcher m = VAR.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = vars.get(m.group(1).trim());
            if (value == null) unresolved.add(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Characters Postman sends as they are but java.net.URI refuses (spaces, braces, quotes). */
    private static String encodeUnsafe(String url) {
        StringBuilder out = new StringBuilder();
        for (char c : url.toCharArray()) {
            if (c == ' ') out.append("%20");
            else if ("{}\"<>|\\^`".indexOf(c) >= 0) out.append('%').append(String.format("%02X", (int) c));
            else out.append(c);
        }
        return out.toString();
    }

    /** {@code <gatewayUrl> <collection.json> [environment.json] [filesDir]}: prints the report; exit 1 on failures. */
    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: PostmanReplay <gatewayUrl> <collection.json> [environment.json|-] [filesDir]");
            System.exit(2);
        }
        Path env = args.length > 2 && !args[2].equals("-") ? Path.of(args[2]) : null;
        Path dir = args.length > 3 ? Path.of(args[3]) : null;
        ReplayReport report = new PostmanReplay(defaults(args[0]), dir).run(Path.of(args[1]), env);
        System.out.println(report.render(true));
        System.exit(report.failures().isEmpty() ? 0 : 1);
    }
}
