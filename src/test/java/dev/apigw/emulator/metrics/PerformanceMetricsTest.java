package dev.apigw.emulator.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apigw.emulator.runtime.CompiledApi;
import dev.apigw.emulator.runtime.Exchange;
import dev.apigw.emulator.store.DataDirectory;
import dev.apigw.emulator.store.EmbeddedMetricsStore;
import dev.apigw.emulator.support.Await;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class PerformanceMetricsTest {
    static final CompiledApi API = new CompiledApi("id-1", "Orders", "2.0", null, null, null);

    @Test
    void a_flush_publishes_one_record_per_api_and_starts_a_new_interval(Vertx vertx) throws Exception {
        java.nio.file.Path dataDir = Files.createTempDirectory("apigw-perf");
        new DataDirectory(dataDir).claim(); // as the node's embedded asset store does at start
        EmbeddedMetricsStore store = new EmbeddedMetricsStore(vertx, dataDir);
        PerformanceMetrics perf = new PerformanceMetrics(vertx, store, 3_600_000, (kind, records) -> { });
        LicenseMetrics license = new LicenseMetrics(vertx, store, 3_600_000, (kind, records) -> { });
        for (int status : new int[] {200, 201, 404, 0}) {
            Exchange exchange = new Exchange(null, API, "/");
            exchange.backendTime(2_000_000);
            perf.completed(exchange, status);
            license.completed(exchange, status);
        }
        assertEquals(1, (int) Await.result(perf.flush()));
        assertEquals(1, (int) Await.result(license.flush()));
        assertEquals(0, (int) Await.result(perf.flush()), "the interval restarted empty");

        List<JsonObject> records = Await.result(store.read(PerformanceMetrics.KIND));
        JsonObject r = records.get(0);
        assertEquals("Orders", r.getString("apiName"));
        assertEquals(4, r.getInteger("count"));
        assertEquals(2, r.getInteger("success"));
        assertEquals(2, r.getInteger("failure"));
        assertEquals(2.0, r.getJsonObject("backendTimeMs").getDouble("max"));
        assertTrue(r.getJsonObject("totalTimeMs").getDouble("min") <= r.getJsonObject("totalTimeMs").getDouble("max"));
        assertEquals(4, Await.result(store.read(LicenseMetrics.KIND)).get(0).getInteger("transactions"));
    }
}
