package apigw;

import static io.gatling.javaapi.core.CoreDsl.bodyString;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.pace;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import apigw.support.DemoApis;
import apigw.support.Params;
import apigw.support.RehearsalTally;
import apigw.support.Tokens;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * (c) The zero-downtime upgrade's traffic: virtual users call the old node and move to the new node when the old
 * one answers 503 (it drains) or gives no answer (it stopped listening), as a load balancer would: that call is sent
 * again to the new node, and every later call of that user goes there. Half the users call the API-key API, half the
 * OAuth2 API with a token per node (fetched from that node, renewed at 80% of its lifetime). Every call is classified
 * (served by the old node, served by the new node, refused by the old node, failed) and the counts are written to
 * {@code resultDir/traffic.json} (with {@code old-calls.csv}) for the rehearsal's report. A group "rehearsal call"
 * is marked failed for each failed call: the assertion is that none failed.
 *
 * <p>System properties: oldUrl (http://localhost:5555), newUrl (http://localhost:5556), rate (calls/s, 200),
 * durationSec (60), users (20), resultDir (target/rehearsal-traffic); the APIs and credentials ({@link DemoApis}), or
 * none: then {@code before()} registers them on the old node, routed to backendUrl (http://127.0.0.1:9091). Run by
 * {@code loadtest/rehearse.sh --gatling}, which sets all of them.
 */
public class RehearsalSimulation extends Simulation {
    private static final String OLD = RehearsalTally.OLD;
    private static final String NEW = RehearsalTally.NEW;
    private static final String OLD_URL = Params.string("oldUrl", "http://localhost:5555");
    private static final String NEW_URL = Params.string("newUrl", "http://localhost:5556");
    private static final double RATE = Params.decimal("rate", 200);
    private static final int SECONDS = Params.integer("durationSec", 60);
    private static final int USERS = Math.max(2, Params.integer("users", 20));
    private static final Path RESULT_DIR = Path.of(Params.string("resultDir", "target/rehearsal-traffic"));

    private final RehearsalTally tally = new RehearsalTally();
    private volatile DemoApis apis = DemoApis.fromParams();

    {
        int keyUsers = USERS / 2;
        setUp(users("API-key users", false, keyUsers).injectOpen(rampUsers(keyUsers).during(Duration.ofSeconds(1))),
            users("OAuth2 users", true, USERS - keyUsers).injectOpen(rampUsers(USERS - keyUsers).during(Duration.ofSeconds(1))))
            .assertions(details("rehearsal call").failedRequests().count().is(0L),
                details("rehearsal call").allRequests().count().gt(0L));
    }

    /** {@code n} users, each calling every {@code n / (rate / 2)} seconds for the duration. */
    private ScenarioBuilder users(String name, boolean oauth, int n) {
        // exitASAP false: a call once started always ends (served or failed), even one retried on the new node
        return scenario(name).during(Duration.ofSeconds(SECONDS), false).on(
            pace(Duration.ofMillis((long) (n * 1000 / (RATE / 2)))).exec(call(oauth)));
    }

    private ChainBuilder call(boolean oauth) {
        return exec(session -> {
            tally.sent();
            return session.markAsSucceeded().remove("failedReason").set("target", session.contains("moved") ? NEW : OLD);
        })
            .doIf(session -> OLD.equals(session.getString("target"))).then(attempt(OLD, oauth))
            .doIf(session -> NEW.equals(session.getString("target"))).then(attempt(NEW, oauth))
            .exec(Session::markAsSucceeded)
            .group("rehearsal call").on(exec(session -> session.contains("failedReason") ? session.markAsFailed() : session))
            .exec(Session::markAsSucceeded);
    }

    /** One try on {@code node}: its token first (OAuth2 users), then the API call; the outcome decides what follows. */
    private ChainBuilder attempt(String node, boolean oauth) {
        ChainBuilder token = oauth ? Tokens.ensure(node, url(node), () -> apis).exec(session -> tokenOutcome(session, node))
            : exec(session -> session);
        return token.doIf(session -> node.equals(session.getString("target"))).then(
            exec(http(node + " node").get(session -> url(node) + (oauth ? apis.oauthPath() : apis.keyPath()))
                .header(oauth ? "Authorization" : "x-Gateway-APIKey",
                    session -> oauth ? Tokens.bearer(session, node) : apis.apiKey())
                .check(status().saveAs("status"), bodyString().saveAs("body"), responseTimeInMillis().saveAs("rt")))
                .exec(session -> outcome(session, node, oauth ? apis.oauthApi() : apis.keyApi())));
    }

    private Session tokenOutcome(Session session, String node) {
        if (!Tokens.asked(session)) return session;
        int status = Tokens.status(session);
        if (status == 200) {
            tally.token(node);
            return Tokens.keep(session, node).markAsSucceeded();
        }
        String body = session.contains("tokenBody") ? session.getString("tokenBody") : "";
        session = Tokens.clear(session).markAsSucceeded();
        if (OLD.equals(node) && (status == -1 || status == 503 && body.contains("quiesce"))) {
            tally.token("refusedByOld");
            return move(session);
        }
        return fail(session, "token from the " + node + " node: " + (status == -1 ? "no answer" : "status " + status));
    }

    private Session outcome(Session session, String node, String api) {
        if (!session.contains("status")) {
            // no answer: Gatling does not tell the session why (refused, reset, timed out)
            if (OLD.equals(node)) {
                tally.refused("noAnswer");
                return move(session.markAsSucceeded());
            }
            return fail(session, "new node: no answer");
        }
        int status = session.getInt("status");
        String body = session.getString("body");
        long responseMs = session.getLong("rt");
        session = session.remove("status").remove("body").remove("rt").markAsSucceeded();
        if (OLD.equals(node) && status == 503 && body.contains("quiesce")) {
            tally.refused("status503");
            return move(session);
        }
        tally.answered(node, api, status);
        if (status / 100 != 2) return fail(session, node + " node answered " + status);
        if (OLD.equals(node)) {
            long now = System.currentTimeMillis();
            tally.oldCall(now - responseMs, now);
        }
        return session.set("target", "done");
    }

    private static Session move(Session session) {
        return session.set("target", NEW).set("moved", true);
    }

    private Session fail(Session session, String reason) {
        tally.failed(reason);
        return session.set("failedReason", reason).set("target", "done");
    }

    private static String url(String node) {
        return OLD.equals(node) ? OLD_URL : NEW_URL;
    }

    @Override
    public void before() {
        if (apis == null) apis = DemoApis.setUp(OLD_URL, Params.string("backendUrl", "http://127.0.0.1:9091"));
        tally.started();
        try {
            Files.createDirectories(RESULT_DIR);
            Files.writeString(RESULT_DIR.resolve("traffic.started"), String.valueOf(System.currentTimeMillis()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void after() {
        tally.write(RESULT_DIR);
        System.out.println("rehearsal traffic: " + RESULT_DIR.resolve("traffic.json"));
    }
}
