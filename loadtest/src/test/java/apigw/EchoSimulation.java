package apigw;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.time.Duration;

/**
 * Calls the demo API through the gateway at a constant arrival rate. System properties: baseUrl
 * (http://localhost:5555), rate (requests/s, 200), durationSec (30), path (/gateway/EchoAPI/1.0/get), apiKey
 * (sent as x-Gateway-APIKey when set), bearer (sent as Authorization: Bearer when set), expectStatus (200).
 */
public class EchoSimulation extends Simulation {
    private static final String BASE = System.getProperty("baseUrl", "http://localhost:5555");
    private static final String PATH = System.getProperty("path", "/gateway/EchoAPI/1.0/get");
    private static final double RATE = Double.parseDouble(System.getProperty("rate", "200"));
    private static final long SECONDS = Long.getLong("durationSec", 30);
    private static final int EXPECT = Integer.getInteger("expectStatus", 200);

    private final HttpProtocolBuilder protocol = withCredentials(http.baseUrl(BASE).acceptHeader("application/json"));

    private final ScenarioBuilder echo = scenario("echo through the gateway")
        .exec(http("GET " + PATH).get(PATH + "?run=gatling").check(status().is(EXPECT)));

    {
        setUp(echo.injectOpen(constantUsersPerSec(RATE).during(Duration.ofSeconds(SECONDS))))
            .protocols(protocol)
            .assertions(global().failedRequests().percent().lte(0.1));
    }

    private static HttpProtocolBuilder withCredentials(HttpProtocolBuilder p) {
        String key = System.getProperty("apiKey", "");
        String bearer = System.getProperty("bearer", "");
        if (!key.isEmpty()) p = p.header("x-Gateway-APIKey", key);
        if (!bearer.isEmpty()) p = p.header("Authorization", "Bearer " + bearer);
        return p;
    }
}
