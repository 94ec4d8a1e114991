package dev.apigw.emulator.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apigw.emulator.model.PolicyActions;
import dev.apigw.emulator.support.Eventually;
import dev.apigw.emulator.support.Load;
import dev.apigw.emulator.support.RedisSentinelSet;
import dev.apigw.emulator.support.TestApis;
import dev.apigw.emulator.support.TestGateway;
import dev.apigw.emulator.support.Throttles;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two gateway nodes on a real Sentinel-managed master set ({@code redis-sentinel://}, one master, one replica,
 * three Sentinels): everything of {@link SharedStoreContract}; then the master is killed while traffic runs.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisSentinelTopologyIT extends SharedStoreContract {
    static final String WRITE = "{\"policyAction\":{\"templateKey\":\"logInvocation\"}}";
    RedisSentinelSet sentinel;

    @Override
    String startStore() {
        sentinel = RedisSentinelSet.start();
        return sentinel.url();
    }

    @Override
    void stopStore() {
        if (sentinel != null) sentinel.close();
    }

    private static Response write(TestGateway gw) {
        return gw.admin().contentType("application/json").body(WRITE).post("/rest/apigateway/policyActions");
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void a_failover_under_load_keeps_traffic_flowing_refuses_writes_with_a_reason_then_resumes_without_restart() {
        String name = randomName();
        String path = "/gateway/" + name + "/1.0/get";
        String api = TestApis.register(a, name, "1.0", TestApis.openApi(name, echoUrl(), "/get"));
        Throttles.attachToApi(a, api, Throttles.createAction(a, Throttles.action(1_000_000, 1, "hours",
            List.of("AnyConsumers"), PolicyActions.param("onStoreError", "FAIL_OPEN"))));
        a.admin().put("/rest/apigateway/apis/" + api + "/activate").then().statusCode(200);
        awaitDeployed(path);
        List<String> acknowledged = new ArrayList<>();
        for (int i = 0; i < 5; i++) acknowledged.add(write(a).then().statusCode(201).extract().path("policyAction.id"));

        Load load = Load.start(List.of("http://127.0.0.1:" + a.port() + path, "http://127.0.0.1:" + b.port() + path));
        Eventually.until(Duration.ofSeconds(5), "traffic runs", () -> load.counts().getOrDefault(200, 0L) > 20);
        int oldMaster = sentinel.killMaster();
        long killed = System.nanoTime();
        Map<Integer, Integer> writeStatuses = new TreeMap<>();
        String reason = null;
        while (true) {
            Response r = write(a);
            writeStatuses.merge(r.statusCode(), 1, Integer::sum);
            if (r.statusCode() == 201) {
                acknowledged.add(r.path("policyAction.id"));
                break;
            }
            if (reason == null) reason = r.path("errorDetails");
            assertTrue(System.nanoTime() - killed < 20_000_000_000L, "writes accepted again within 20 s: " + writeStatuses);
        }
        long resumedMs = (System.nanoTime() - killed) / 1_000_000;
        // a change made while node B's change feed may still be reconnecting reaches it
        String late = randomName();
        TestApis.registerActive(a, late, "1.0", echoUrl(), "/get");
        Eventually.until(Duration.ofSeconds(5), "node B serves the API published right after the failover",
            () -> status(b, "/gateway/" + late + "/1.0/get") == 200);
        for (int i = 0; i < 5; i++) acknowledged.add(write(b).then().statusCode(201).extract().path("policyAction.id"));
        Map<Integer, Long> traffic = load.stop();

        assertTrue(sentinel.masterPort() != oldMaster, "a replica was promoted");
        assertTrue(resumedMs < 15_000, "design-time writes resumed " + resumedMs + " ms after the kill");
        assertEquals(Set.of(200), traffic.keySet(), "every request answered 200 during the failover: " + traffic);
        assertTrue(writeStatuses.keySet().stream().allMatch(s -> s == 201 || s == 503), "writes: " + writeStatuses);
        if (reason != null) assertTrue(reason.contains("did not answer"), reason);
        for (String id : acknowledged) {
            b.admin().get("/rest/apigateway/policyActions/" + id).then().statusCode(200);
        }
        System.out.printf("failover: writes resumed after %d ms (%s); runtime answers meanwhile %s%n",
            resumedMs, writeStatuses, traffic);
    }
}
