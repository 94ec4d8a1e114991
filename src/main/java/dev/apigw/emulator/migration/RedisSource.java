package dev.apigw.emulator.migration;

import dev.apigw.emulator.archive.ArchiveWorkspace;
import dev.apigw.emulator.store.AssetType;
import dev.apigw.emulator.store.RedisAssetStore;
import dev.apigw.emulator.store.RedisMetricsStore;
import dev.apigw.emulator.store.RedisQuotaCounters;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The old cluster's Redis as a source: its asset hashes ({@code apigw:assets:<type>}, the layout of
 * {@link RedisAssetStore}) and metrics lists ({@code apigw:metrics:<kind>}, {@link RedisMetricsStore}) are read
 * directly, whatever state the old nodes are in. Everything is read before anything is written. A Redis that holds
 * no assets at all is not an API Gateway's (every node stores at least its JWT key): a failure.
 */
final class RedisSource implements MigrationSource {
    private static final int READ_CHUNK = 32;
    private final Redis redis;
    private final String url;
    private final long timeoutMs;
    private final CoreWriter writer;
    private final ArchiveWorkspace workspace;

    RedisSource(Vertx vertx, String url, long timeoutMs, CoreWriter writer, ArchiveWorkspace workspace) {
        this.redis = Redis.createClient(vertx, new RedisOptions().setConnectionString(url).setMaxPoolSize(2)
            .setMaxPoolWaiting(64));
        this.url = MigrationSource.redacted(url);
        this.timeoutMs = timeoutMs;
        this.writer = writer;
        this.workspace = workspace;
    }

    /** Reads every hash first (raw), parses them on a worker, then writes. */
    @Override
    public Future<JsonObject> copyCore() {
        Map<AssetType, Response> raw = new EnumMap<>(AssetType.class);
        Future<Void> chain = Future.succeededFuture();
        for (AssetType type : CoreWriter.ORDER) {
            chain = chain.compose(v -> send(Request.cmd(Command.HVALS).arg(RedisAssetStore.key(type))).map(values -> {
                raw.put(type, values);
                return null;
            }));
        }
        return chain.compose(v -> workspace.run(() -> documents(raw))).compose(docs -> {
            if (docs.values().stream().allMatch(List::isEmpty)) {
                return Future.failedFuture(new SourceException("the source Redis " + url + " holds no API Gateway assets "
                    + "(no apigw:assets:* hashes): it is not the old cluster's Redis"));
            }
            return writer.write(docs);
        });
    }

    private static Map<AssetType, List<JsonObject>> documents(Map<AssetType, Response> raw) {
        Map<AssetType, List<JsonObject>> docs = new EnumMap<>(AssetType.class);
        raw.forEach((type, values) -> {
            List<JsonObject> list = new ArrayList<>();
            for (JsonObject d : parse(values)) {
                if (type != AssetType.SETTINGS || !LogsEvents.QUOTA_COUNTERS.equals(d.getString("id"))) list.add(d);
            }
            docs.put(type, list);
        });
        return docs;
    }

    @Override
    public Future<LogsEvents> logsEvents() {
        Map<String, List<JsonObject>> records = new LinkedHashMap<>();
        Future<Void> chain = Future.succeededFuture();
        for (String kind : LogsEvents.KINDS) {
            chain = chain.compose(v -> send(Request.cmd(Command.LRANGE).arg(RedisMetricsStore.key(kind)).arg(0).arg(-1))
                .map(list -> records.put(kind, parse(list))).mapEmpty());
        }
        return chain.compose(v -> quotaCounters()).map(quota -> new LogsEvents(records, quota));
    }

    /**
     * The source's quota counters as one {@code quotaAccumulator} document: a hash per application
     * ({@code apigw:quotacounters:{<app>}}, {@link RedisQuotaCounters}) for each of its applications, over the settings
     * document older versions kept them in; null when it has neither.
     */
    private Future<JsonObject> quotaCounters() {
        Future<Response> legacy = send(Request.cmd(Command.HGET).arg(RedisAssetStore.key(AssetType.SETTINGS))
            .arg(LogsEvents.QUOTA_COUNTERS));
        Future<Response> apps = send(Request.cmd(Command.HVALS).arg(RedisAssetStore.key(AssetType.APPLICATIONS)));
        return Future.all(legacy, apps).compose(all -> {
            JsonObject old = all.resultAt(0) == null ? null : parseObject(all.<Response>resultAt(0).toString());
            JsonObject counters = old != null && old.getValue("counters") instanceof JsonObject c ? c.copy() : new JsonObject();
            List<String> ids = new ArrayList<>();
            for (JsonObject app : parse(all.resultAt(1))) if (app.getValue("id") instanceof String id) ids.add(id);
            Future<Void> reads = Future.succeededFuture();
            for (int from = 0; from < ids.size(); from += READ_CHUNK) { // within the small pool's wait queue
                List<String> part = ids.subList(from, Math.min(from + READ_CHUNK, ids.size()));
                reads = reads.compose(v -> Future.all(part.stream().map(id -> send(Request.cmd(Command.HMGET)
                    .arg(RedisQuotaCounters.key(id)).arg("startTime").arg("successCount").arg("failureCount")).map(r -> {
                        JsonObject cycle = RedisQuotaCounters.cycle(r);
                        if (cycle != null) counters.put(id, cycle);
                        return null;
                    })).toList()).mapEmpty());
            }
            return reads.map(v -> old == null && counters.isEmpty() ? null : new JsonObject().put("counters", counters));
        });
    }

    private static JsonObject parseObject(String text) {
        try {
            return new JsonObject(text);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static List<JsonObject> parse(Response values) {
        List<JsonObject> out = new ArrayList<>();
        if (values == null) return out;
        for (Response r : values) {
            try {
                out.add(new JsonObject(r.toString()));
            } catch (RuntimeException e) {
                // a value that is not a JSON object is no asset of ours: skipped, as a node skips it at start
            }
        }
        return out;
    }

    private Future<Response> send(Request request) {
        return redis.send(request).timeout(timeoutMs, TimeUnit.MILLISECONDS).recover(err -> Future.failedFuture(
            new SourceException("cannot read the source Redis " + url + ": " + err.getMessage())));
    }

    @Override
    public void close() {
        redis.close();
    }
}
