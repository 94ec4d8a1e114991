package apigw;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.forAll;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.pace;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import apigw.support.DemoApis;
import apigw.support.Params;
import apigw.support.Tokens;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;

/**
 * (a) Steady traffic through the gateway's two ways of identifying an application: half of the calls to an API
 * identified by API key (a new virtual user per call, constant arrival rate), half to an API identified by OAuth2
 * token, called by {@code oauthUsers} long-lived users that each fetch a token from the gateway and renew it at 80% of
 * its lifetime (start the emulator with {@code APIGW_AUTH_TOKEN_TTL_SECONDS=20} to see renewals in a short run).
 *
 * <p>System properties: baseUrl (http://localhost:5555), rate (calls/s, both APIs together, 100), durationSec (60),
 * oauthUsers (10), maxP99Ms (1000); the APIs and credentials (see {@link DemoApis}), or none: then {@code before()}
 * registers both APIs on the gateway, routed to backendUrl (http://127.0.0.1:9091, the demo echo backend).
 */
public class SteadySimulation extends Simulation {
    private static final String BASE = Params.string("baseUrl", "http://localhost:5555");
    private static final double RATE = Params.decimal("rate", 100);
    private static final int SECONDS = Params.integer("durationSec", 60);
    private static final int OAUTH_USERS = Params.integer("oauthUsers", 10);

    private volatile DemoApis apis = DemoApis.fromParams();

    private final ScenarioBuilder apiKey = scenario("API key").exec(http("API key call")
        .get(session -> apis.keyPath()).header("x-Gateway-APIKey", session -> apis.apiKey()).check(status().is(200)));

    private final ScenarioBuilder oauth = scenario("OAuth2").during(Duration.ofSeconds(SECONDS), false).on(
        pace(Duration.ofMillis((long) (OAUTH_USERS * 1000 / (RATE / 2))))
            .exec(Tokens.ensure("gateway", BASE, () -> apis))
            .exec(session -> {
                if (!Tokens.asked(session)) return session; // the user's token is still fresh
                return Tokens.status(session) == 200 ? Tokens.keep(session, "gateway") : Tokens.clear(session).markAsFailed();
            })
            .exec(http("OAuth2 call").get(session -> apis.oauthPath())
                .header("Authorization", session -> Tokens.bearer(session, "gateway")).check(status().is(200))));

    {
        setUp(apiKey.injectOpen(constantUsersPerSec(RATE / 2).during(Duration.ofSeconds(SECONDS))),
            oauth.injectOpen(rampUsers(OAUTH_USERS).during(Duration.ofSeconds(1))))
            .protocols(http.baseUrl(BASE).acceptHeader("application/json"))
            .assertions(global().failedRequests().count().is(0L),
                forAll().responseTime().percentile(99.0).lt(Params.integer("maxP99Ms", 1000)));
    }

    @Override
    public void before() {
        if (apis == null) apis = DemoApis.setUp(BASE, Params.string("backendUrl", "http://127.0.0.1:9091"));
        System.out.println("steady traffic: " + apis.keyPath() + " (API key) and " + apis.oauthPath() + " (OAuth2)");
    }
}
