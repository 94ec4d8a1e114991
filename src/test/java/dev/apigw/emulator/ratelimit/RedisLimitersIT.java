package dev.apigw.emulator.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apigw.emulator.support.Await;
import dev.apigw.emulator.support.RedisServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class RedisLimitersIT {
    Redis redis;

    @BeforeEach
    void connect(Vertx vertx) {
        redis = Redis.createClient(vertx, new RedisOptions().setConnectionString(RedisServer.sharedUrl())
            .setMaxPoolSize(16).setMaxPoolWaiting(4096));
    }

    @AfterEach
    void close() {
        redis.close();
    }

    private static long admitted(RateLimiter limiter, String key, int n, long limit) {
        List<Future<RateLimiter.Decision>> all = new ArrayList<>();
        for (int i = 0; i < n; i++) all.add(limiter.acquire(key, limit, 60_000));
        return Await.result(Future.all(all)).<RateLimiter.Decision>list().stream().filter(RateLimiter.Decision::allowed).count();
    }

    @Test
    void fixed_window_admits_exactly_the_limit_of_1000_concurrent_calls() {
        assertEquals(100, admitted(new RedisFixedWindowLimiter(redis, 5_000), RedisServer.randomKey("{rl}"), 1000, 100));
    }

    @Test
    void token_bucket_admits_exactly_the_capacity_of_1000_concurrent_calls() {
        // 100 tokens refilling over an hour: the burst is the capacity, refill adds nothing in the test's time
        assertEquals(100, admitted(new RedisTokenBucketLimiter(redis, 5_000), RedisServer.randomKey("{rl}"), 1000, 100));
    }

    @Test
    void a_script_redis_has_not_seen_does_not_make_another_scripts_calls_of_the_same_turn_run_twice(Vertx vertx) {
        RedisPipelines lanes = new RedisPipelines(redis);
        String salt = java.util.UUID.randomUUID().toString(); // scripts this Redis has never cached
        RedisScript known = new RedisScript(lanes, "-- " + salt + "\nreturn redis.call('INCR', KEYS[1])", 5_000);
        RedisScript unknown = new RedisScript(lanes, "-- " + salt + " b\nreturn redis.call('INCR', KEYS[1])", 5_000);
        String counted = RedisServer.randomKey("{rl}");
        String other = RedisServer.randomKey("{rl}");
        Await.result(known.run(counted)); // cached now (through EVAL)
        io.vertx.core.Promise<Void> both = io.vertx.core.Promise.promise();
        // one turn of one event loop: before, both calls went out in one batch, the unknown script's NOSCRIPT failed
        // it as a whole, and the known script's call, which had run, ran again
        vertx.runOnContext(v -> Future.all(known.run(counted), unknown.run(other)).<Void>mapEmpty().onComplete(both));
        Await.result(both.future());
        assertEquals("2", Await.result(redis.send(Request.cmd(Command.GET).arg(counted))).toString());
        assertEquals("1", Await.result(redis.send(Request.cmd(Command.GET).arg(other))).toString());
    }

    @Test
    void reloads_the_script_after_a_script_flush() {
        RedisFixedWindowLimiter limiter = new RedisFixedWindowLimiter(redis, 5_000);
        String key = RedisServer.randomKey("{rl}");
        assertTrue(Await.result(limiter.acquire(key, 2, 60_000)).allowed());
        Await.result(redis.send(Request.cmd(Command.SCRIPT).arg("FLUSH")));
        RateLimiter.Decision second = Await.result(limiter.acquire(key, 2, 60_000));
        assertTrue(second.allowed());
        assertEquals(0, second.remaining());
        assertFalse(Await.result(limiter.acquire(key, 2, 60_000)).allowed());
    }

    @Test
    void reports_remaining_and_reset_from_redis_time() {
        RedisFixedWindowLimiter limiter = new RedisFixedWindowLimiter(redis, 5_000);
        String key = RedisServer.randomKey("{rl}");
        RateLimiter.Decision d = Await.result(limiter.acquire(key, 5, 10_000));
        assertEquals(4, d.remaining());
        assertTrue(d.resetMillis() > 9_000 && d.resetMillis() <= 10_000, "reset " + d.resetMillis());
        RateLimiter.Decision added = Await.result(limiter.record(key, 5, 10_000, 7));
        assertEquals(0, added.remaining());
        assertFalse(Await.result(limiter.acquire(key, 5, 10_000)).allowed());
    }

    static java.util.concurrent.TimeoutException timeout() {
        return new java.util.concurrent.TimeoutException("Timeout 50 (ms) fired");
    }

    @Test
    void a_burst_of_timeouts_is_a_blip_and_only_a_lasting_streak_marks_redis_down(Vertx vertx) {
        RedisAvailability availability = new RedisAvailability(vertx, redis, 50, 50, 3, 300);
        java.util.concurrent.atomic.AtomicBoolean recovered = new java.util.concurrent.atomic.AtomicBoolean();
        availability.onRecovered(() -> recovered.set(true));
        for (int i = 0; i < 200; i++) availability.failed(timeout()); // 200 concurrent calls timing out together
        assertTrue(availability.isUp(), "a burst shorter than downAfterMs is not an outage");
        availability.succeeded();
        availability.failed(timeout());
        java.util.concurrent.locks.LockSupport.parkNanos(350_000_000L); // the streak lasts past downAfterMs
        availability.failed(timeout());
        assertTrue(availability.isUp(), "two failures are fewer than downAfterFailures");
        availability.failed(timeout());
        assertFalse(availability.isUp());
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!recovered.get() && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(5_000_000); // poll interval
        }
        assertTrue(availability.isUp() && recovered.get());
    }

    @Test
    void refused_connections_mark_redis_down_after_downAfterFailures_in_a_row(Vertx vertx) {
        RedisAvailability availability = new RedisAvailability(vertx, redis, 50, 50, 3, 60_000);
        availability.failed(new io.vertx.core.VertxException("Connection refused"));
        availability.failed(new io.vertx.core.VertxException("Connection refused"));
        assertTrue(availability.isUp());
        availability.failed(new io.vertx.core.VertxException("Connection refused"));
        assertFalse(availability.isUp());
    }
}
