package dev.apigw.emulator.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;

/** A Redis list per kind ({@code apigw:metrics:<kind>}); one RPUSH per publication, shared by every node. */
public final class RedisMetricsStore implements MetricsStore {
    static final String PREFIX = "apigw:metrics:";

    private final RedisConnector redis;

    public RedisMetricsStore(RedisConnector redis) {
        this.redis = redis;
    }

    /** The list holding every record of a kind: what a migration reads from an old cluster's Redis. */
    public static String key(String kind) {
        return PREFIX + kind;
    }

    @Override
    public Future<Void> append(String kind, List<JsonObject> records) {
        if (records.isEmpty()) return Future.succeededFuture();
        Request push = Request.cmd(Command.RPUSH).arg(PREFIX + kind);
        for (JsonObject r : records) push.arg(r.encode());
        return send(push).mapEmpty();
    }

    @Override
    public Future<List<JsonObject>> read(String kind) {
        return send(Request.cmd(Command.LRANGE).arg(PREFIX + kind).arg(0).arg(-1)).map(resp -> {
            List<JsonObject> out = new ArrayList<>(resp.size());
            for (Response r : resp) out.add(new JsonObject(r.toString()));
            return out;
        });
    }

    @Override
    public Future<Void> clear(String kind) {
        return send(Request.cmd(Command.DEL).arg(PREFIX + kind)).mapEmpty();
    }

    private Future<Response> send(Request request) {
        return redis.send(request);
    }
}
