package dev.apigw.emulator.runtime;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The resources (path templates such as {@code /pet/{petId}}) and methods an API definition declares, compiled
 * once. A request path matches a template with as many segments whose literal segments are equal; templates with
 * more literal segments win, so {@code /pet/findByStatus} beats {@code /pet/{petId}}.
 */
public final class ResourceMatcher {
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    /** What matching one request found. {@code resource == null}: no template; else the allowed methods. */
    public record Match(String resource, Set<String> methods) {
        public boolean allows(String method) {
            return methods.contains(method) || (method.equals("HEAD") && methods.contains("GET"));
        }
    }

    private record Template(String path, String[] segments, int literals, Set<String> methods, Match match) {
    }

    private static final Match NONE = new Match(null, Set.of());
    private final List<Template> templates;
    /** Templates without parameters, by normalised path: most requests are answered by one hash lookup. */
    private final Map<String, Match> literal = new HashMap<>();

    private ResourceMatcher(List<Template> templates) {
        this.templates = templates;
        for (int i = templates.size() - 1; i >= 0; i--) {
            Template t = templates.get(i);
            if (t.literals == t.segments.length) literal.put(normalise(t.path), t.match);
        }
    }

    /** From an OpenAPI or Swagger {@code paths} object. */
    public static ResourceMatcher fromPaths(JsonObject paths) {
        List<Template> list = new ArrayList<>();
        if (paths != null) {
            for (String path : paths.fieldNames()) {
                Object item = paths.getValue(path);
                if (!(item instanceof JsonObject ops)) continue;
                Set<String> methods = new TreeSet<>();
                for (String m : ops.fieldNames()) {
                    if (METHODS.contains(m.toLowerCase(Locale.ROOT))) methods.add(m.toUpperCase(Locale.ROOT));
                }
                String[] segs = split(path);
                int literals = 0;
                for (String s : segs) if (!isParam(s)) literals++;
                Set<String> allowed = java.util.Collections.unmodifiableSet(methods); // sorted, for Allow
                list.add(new Template(path, segs, literals, allowed, new Match(path, allowed)));
            }
        }
        list.sort(Comparator.comparingInt(Template::literals).reversed());
        return new ResourceMatcher(List.copyOf(list));
    }

    public Match match(String resourcePath) {
        Match exact = literal.get(normalise(resourcePath));
        if (exact != null) return exact;
        String[] segs = split(resourcePath);
        for (Template t : templates) {
            if (t.segments.length == segs.length && matches(t.segments, segs)) return t.match;
        }
        return NONE;
    }

    /** "/a/b/" and "a/b" → "/a/b"; "" → "/". Allocates only when the path needs changing. */
    private static String normalise(String path) {
        String p = path.startsWith("/") ? path : "/" + path;
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    private static boolean matches(String[] template, String[] actual) {
        for (int i = 0; i < template.length; i++) {
            if (isParam(template[i])) {
                if (actual[i].isEmpty()) return false;
            } else if (!template[i].equals(actual[i])) {
                return false;
            }
        }
        return true;
    }

    private static boolean isParam(String segment) {
        return segment.startsWith("{") && segment.endsWith("}");
    }

    private static String[] split(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        if (p.endsWith("/")) p = p.substring(0, p.length() - 1);
        return p.isEmpty() ? new String[0] : p.split("/", -1);
    }

    public List<String> resources() {
        return templates.stream().map(Template::path).toList();
    }
}
