package dev.apigw.emulator.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    @Test
    void defaults_alone_give_the_documented_values() {
        GatewayConfig c = ConfigLoader.load(null, Map.of());
        assertEquals(5555, c.port());
        assertEquals("Administrator", c.admin().username());
        assertEquals("manage", c.admin().password());
        assertEquals(Path.of("./data"), c.dataDir());
        assertEquals(30_000, c.runtime().backendTimeoutMs());
        assertFalse(c.usesRedis());
        assertTrue(c.demo().enabled());
        assertEquals(400, c.compat().repeatActivationStatus());
    }

    @ParameterizedTest
    @CsvSource({
        "port, APIGW_PORT",
        "dataDir, APIGW_DATA_DIR",
        "redis.url, APIGW_REDIS_URL",
        "runtime.backendTimeoutMs, APIGW_RUNTIME_BACKEND_TIMEOUT_MS",
        "demo.echoPort, APIGW_DEMO_ECHO_PORT",
        "compat.repeatActivationStatus, APIGW_COMPAT_REPEAT_ACTIVATION_STATUS"})
    void env_name_is_apigw_and_the_path_in_upper_snake_case(String path, String env) {
        assertEquals(env, ConfigLoader.envName(path));
    }

    @Test
    void environment_overrides_the_file_and_the_defaults() throws IOException {
        Path file = write("port: 6000\nruntime:\n  backendTimeoutMs: 1000\n");
        GatewayConfig c = ConfigLoader.load(file, Map.of("APIGW_RUNTIME_BACKEND_TIMEOUT_MS", "1234",
            "APIGW_REDIS_URL", "redis://10.0.0.1:6379", "APIGW_DEMO_ENABLED", "false", "APIGW_ADMIN_PASSWORD", "s3cret"));
        assertEquals(6000, c.port());
        assertEquals(1234, c.runtime().backendTimeoutMs());
        assertEquals("redis://10.0.0.1:6379", c.redis().url());
        assertTrue(c.usesRedis());
        assertFalse(c.demo().enabled());
        assertEquals("s3cret", c.admin().password());
    }

    @Test
    void a_bad_environment_value_names_the_setting_path() {
        ConfigException e = assertThrows(ConfigException.class,
            () -> ConfigLoader.load(null, Map.of("APIGW_RUNTIME_BACKEND_TIMEOUT_MS", "thirty")));
        assertEquals("runtime.backendTimeoutMs", e.path());
        assertTrue(e.getMessage().contains("whole number"), e.getMessage());
    }

    @Test
    void an_empty_section_or_value_keeps_the_defaults() throws IOException {
        GatewayConfig c = ConfigLoader.load(write("port:\nredis:\nruntime:\n  backendTimeoutMs:\n"), Map.of());
        assertEquals(5555, c.port());
        assertEquals("", c.redis().url());
        assertEquals(30_000, c.runtime().backendTimeoutMs());
    }

    @Test
    void an_empty_or_comments_only_file_is_the_defaults() throws IOException {
        assertEquals(5555, ConfigLoader.load(write(""), Map.of()).port());
        assertEquals(5555, ConfigLoader.load(write("# port: 1\n# nothing else\n"), Map.of()).port());
    }

    @Test
    void a_missing_file_is_reported() {
        ConfigException e = assertThrows(ConfigException.class,
            () -> ConfigLoader.load(dir.resolve("nope.yaml"), Map.of()));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void the_admin_password_is_not_printed() {
        assertFalse(ConfigLoader.load(null, Map.of()).admin().toString().contains("manage"));
    }

    private Path write(String yaml) throws IOException {
        return Files.writeString(dir.resolve("gateway.yaml"), yaml);
    }
}
