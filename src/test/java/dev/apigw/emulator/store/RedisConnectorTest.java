package dev.apigw.emulator.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.apigw.emulator.config.RedisUrl;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.RedisReplicas;
import io.vertx.redis.client.RedisRole;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Vert.x client options each topology gets, for the shared client and for the change-feed connection. */
class RedisConnectorTest {

    @Test
    void standalone_uses_the_url_as_written() {
        RedisOptions o = RedisConnector.clientOptions(RedisUrl.parse("rediss://:pw@h:6380/1"), 8);
        assertEquals(RedisClientType.STANDALONE, o.getType());
        assertEquals(List.of("rediss://:pw@h:6380/1"), o.getEndpoints());
        assertEquals(8, o.getMaxPoolSize());
    }

    @Test
    void sentinel_asks_every_sentinel_for_the_master_of_the_set() {
        RedisOptions o = RedisConnector.clientOptions(RedisUrl.parse("redis-sentinel://:pw@s1:26379,s2:26380/cache"), 16);
        assertEquals(RedisClientType.SENTINEL, o.getType());
        assertEquals("cache", o.getMasterName());
        assertEquals(RedisRole.MASTER, o.getRole());
        assertEquals(List.of("redis://:pw@s1:26379", "redis://:pw@s2:26380"), o.getEndpoints());
    }

    @Test
    void cluster_reads_and_writes_on_masters_only() {
        RedisOptions o = RedisConnector.clientOptions(RedisUrl.parse("redis-cluster://h1:7000,h2:7001"), 16);
        assertEquals(RedisClientType.CLUSTER, o.getType());
        assertEquals(RedisReplicas.NEVER, o.getUseReplicas());
        assertEquals(List.of("redis://h1:7000", "redis://h2:7001"), o.getEndpoints());
    }

    @Test
    void the_change_feed_follows_the_sentinel_master_without_automatic_failover() {
        RedisOptions o = RedisConnector.subscriberOptions(RedisUrl.parse("redis-sentinel://s1,s2/m"), 0);
        assertEquals(RedisClientType.SENTINEL, o.getType());
        assertEquals(RedisRole.MASTER, o.getRole());
        assertEquals(false, o.isAutoFailover());
    }

    @Test
    void the_change_feed_walks_through_the_cluster_seeds_one_node_per_attempt() {
        RedisUrl url = RedisUrl.parse("redis-cluster://h1:7000,h2:7001,h3:7002");
        List<String> tried = List.of(0, 1, 2, 3).stream()
            .map(i -> RedisConnector.subscriberOptions(url, i)).peek(o -> assertEquals(RedisClientType.STANDALONE, o.getType()))
            .map(RedisOptions::getEndpoint).toList();
        assertEquals(List.of("redis://h1:7000", "redis://h2:7001", "redis://h3:7002", "redis://h1:7000"), tried);
    }
}
