package dev.apigw.emulator.quiesce;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apigw.emulator.NodeProbe;
import dev.apigw.emulator.support.Await;
import dev.apigw.emulator.support.DeployedApi;
import dev.apigw.emulator.support.Echo;
import dev.apigw.emulator.support.GatewayIT;
import dev.apigw.emulator.support.Poll;
import dev.apigw.emulator.support.TestGateway;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A drain ends when the real work ends: requests the clients abandoned are not waited for. */
@GatewayIT(set = "quiesce.drainTimeoutMs=60000", perTest = true)
class AbortedRequestsDrainIT {

    @Test
    void quiesce_all_after_30_aborted_requests_succeeds_within_a_second(TestGateway gw, Echo echo, Vertx vertx) {
        DeployedApi api = gw.deploy("apis/echo.json", echo);
        setUpQuiescePort(gw, Poll.freePort());
        HttpClient client = vertx.createHttpClient(new PoolOptions().setHttp1MaxSize(30));
        Poll.until("setup requests counted out", () -> NodeProbe.of(gw.node()).inFlight() == 0);
        List<HttpClientRequest> requests = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            HttpClientRequest req = Await.result(client.request(HttpMethod.GET, gw.port(), "127.0.0.1", api.path() + "/delay/60000"));
            req.end();
            requests.add(req);
        }
        Poll.until("30 requests in flight", () -> NodeProbe.of(gw.node()).inFlight() == 30);
        requests.forEach(r -> r.connection().close()); // the clients give up (a Gatling timeout, curl -m1)
        Poll.until("aborted requests counted out", 1_000, () -> NodeProbe.of(gw.node()).inFlight() == 0);

        long start = System.nanoTime();
        gw.admin().contentType("application/json").body("{\"enable\":true,\"block\":\"all\"}")
            .put("/rest/apigateway/quiescemode").then().statusCode(200);
        Poll.until("quiesce all succeeded", 1_000, () -> NodeProbe.of(gw.node()).quiesceState() == QuiesceState.QUIESCED
            && "success".equals(NodeProbe.of(gw.node()).quiesceView().getString("status")));
        assertTrue(System.nanoTime() - start < 1_000_000_000L, "quiesce all took longer than a second");
        Await.result(client.close());
    }

    /** The zero-downtime guide's set-up calls: create the port, enable it, make it the quiesce port. */
    private static void setUpQuiescePort(TestGateway gw, int port) {
        gw.admin().contentType("application/json").body("{\"factoryKey\":\"webMethods/HTTP\",\"pkg\":\"WmRoot\",\"port\":\""
            + port + "\",\"portAlias\":\"QuiescePort\"}").post("/rest/apigateway/ports").then().statusCode(201);
        gw.admin().contentType("application/json").body("{\"listenerKey\":\"HTTPListener@" + port
            + "\",\"pkg\":\"WmRoot\",\"requestServiceStatus\":\"\"}").put("/rest/apigateway/ports/enable").then().statusCode(200);
        gw.admin().contentType("application/json").body("{\"portAlias\":\"QuiescePort\"}")
            .put("/invoke/wm.server.quiesce/setQuiescePort").then().statusCode(200);
    }
}
