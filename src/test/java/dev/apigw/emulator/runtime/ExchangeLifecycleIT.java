package dev.apigw.emulator.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apigw.emulator.NodeProbe;
import dev.apigw.emulator.support.Await;
import dev.apigw.emulator.support.DeployedApi;
import dev.apigw.emulator.support.Echo;
import dev.apigw.emulator.support.GatewayIT;
import dev.apigw.emulator.support.Metrics;
import dev.apigw.emulator.support.Poll;
import dev.apigw.emulator.support.TestBackend;
import dev.apigw.emulator.support.TestGateway;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every way an exchange can end counts it out exactly once and tells the observers once: the in-flight count returns
 * to its base and the request meters grow by one, over HTTP/1.1 keep-alive and over HTTP/2 (h2c).
 */
@GatewayIT(set = "runtime.backendTimeoutMs=1000")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExchangeLifecycleIT {
    enum Protocol { HTTP_1_1, HTTP_2 }

    private DeployedApi echoApi;
    private DeployedApi keyed;
    private DeployedApi unreachable;
    private DeployedApi breaking;
    private TestBackend breaker;

    @BeforeAll
    void deploy(TestGateway gw, Echo echo, Vertx vertx) {
        breaker = TestBackend.start(vertx, req -> req.response().setChunked(true).write("partial")
            .onSuccess(v -> vertx.setTimer(50, t -> req.connection().close())));
        echoApi = gw.deploy("apis/echo.json", echo);
        keyed = gw.deploy("apis/echo-with-key.json", echo);
        unreachable = gw.deploy("apis/unreachable.json", Map.of("closedPort", String.valueOf(TestBackend.closedPort())));
        breaking = gw.deploy("apis/breaking.json", Map.of("backend", breaker.url()));
        Poll.until("setup requests counted out", () -> NodeProbe.of(gw.node()).inFlight() == 0);
    }

    @AfterAll
    void stopBackend() {
        breaker.close();
    }

    private static HttpClient client(Vertx vertx, Protocol p) {
        HttpClientOptions o = new HttpClientOptions().setDefaultHost("127.0.0.1");
        if (p == Protocol.HTTP_2) o.setProtocolVersion(HttpVersion.HTTP_2).setHttp2ClearTextUpgrade(false);
        return vertx.createHttpClient(o);
    }

    /** Aborts as that protocol's client would: HTTP/1.1 closes the connection, HTTP/2 resets the stream. */
    private static void abort(HttpClientRequest req, Protocol p) {
        if (p == Protocol.HTTP_2) req.reset();
        else req.connection().close();
    }

    private void assertCountedOnce(TestGateway gw, DeployedApi api, String statusClass, long before) {
        Poll.until("in flight back to its base", 1_000, () -> NodeProbe.of(gw.node()).inFlight() == 0);
        String name = api.name() + "/" + api.version();
        Poll.until(statusClass + " counted once", 1_000, () -> Metrics.requests(gw, name, statusClass) == before + 1);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Protocol.class)
    void client_gone_before_the_response_head(Protocol p, TestGateway gw, Vertx vertx) {
        long before = Metrics.requests(gw, "Echo/1.0", "4xx");
        HttpClient client = client(vertx, p);
        HttpClientRequest req = Await.result(client.request(HttpMethod.GET, gw.port(), "127.0.0.1", echoApi.path() + "/delay/900"));
        req.end();
        Poll.until("admitted", () -> NodeProbe.of(gw.node()).inFlight() == 1);
        abort(req, p);
        assertCountedOnce(gw, echoApi, "4xx", before); // 499: the client closed the request
        Await.result(client.close());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Protocol.class)
    void client_gone_in_the_middle_of_the_response_body(Protocol p, TestGateway gw, Vertx vertx) {
        long before = Metrics.requests(gw, "Echo/1.0", "4xx");
        HttpClient client = client(vertx, p);
        HttpClientRequest req = Await.result(client.request(HttpMethod.GET, gw.port(), "127.0.0.1", echoApi.path() + "/bytes/50000000"));
        Promise<Void> firstBytes = Promise.promise();
        req.send().onSuccess(res -> res.handler(b -> firstBytes.tryComplete()));
        Await.result(firstBytes.future());
        abort(req, p);
        assertCountedOnce(gw, echoApi, "4xx", before);
        Await.result(client.close());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Protocol.class)
    void client_gone_in_the_middle_of_the_upload(Protocol p, TestGateway gw, Vertx vertx) {
        long before = Metrics.requests(gw, "Echo/1.0", "4xx");
        HttpClient client = client(vertx, p);
        HttpClientRequest req = Await.result(client.request(new RequestOptions().setMethod(HttpMethod.POST).setPort(gw.port())
            .setHost("127.0.0.1").setURI(echoApi.path() + "/upload").putHeader("Content-Length", "10000000")));
        req.write(Buffer.buffer(new byte[65_536]));
        Poll.until("admitted", () -> NodeProbe.of(gw.node()).inFlight() == 1);
        abort(req, p);
        assertCountedOnce(gw, echoApi, "4xx", before);
        Await.result(client.close());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Protocol.class)
    void backend_refused_is_a_503_counted_once(Protocol p, TestGateway gw, Vertx vertx) {
        assertEndsWith(p, gw, vertx, unreachable, "/get", 503, "5xx");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Protocol.class)
    void backend_silent_past_its_timeout_is_a_504_counted_once(Protocol p, TestGateway gw, Vertx vertx) {
        assertEndsWith(p, gw, vertx, echoApi, "/delay/3000", 504, "5xx");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Protocol.class)
    void policy_rejection_is_counted_once(Protocol p, TestGateway gw, Vertx vertx) {
        assertEndsWith(p, gw, vertx, keyed, "/get", 401, "4xx");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Protocol.class)
    void error_written_by_the_error_responder_is_counted_once(Protocol p, TestGateway gw, Vertx vertx) {
        assertEndsWith(p, gw, vertx, echoApi, "/not-declared", 404, "4xx");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Protocol.class)
    void backend_reset_in_the_middle_of_the_body_resets_the_client_and_is_counted_once(Protocol p, TestGateway gw, Vertx vertx) {
        long before = Metrics.requests(gw, "Breaking/1.0", "5xx");
        HttpClient client = client(vertx, p);
        Future<Buffer> body = client.request(HttpMethod.GET, gw.port(), "127.0.0.1", breaking.path() + "/half")
            .compose(HttpClientRequest::send).compose(res -> res.body());
        Throwable failure = Await.result(body.transform(ar -> Future.succeededFuture(ar.cause())));
        assertTrue(failure != null, "a truncated body must reach the client as a failure, never as a complete one");
        assertCountedOnce(gw, breaking, "5xx", before); // 502: the head went out, the backend broke
        Await.result(client.close());
    }

    private void assertEndsWith(Protocol p, TestGateway gw, Vertx vertx, DeployedApi api, String path, int status,
                                String statusClass) {
        long before = Metrics.requests(gw, api.name() + "/" + api.version(), statusClass);
        HttpClient client = client(vertx, p);
        int got = Await.result(client.request(HttpMethod.GET, gw.port(), "127.0.0.1", api.path() + path)
            .compose(HttpClientRequest::send).compose(res -> res.body().map(b -> res.statusCode())));
        assertEquals(status, got);
        assertCountedOnce(gw, api, statusClass, before);
        Await.result(client.close());
    }
}
