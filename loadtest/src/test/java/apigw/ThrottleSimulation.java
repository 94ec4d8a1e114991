package apigw;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import apigw.support.GatewayAdmin;
import apigw.support.Params;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;
import java.util.Map;

/**
 * (b) A throttled API driven above its limit, asserting the share of 429s the limit implies. The API allows
 * {@code limit} calls per {@code windowSec} window (Traffic Optimization, {@code requestCount GT limit}, all consumers
 * together); at {@code rate} calls/s for {@code durationSec}, each full window lets {@code limit} through and refuses
 * the rest, so the expected share of 429s is {@code 1 - allowed / sent} ({@link #expected429Share}). Each call is a
 * group "throttled call" that is marked failed when the answer is 429: the group's failed percentage is that share,
 * asserted within {@code tolerance} percentage points (default 5: the first and last windows are partial and Gatling's
 * arrivals are not perfectly even). The request itself accepts 200 and 429, so any other answer still fails it.
 *
 * <p>System properties: baseUrl (http://localhost:5555), rate (50), durationSec (60), limit (30), windowSec (1),
 * tolerance (5); throttledPath to use an API already throttled that way, or none: then {@code before()} registers one
 * ({@code rehearsal/throttled-api.json}) routed to backendUrl (http://127.0.0.1:9091).
 */
public class ThrottleSimulation extends Simulation {
    private static final String BASE = Params.string("baseUrl", "http://localhost:5555");
    private static final double RATE = Params.decimal("rate", 50);
    private static final int SECONDS = Params.integer("durationSec", 60);
    private static final int LIMIT = Params.integer("limit", 30);
    private static final int WINDOW = Params.integer("windowSec", 1);
    private static final double TOLERANCE = Params.decimal("tolerance", 5);

    private volatile String path = Params.string("throttledPath", "");

    private final ScenarioBuilder throttled = scenario("throttled API").group("throttled call").on(
        exec(http("GET throttled API").get(session -> path).check(status().in(200, 429).saveAs("status")))
            .exec(session -> session.getInt("status") == 429 ? session.markAsFailed() : session));

    {
        double expected = expected429Share(RATE, SECONDS, LIMIT, WINDOW) * 100;
        System.out.printf("throttle: %.0f calls/s for %d s against %d per %d s: expecting %.1f%% of 429s (± %.1f)%n",
            RATE, SECONDS, LIMIT, WINDOW, expected, TOLERANCE);
        setUp(throttled.injectOpen(constantUsersPerSec(RATE).during(Duration.ofSeconds(SECONDS))))
            .protocols(http.baseUrl(BASE))
            .assertions(details("throttled call").failedRequests().percent().around(expected, TOLERANCE),
                details("throttled call", "GET throttled API").failedRequests().count().is(0L));
    }

    /** The share of calls over the limit: full windows let {@code limit} through, the last partial one its share. */
    static double expected429Share(double rate, int seconds, int limit, int windowSec) {
        double sent = rate * seconds;
        long fullWindows = seconds / windowSec;
        double lastWindowCalls = rate * (seconds % windowSec);
        double allowed = fullWindows * Math.min(limit, rate * windowSec) + Math.min(limit, lastWindowCalls);
        return Math.max(0, 1 - allowed / sent);
    }

    @Override
    public void before() {
        if (!path.isEmpty()) return;
        GatewayAdmin admin = new GatewayAdmin(BASE, Params.string("adminUser", "Administrator"), Params.string("adminPassword", "manage"));
        String suffix = "-" + Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
        path = admin.api("throttled-api.json", Map.of("backend", Params.string("backendUrl", "http://127.0.0.1:9091"),
            "limit", String.valueOf(LIMIT), "interval", String.valueOf(WINDOW), "unit", "seconds"), "/quotes", suffix).path();
        System.out.println("throttled API: " + path);
    }
}
