package dev.apigw.emulator.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RoutingTargetTest {

    @Test
    void resource_path_is_appended_to_the_endpoint_path_prefix() {
        RoutingTarget t = RoutingTarget.parse("http://backend:8080/v2${sys:resource_path}", "CUSTOM");
        assertEquals("backend", t.host());
        assertEquals(8080, t.port());
        assertEquals("/v2/pet/1", t.uri("/pet/1", null));
        assertEquals("backend:8080", t.hostHeader());
    }

    @Test
    void a_trailing_slash_before_the_variable_is_not_doubled() {
        assertEquals("/v2/pet", RoutingTarget.parse("http://b/v2/${sys:resource_path}", null).uri("/pet", ""));
        assertEquals("/pet", RoutingTarget.parse("http://b${sys:resource_path}", null).uri("/pet", ""));
    }

    @Test
    void text_after_the_variable_is_kept() {
        RoutingTarget t = RoutingTarget.parse("http://b/api${sys:resource_path}.json?format=full", "GET");
        assertEquals("/api/pet/1.json?format=full&a=1", t.uri("/pet/1", "a=1"));
    }

    @Test
    void without_the_variable_every_request_goes_to_the_exact_uri_with_its_query() {
        RoutingTarget t = RoutingTarget.parse("http://b:81/fixed/path", "CUSTOM");
        assertEquals("/fixed/path", t.uri("/anything/else", null));
        assertEquals("/fixed/path?x=1", t.uri("/anything", "x=1"));
        RoutingTarget q = RoutingTarget.parse("http://b/fixed?key=k", "CUSTOM");
        assertEquals("/fixed?key=k&x=1", q.uri("/r", "x=1"));
        assertEquals("/?key=k", RoutingTarget.parse("http://b?key=k", null).uri("/r", null));
        assertEquals("/", RoutingTarget.parse("http://b", null).uri("/r", null));
    }

    @Test
    void client_query_string_is_joined_with_the_right_separator() {
        RoutingTarget t = RoutingTarget.parse("http://b${sys:resource_path}", null);
        assertEquals("/get?foo=bar&x=%20y", t.uri("/get", "foo=bar&x=%20y"));
        assertEquals("/get", t.uri("/get", ""));
    }

    @Test
    void https_defaults_to_port_443_and_http_to_80_without_port_in_host_header() {
        RoutingTarget s = RoutingTarget.parse("https://secure.example.com/api${sys:resource_path}", null);
        assertTrue(s.ssl());
        assertEquals(443, s.port());
        assertEquals("secure.example.com", s.hostHeader());
        RoutingTarget p = RoutingTarget.parse("HTTP://plain.example.com${sys:resource_path}", null);
        assertFalse(p.ssl());
        assertEquals(80, p.port());
        assertEquals("plain.example.com", p.hostHeader());
        assertEquals("secure.example.com:8443", RoutingTarget.parse("https://secure.example.com:8443", null).hostHeader());
    }

    @Test
    void custom_keeps_the_client_method_and_a_fixed_method_replaces_it() {
        assertEquals("DELETE", RoutingTarget.parse("http://b", "CUSTOM").methodFor("DELETE"));
        assertEquals("PATCH", RoutingTarget.parse("http://b", "").methodFor("PATCH"));
        assertEquals("POST", RoutingTarget.parse("http://b", "post").methodFor("GET"));
    }

    @Test
    void unusable_endpoints_are_rejected() {
        assertThrows(IllegalArgumentException.class, () -> RoutingTarget.parse("", null));
        assertThrows(IllegalArgumentException.class, () -> RoutingTarget.parse(null, null));
        assertThrows(IllegalArgumentException.class, () -> RoutingTarget.parse("ftp://b/x", null));
        assertThrows(IllegalArgumentException.class, () -> RoutingTarget.parse("/relative${sys:resource_path}", null));
        assertThrows(IllegalArgumentException.class, () -> RoutingTarget.parse("http://b a d/", null));
    }
}
