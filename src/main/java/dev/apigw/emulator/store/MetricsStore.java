package dev.apigw.emulator.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Published metrics (performance, license) and persisted quota counters: append-only records per kind, readable
 * back so a rehearsal can compare them with what it sent. Implementations: {@link EmbeddedMetricsStore} (JSON lines
 * under the data directory) and {@link RedisMetricsStore} (a list per kind, shared by the cluster).
 * Non-blocking, callable from any event loop; store failures fail the future with {@link StoreUnavailableException}.
 */
public interface MetricsStore {

    /** Appends the records of one publication; completes once they are durable. */
    Future<Void> append(String kind, List<JsonObject> records);

    /** Removes every record of a kind (an emulator reset). */
    Future<Void> clear(String kind);

    /** Every record of a kind, oldest first. */
    Future<List<JsonObject>> read(String kind);
}
