package dev.apigw.emulator.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The in-memory limiters and the anonymous-address keys stay bounded whatever clients send. */
class BoundedLimiterStateTest {

    @Test
    void a_million_distinct_keys_leave_at_most_max_entries_and_requests_stay_fast() {
        LocalFixedWindowLimiter limiter = new LocalFixedWindowLimiter(System::currentTimeMillis, 10_000);
        long start = System.nanoTime();
        for (int i = 0; i < 1_000_000; i++) limiter.decide("client" + i, 5, 604_800_000L, 1, false); // weekly windows
        long perCallNanos = (System.nanoTime() - start) / 1_000_000;
        assertTrue(limiter.size() <= 10_000 + 100, "kept " + limiter.size());
        assertTrue(perCallNanos < 20_000, "a decision took " + perCallNanos + " ns on average");
    }

    @Test
    void ended_windows_are_forgotten_without_a_request_scanning_for_them() throws InterruptedException {
        LocalFixedWindowLimiter limiter = new LocalFixedWindowLimiter(System::currentTimeMillis, 1_000_000);
        for (int i = 0; i < 5_000; i++) limiter.decide("k" + i, 1, 10, 1, false);
        long deadline = System.currentTimeMillis() + 5_000;
        while (limiter.size() > 0 && System.currentTimeMillis() < deadline) Thread.sleep(50); // polling, not sync
        assertEquals(0, limiter.size());
    }

    @Test
    void token_buckets_are_bounded_too() {
        LocalTokenBucketLimiter limiter = new LocalTokenBucketLimiter(System::currentTimeMillis, 1_000);
        for (int i = 0; i < 50_000; i++) limiter.decide("b" + i, 5, 60_000, 1, false);
        assertTrue(limiter.decide("b49999", 5, 60_000, 1, false).allowed());
    }

    @Test
    void new_addresses_past_the_cap_share_the_overflow_counter_and_no_counted_address_is_evicted() {
        ClientAddresses addresses = new ClientAddresses(100);
        for (int i = 0; i < 100; i++) assertEquals("ip:10.0.0." + i, addresses.keyFor("10.0.0." + i, 60_000));
        assertEquals(ClientAddresses.OVERFLOW, addresses.keyFor("192.168.1.1", 60_000));
        assertEquals(ClientAddresses.OVERFLOW, addresses.keyFor("192.168.1.2", 60_000));
        assertEquals("ip:10.0.0.7", addresses.keyFor("10.0.0.7", 60_000));
        assertFalse(addresses.keyFor("10.0.0.99", 60_000).equals(ClientAddresses.OVERFLOW));
    }
}
