package dev.apigw.emulator.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ResourceMatcherTest {
    private static final JsonObject OP = new JsonObject().put("responses", new JsonObject());

    private static ResourceMatcher matcher(Object... pathsAndMethods) {
        JsonObject paths = new JsonObject();
        for (int i = 0; i < pathsAndMethods.length; i += 2) {
            JsonObject ops = new JsonObject();
            for (String m : (String[]) pathsAndMethods[i + 1]) ops.put(m, OP);
            paths.put((String) pathsAndMethods[i], ops);
        }
        return ResourceMatcher.fromPaths(paths);
    }

    private static String[] m(String... methods) {
        return methods;
    }

    @Test
    void literal_segment_beats_a_path_parameter_whatever_the_order() {
        ResourceMatcher r = matcher("/pet/{petId}", m("get", "delete"), "/pet/findByStatus", m("get"));
        assertEquals("/pet/findByStatus", r.match("/pet/findByStatus").resource());
        assertEquals("/pet/{petId}", r.match("/pet/42").resource());
        assertEquals(Set.of("GET", "DELETE"), r.match("/pet/42").methods());
    }

    @Test
    void a_trailing_slash_matches_the_same_resource() {
        ResourceMatcher r = matcher("/pet", m("post"));
        assertEquals("/pet", r.match("/pet/").resource());
        assertEquals("/pet", r.match("/pet").resource());
    }

    @Test
    void root_resource_matches_slash_only() {
        ResourceMatcher r = matcher("/", m("get"), "/a", m("get"));
        assertEquals("/", r.match("/").resource());
        assertEquals("/a", r.match("/a").resource());
        assertNull(matcher("/a", m("get")).match("/").resource());
    }

    @Test
    void segment_count_must_be_equal_and_a_parameter_must_not_be_empty() {
        ResourceMatcher r = matcher("/pet/{petId}", m("get"));
        assertNull(r.match("/pet").resource());
        assertNull(r.match("/pet/1/photos").resource());
        assertNull(r.match("/pet//").resource());
        assertNull(r.match("/store/1").resource());
    }

    @Test
    void head_is_allowed_where_get_is_and_non_methods_are_ignored() {
        ResourceMatcher r = ResourceMatcher.fromPaths(new JsonObject().put("/a",
            new JsonObject().put("get", OP).put("parameters", new JsonObject()).put("summary", "x")));
        ResourceMatcher.Match match = r.match("/a");
        assertEquals(Set.of("GET"), match.methods());
        assertTrue(match.allows("HEAD"));
        assertFalse(match.allows("POST"));
    }

    @Test
    void no_paths_means_nothing_matches() {
        assertNull(ResourceMatcher.fromPaths(null).match("/").resource());
    }
}
