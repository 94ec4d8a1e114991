package dev.apigw.emulator.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LocalLimitersTest {
    final AtomicLong now = new AtomicLong(1_000_000);

    @Test
    void fixed_window_admits_exactly_the_limit_across_threads() throws Exception {
        LocalFixedWindowLimiter limiter = new LocalFixedWindowLimiter();
        AtomicInteger admitted = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int i = 0; i < 1000; i++) {
            pool.execute(() -> {
                if (limiter.decide("k", 100, 60_000, 1, false).allowed()) admitted.incrementAndGet();
            });
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        assertEquals(100, admitted.get());
    }

    @Test
    void fixed_window_opens_a_new_window_after_the_interval() {
        LocalFixedWindowLimiter limiter = new LocalFixedWindowLimiter(now::get);
        assertTrue(limiter.decide("k", 1, 1000, 1, false).allowed());
        RateLimiter.Decision rejected = limiter.decide("k", 1, 1000, 1, false);
        assertFalse(rejected.allowed());
        assertEquals(0, rejected.remaining());
        assertEquals(1, rejected.retryAfterSeconds());
        now.addAndGet(1000);
        assertTrue(limiter.decide("k", 1, 1000, 1, false).allowed());
    }

    @Test
    void fixed_window_record_adds_hits_even_over_the_limit() {
        LocalFixedWindowLimiter limiter = new LocalFixedWindowLimiter(now::get);
        assertEquals(0, limiter.decide("k", 3, 1000, 5, true).remaining());
        assertFalse(limiter.decide("k", 3, 1000, 1, false).allowed());
    }

    @Test
    void token_bucket_refills_at_limit_per_window() {
        LocalTokenBucketLimiter limiter = new LocalTokenBucketLimiter(now::get);
        for (int i = 0; i < 10; i++) assertTrue(limiter.decide("k", 10, 1000, 1, false).allowed());
        RateLimiter.Decision empty = limiter.decide("k", 10, 1000, 1, false);
        assertFalse(empty.allowed());
        assertEquals(100, empty.resetMillis());
        now.addAndGet(100);
        assertTrue(limiter.decide("k", 10, 1000, 1, false).allowed());
        assertFalse(limiter.decide("k", 10, 1000, 1, false).allowed());
    }

    @Test
    void forgetting_ended_windows_keeps_longer_live_ones() {
        LocalFixedWindowLimiter limiter = new LocalFixedWindowLimiter(now::get);
        assertTrue(limiter.decide("hourly", 1, 3_600_000, 1, false).allowed());
        for (int i = 0; i < 10_001; i++) limiter.decide("short" + i, 1, 1, 1, false);
        now.addAndGet(5);
        limiter.decide("trigger", 1, 1, 1, false);
        assertFalse(limiter.decide("hourly", 1, 3_600_000, 1, false).allowed());
    }
}
