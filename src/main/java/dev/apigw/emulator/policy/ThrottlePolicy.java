package dev.apigw.emulator.policy;

import dev.apigw.emulator.config.RateLimitConfig.OnStoreError;
import dev.apigw.emulator.ratelimit.Outcome;
import dev.apigw.emulator.ratelimit.RateLimitMetrics;
import dev.apigw.emulator.ratelimit.RateLimitService;
import dev.apigw.emulator.ratelimit.RateLimiter.Decision;
import dev.apigw.emulator.runtime.Exchange;
import dev.apigw.emulator.runtime.GatewayException;
import dev.apigw.emulator.runtime.Policy;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.event.Level;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Traffic Optimization ({@code throttle}, stage LMT): one counter per policy action, API and consumer (all
 * consumers together for {@code AnyConsumers}, else each listed application; a request with no application is
 * counted by client address). Over the limit the request is rejected before the backend with the configured status,
 * {@code Retry-After} and the {@code X-RateLimit-*} headers, which successful responses carry too.
 */
final class ThrottlePolicy implements Policy {
    static final Logger LOG = LoggerFactory.getLogger(ThrottlePolicy.class);
    private static final Future<Void> PASS = Future.succeededFuture();
    private static final CharSequence LIMIT = HttpHeaders.createOptimized("X-RateLimit-Limit");
    private static final CharSequence REMAINING = HttpHeaders.createOptimized("X-RateLimit-Remaining");
    private static final CharSequence RESET = HttpHeaders.createOptimized("X-RateLimit-Reset");
    private static final CharSequence DEGRADED = HttpHeaders.createOptimized("X-RateLimit-Degraded");
    /**
     * {@code X-RateLimit-Reset} values of up to an hour, made once each on first use (a benign race: two threads may
     * make the same value): every admitted request carries one, and a prebuilt value is neither formatted nor encoded.
     */
    private static final CharSequence[] SECONDS = new CharSequence[3_601];

    private final ThrottleRule rule;
    private final String apiId;
    private final RateLimitService limits;
    private final LongAdder allowed;
    private final LongAdder rejected;
    /** The counter key of {@code AnyConsumers} (one for the whole action and API), made once. */
    private final String anyConsumerKey;
    private final CharSequence limitValue;

    ThrottlePolicy(ThrottleRule rule, String apiId, RateLimitService limits) {
        this.rule = rule;
        this.apiId = apiId;
        this.limits = limits;
        this.allowed = limits.metrics().counter(RateLimitMetrics.DECISIONS, "allowed");
        this.rejected = limits.metrics().counter(RateLimitMetrics.DECISIONS, "rejected");
        this.anyConsumerKey = key("*");
        this.limitValue = HttpHeaders.createOptimized(Long.toString(rule.limit()));
    }

    @Override
    public String id() {
        return "throttle";
    }

    @Override
    public Future<Void> apply(Exchange exchange) {
        String consumer = consumer(exchange);
        if (consumer == null) return PASS;
        String key = rule.anyConsumer() ? anyConsumerKey : key(consumer);
        Future<Outcome> outcome = limits.acquire(rule.algorithm(), key, rule.limit(), rule.windowMillis(), rule.onStoreError());
        // decided at once (a leased permit, a local limiter): no composed future for every request
        if (outcome.succeeded()) return decide(exchange, outcome.result(), consumer);
        return outcome.compose(o -> decide(exchange, o, consumer));
    }

    /** The whole key is one hash tag, so a limit's key never spans Redis Cluster slots. */
    private String key(String consumer) {
        return "apigw:rl:{" + rule.actionId() + "|" + apiId + "|" + consumer + "}";
    }

    /** The counter this request belongs to, or null when the action does not apply to its application. */
    private String consumer(Exchange exchange) {
        String app = exchange.applicationId();
        if (rule.anyConsumer()) return "*";
        if (app != null) return rule.consumerIds().contains(app) ? "app:" + app : null;
        var address = exchange.request().remoteAddress();
        return limits.addressKey(address == null ? "unknown" : address.hostAddress(), rule.windowMillis());
    }

    private Future<Void> decide(Exchange exchange, Outcome outcome, String consumer) {
        Decision d = outcome.decision();
        exchange.addResponseHeader(LIMIT, d.limit() == rule.limit() ? limitValue : Long.toString(d.limit()));
        if (d.remaining() >= 0) exchange.addResponseHeader(REMAINING, Long.toString(d.remaining()));
        if (d.resetMillis() >= 0) exchange.addResponseHeader(RESET, seconds(d.retryAfterSeconds()));
        if (outcome.degraded() != null) exchange.addResponseHeader(DEGRADED, outcome.degraded().name());
        (d.allowed() ? allowed : rejected).increment();
        if (d.allowed()) return PASS;
        Map<String, String> retry = Map.of("Retry-After", Long.toString(d.retryAfterSeconds()));
        if (outcome.degraded() == OnStoreError.FAIL_CLOSED) {
            return Future.failedFuture(new GatewayException(503, "RATE_LIMIT_STORE_UNAVAILABLE",
                "The rate limit store is unavailable, the request cannot be admitted", retry));
        }
        violation(exchange, consumer);
        return Future.failedFuture(new GatewayException(rule.rejectStatus(), "RATE_LIMITED",
            "Traffic Optimization policy violated: more than " + rule.limit() + " requests in " + rule.intervalText(),
            retry));
    }

    private static CharSequence seconds(long value) {
        if (value >= SECONDS.length) return Long.toString(value);
        CharSequence made = SECONDS[(int) value];
        if (made == null) SECONDS[(int) value] = made = HttpHeaders.createOptimized(Long.toString(value));
        return made;
    }

    /** One policy violation event per rejected request (D-THR), counted and sent to the configured destinations. */
    private void violation(Exchange exchange, String consumer) {
        limits.metrics().increment(RateLimitMetrics.VIOLATIONS, rule.actionId());
        String text = "Policy violation: throttle " + rule.actionId() + " on API " + exchange.api().name() + " "
            + exchange.api().version() + ", consumer " + consumer + ", limit " + rule.limit() + " per "
            + rule.intervalText();
        if (rule.localLog()) LOG.atLevel(level(rule.logLevel())).log(text);
        if (rule.gatewayEvents()) LOG.debug("[GATEWAY event] {}", text);
    }

    private static Level level(String name) {
        return switch (name.toUpperCase(java.util.Locale.ROOT)) {
            case "ERROR", "SEVERE" -> Level.ERROR;
            case "WARN", "WARNING" -> Level.WARN;
            case "DEBUG", "FINE" -> Level.DEBUG;
            default -> Level.INFO;
        };
    }
}
