package dev.apigw.emulator.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apigw.emulator.config.RedisUrl.Topology;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The forms of {@code redis.url}: what each one means, and the reason given for each mistake. */
class RedisUrlTest {

    @Test
    void a_redis_url_is_one_server_passed_through_as_written() {
        RedisUrl url = RedisUrl.parse("redis://:s3cret@10.0.0.1:6380/2");
        assertEquals(Topology.STANDALONE, url.topology());
        assertEquals(List.of("redis://:s3cret@10.0.0.1:6380/2"), url.nodes());
        assertEquals("redis://:***@10.0.0.1:6380/2", url.redacted());
    }

    @Test
    void a_sentinel_url_lists_every_sentinel_with_the_credentials_and_names_the_master_set() {
        RedisUrl url = RedisUrl.parse("redis-sentinel://app:pw@s1:26380,s2,[::1]:26381/mymaster");
        assertEquals(Topology.SENTINEL, url.topology());
        assertEquals("mymaster", url.masterName());
        assertEquals(List.of("redis://app:pw@s1:26380", "redis://app:pw@s2:26379", "redis://app:pw@[::1]:26381"), url.nodes());
        assertEquals("redis-sentinel://app:***@s1:26380,s2,[::1]:26381/mymaster", url.redacted());
    }

    @Test
    void a_sentinel_url_may_select_a_database_and_use_tls() {
        RedisUrl url = RedisUrl.parse("rediss-sentinel://s1:26379/cache/3");
        assertEquals(List.of("rediss://s1:26379/3"), url.nodes());
        assertEquals("cache", url.masterName());
    }

    @Test
    void a_cluster_url_lists_the_seed_nodes_with_the_credentials_and_the_query() {
        RedisUrl url = RedisUrl.parse("rediss-cluster://h1:7000,h2?password=x");
        assertEquals(Topology.CLUSTER, url.topology());
        assertEquals(List.of("rediss://h1:7000?password=x", "rediss://h2:6379?password=x"), url.nodes());
        assertEquals("rediss-cluster://h1:7000,h2?password=***", url.redacted());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "http://127.0.0.1:6379                 | must start with redis://, rediss://, redis-sentinel://",
        "redis://a:6379,b:6379                 | redis:// takes one server",
        "redis://h:port                        | 'h:port' is not host[:port]",
        "redis-sentinel://s1:26379,s2:26379    | needs the master name after the Sentinels",
        "redis-sentinel://s1:26379/m/x         | takes /masterName or /masterName/db",
        "redis-sentinel://s1:26379,,s2/m       | a node is missing (empty host)",
        "redis-cluster://h1:7000,h2:7001/0     | takes no path or database",
        "redis-cluster://                      | a node is missing (empty host)"})
    void a_malformed_url_is_refused_with_the_reason(String url, String reason) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RedisUrl.parse(url));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    @Test
    void a_refused_url_never_shows_its_password() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> RedisUrl.parse("redis-sentinel://u:topsecret@s1:26379"));
        assertFalse(e.getMessage().contains("topsecret"), e.getMessage());
    }

    @Test
    void the_config_names_the_setting_of_a_bad_url() {
        ConfigException e = assertThrows(ConfigException.class, () -> new RedisConfig("redis-cluster://h1/0", 1, 1, 100));
        assertEquals("redis.url", e.path());
    }
}
