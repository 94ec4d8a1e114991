package dev.apigw.emulator.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every file shipped in config/ loads as it is: examples that fail at start would be worse than none. */
class ShippedConfigTest {
    private static final Path CONFIG = Path.of("config");

    @Test
    void every_file_in_config_loads() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(CONFIG)) {
            files = s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
        }
        assertTrue(files.size() >= 3, "expected gateway.yaml and the Redis and cluster examples, found " + files);
        for (Path f : files) ConfigLoader.load(f, Map.of());
    }

    @Test
    void the_default_file_is_a_single_embedded_node_with_the_demo() {
        GatewayConfig c = ConfigLoader.load(CONFIG.resolve("gateway.yaml"), Map.of());
        assertEquals(5555, c.port());
        assertFalse(c.usesRedis());
        assertTrue(c.demo().enabled());
    }

    @Test
    void the_cluster_examples_share_one_redis_on_different_ports() {
        GatewayConfig one = ConfigLoader.load(CONFIG.resolve("gateway-redis.yaml"), Map.of());
        GatewayConfig two = ConfigLoader.load(CONFIG.resolve("cluster-node-2.yaml"), Map.of());
        assertTrue(one.usesRedis());
        assertEquals(one.redis().url(), two.redis().url());
        assertTrue(one.port() != two.port() && one.demo().echoPort() != two.demo().echoPort());
    }
}
