package dev.apigw.emulator.ratelimit;

import dev.apigw.emulator.config.RateLimitConfig.OnStoreError;

/**
 * A throttle decision and how it was taken: {@code degraded} names the {@code onStoreError} mode applied when
 * Redis could not decide, null when it did (or when no Redis is configured). {@code decision.remaining()} is -1
 * when unknown (FAIL_OPEN, FAIL_CLOSED).
 */
public record Outcome(RateLimiter.Decision decision, OnStoreError degraded) {
}
