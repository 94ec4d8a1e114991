package dev.apigw.emulator.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.apigw.emulator.config.RuntimeConfig.EncodedSeparators;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ResourcePathsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"/delay/..,/", "/a/./b,/a/b", "/a/b/../c,/a/c", "/../../etc/passwd,/etc/passwd", "/a/b/.,/a/b/",
        "/a/.b,/a/.b", "/a/..b/c,/a/..b/c", "/.,/", "/a//b/../c,/a//c"})
    void removes_dot_segments_as_rfc_3986_does(String raw, String expected) {
        assertEquals(expected, ResourcePaths.normalise(raw, EncodedSeparators.REJECT));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"/delay/%2e%2e", "/a/%2E%2E%2Fetc", "/a%2fb", "/%2e/x"})
    void refuses_encoded_dots_and_slashes_by_default(String raw) {
        GatewayException e = assertThrows(GatewayException.class, () -> ResourcePaths.normalise(raw, EncodedSeparators.REJECT));
        assertEquals(400, e.status());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"/delay/%2e%2e,/", "/a/%2E%2E%2Fetc,/etc", "/a%2fb,/a/b", "/x/%41,/x/%41"})
    void decodes_them_before_removing_dot_segments_when_configured(String raw, String expected) {
        assertEquals(expected, ResourcePaths.normalise(raw, EncodedSeparators.DECODE));
    }

    @Test
    void an_ordinary_path_is_returned_as_is() {
        String p = "/pet/findByStatus/%41";
        assertSame(p, ResourcePaths.normalise(p, EncodedSeparators.REJECT));
    }
}
