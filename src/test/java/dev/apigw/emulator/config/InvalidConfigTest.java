package dev.apigw.emulator.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each fixture in src/test/resources/config/ fails at start with the exact path of the bad setting. */
class InvalidConfigTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "unknown-top-level.yaml        | prot                           | unknown setting; did you mean port?",
        "unknown-nested.yaml           | runtime.backendTimeout         | unknown setting; did you mean runtime.backendTimeoutMs?",
        "port-out-of-range.yaml        | port                           | between 0 and 65535, was 70000",
        "timeout-not-a-number.yaml     | runtime.backendTimeoutMs       | must be a whole number, was 'soon'",
        "timeout-zero.yaml             | runtime.backendTimeoutMs       | between 1 and 3600000, was 0",
        "connect-timeout-fraction.yaml | runtime.connectTimeoutMs       | whole number",
        "redis-url-scheme.yaml         | redis.url                      | must start with redis://",
        "admin-not-a-mapping.yaml      | admin                          | must be a mapping",
        "admin-empty-username.yaml     | admin.username                 | must not be empty",
        "demo-enabled-not-boolean.yaml | demo.enabled                   | must be true or false, was 'maybe'",
        "repeat-activation-status.yaml | compat.repeatActivationStatus  | must be 400 or 500, was 404",
        "empty-host.yaml               | host                           | must not be empty",
        "root-is-a-list.yaml           | (root)                         | must be a mapping",
        "not-yaml.yaml                 | (file)                         | is not valid YAML at line 4",
        "logging-level-unknown.yaml    | logging.level                  | must be one of",
        "logging-levels-no-level.yaml  | logging.levels                 | entries are logger=LEVEL",
        "runtime-transport-unknown.yaml | runtime.transport             | must be auto, epoll, io_uring or nio"})
    void invalid_file_fails_with_the_setting_path_and_the_reason(String fixture, String path, String reason)
        throws URISyntaxException {
        Path file = Path.of(InvalidConfigTest.class.getResource("/config/" + fixture).toURI());
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file, Map.of()));
        assertEquals(path, e.path(), e.getMessage());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }
}
