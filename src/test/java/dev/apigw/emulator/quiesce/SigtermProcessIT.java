package dev.apigw.emulator.quiesce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apigw.emulator.support.GatewayProcess;
import dev.apigw.emulator.support.Poll;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** SIGTERM on the real process: it drains the request still running, logs each phase, and exits 0 right after. */
class SigtermProcessIT {
    private static final String ADMIN = "Basic " + Base64.getEncoder().encodeToString("Administrator:manage".getBytes());
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void sigterm_with_one_slow_request_exits_0_within_a_second_of_its_end() throws Exception {
        try (GatewayProcess gw = GatewayProcess.start(Map.of())) {
            CompletableFuture<Long> answered = client.sendAsync(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + gw.port() + "/gateway/EchoAPI/1.0/delay/3000")).build(),
                HttpResponse.BodyHandlers.ofString()).thenApply(r -> {
                    assertEquals(200, r.statusCode());
                    return System.nanoTime();
                });
            Poll.until("the slow request in flight", () -> inFlight(gw.port()) == 2); // it and the GET asking
            gw.terminate();
            int status = gw.awaitExit(20_000);
            long lag = System.nanoTime() - answered.get();
            assertEquals(0, status, "exit status; output: " + gw.output());
            assertTrue(lag < 1_000_000_000L, "exited " + lag / 1_000_000 + " ms after the last request ended");
            List<String> log = gw.output();
            for (String phase : List.of("SIGTERM received", "draining 1 requests in flight", "flushed performance_metrics",
                "stopped; exiting with status 0")) {
                assertTrue(log.stream().anyMatch(l -> l.contains(phase)), "no log line with '" + phase + "' in " + log);
            }
        }
    }

    private int inFlight(int port) {
        try {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/rest/apigateway/quiescemode")).header("Authorization", ADMIN).build(), HttpResponse.BodyHandlers.ofString());
            return new JsonObject(r.body()).getInteger("inFlight");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
