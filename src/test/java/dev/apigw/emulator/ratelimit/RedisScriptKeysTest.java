package dev.apigw.emulator.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Redis Cluster runs a script only when every key it touches is in one slot: each limiter script touches exactly
 * its one declared key, the keys the policies build are one hash tag, and a turn's calls are batched per tag.
 */
class RedisScriptKeysTest {
    private static final Pattern CALL = Pattern.compile("redis\\.call\\('([A-Z]+)'(?:,\\s*([^,)]+))?");

    static Stream<Arguments> scripts() {
        return Stream.of(Arguments.of("fixed window", RedisFixedWindowLimiter.SCRIPT),
            Arguments.of("token bucket", RedisTokenBucketLimiter.SCRIPT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scripts")
    void every_key_a_limiter_script_touches_is_its_one_declared_key(String name, String script) {
        Matcher m = CALL.matcher(script);
        int calls = 0;
        while (m.find()) {
            calls++;
            if (m.group(1).equals("TIME")) continue; // no key
            assertEquals("KEYS[1]", m.group(2).trim(), name + ": " + m.group());
        }
        assertTrue(calls >= 3, name + " has its redis.call()s");
        assertTrue(!script.contains("KEYS[2]"), name + " uses one key only");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "'apigw:rl:{act|api|app}',     'act|api|app'",
        "'apigw:quota:{app|plan}',     'app|plan'",
        "'no-tag',                     'no-tag'",
        "'empty:{}:tag',               'empty:{}:tag'"})
    void keys_are_batched_by_the_hash_tag_redis_cluster_hashes(String key, String tag) {
        assertEquals(tag, RedisPipelines.hashTag(key));
    }
}
