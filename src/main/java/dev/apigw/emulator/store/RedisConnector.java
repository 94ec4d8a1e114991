package dev.apigw.emulator.store;

import dev.apigw.emulator.config.RedisConfig;
import dev.apigw.emulator.config.RedisUrl;
import dev.apigw.emulator.config.RedisUrl.Topology;
import dev.apigw.emulator.lifecycle.Lifecycle;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.RedisReplicas;
import io.vertx.redis.client.RedisRole;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The shared Redis of a node, whatever its deployment ({@link RedisUrl}): builds the Vert.x client for it (one
 * server, a Sentinel-managed master, or a Cluster), runs the stores' commands with a deadline, and gives the
 * change-feed subscriber the options of its own connection. Closed last, after every store.
 *
 * <p>Every command goes to a master ({@link RedisRole#MASTER}, {@link RedisReplicas#NEVER}): each read of the
 * gateway either follows a write made moments before, possibly on another node (an admin write answered once the
 * route table has it, a token used right after it was issued) or is a write itself (rate limits), so a replica's
 * lag would show as lost writes. Thread-safe; the client is shared by every event loop.
 */
public final class RedisConnector implements Lifecycle {
    private final Vertx vertx;
    private final RedisUrl url;
    private final RedisConfig config;
    private final Redis client;

    public RedisConnector(Vertx vertx, RedisConfig config) {
        this.vertx = vertx;
        this.config = config;
        this.url = config.endpoint();
        this.client = Redis.createClient(vertx, clientOptions(url, config.maxPoolSize()));
    }

    /** The options of the shared, pooled client: every topology's commands reach its master. */
    static RedisOptions clientOptions(RedisUrl url, int maxPoolSize) {
        RedisOptions options = base(url).setMaxPoolSize(maxPoolSize).setMaxPoolWaiting(4096).setMaxWaitingHandlers(4096);
        if (url.topology() == Topology.CLUSTER) options.setUseReplicas(RedisReplicas.NEVER);
        return options;
    }

    /**
     * The options of a change-feed connection, attempt {@code attempt} (0, 1, ...). Sentinel: the current master,
     * looked up afresh on each attempt (no automatic failover of the connection: a subscription must be made again
     * on the new master, so the subscriber reconnects itself). Cluster: classic pub/sub is broadcast to every node,
     * so any one node will do; successive attempts walk through the seed nodes, skipping one that is down.
     */
    static RedisOptions subscriberOptions(RedisUrl url, int attempt) {
        if (url.topology() != Topology.CLUSTER) return base(url).setAutoFailover(false);
        String seed = url.nodes().get(Math.floorMod(attempt, url.nodes().size()));
        return new RedisOptions().setType(RedisClientType.STANDALONE).setConnectionString(seed);
    }

    private static RedisOptions base(RedisUrl url) {
        RedisOptions options = new RedisOptions().setEndpoints(new java.util.ArrayList<>(url.nodes()));
        return switch (url.topology()) {
            case STANDALONE -> options.setType(RedisClientType.STANDALONE);
            case SENTINEL -> options.setType(RedisClientType.SENTINEL).setMasterName(url.masterName())
                .setRole(RedisRole.MASTER);
            case CLUSTER -> options.setType(RedisClientType.CLUSTER);
        };
    }

    /** The shared client, for callers that manage their own connections (the rate-limit lanes). */
    public Redis client() {
        return client;
    }

    public RedisUrl url() {
        return url;
    }

    /** True for a Redis Cluster: a batch of commands must stay within one node, so callers group by hash tag. */
    public boolean clustered() {
        return url.topology() == Topology.CLUSTER;
    }

    /** A new client for one change-feed connection attempt; the caller closes it. */
    Redis subscriberClient(int attempt) {
        return Redis.createClient(vertx, subscriberOptions(url, attempt));
    }

    long pingIntervalMs() {
        return config.pingIntervalMs();
    }

    /** The bound on each command ({@code redis.commandTimeoutMs}). */
    public long timeoutMs() {
        return config.commandTimeoutMs();
    }

    /** One command, bounded by {@code commandTimeoutMs}; any failure becomes {@link StoreUnavailableException}. */
    public Future<Response> send(Request request) {
        return client.send(request).timeout(config.commandTimeoutMs(), TimeUnit.MILLISECONDS)
            .recover(err -> Future.failedFuture(new StoreUnavailableException(describe() + " did not answer: "
                + reason(err), err)));
    }

    /**
     * Commands sent together in one round trip, bounded as {@link #send} is. On a Cluster every command of the batch
     * must name keys of one hash slot (e.g. one key, or keys sharing a {@code {hash tag}}), since a batch goes to
     * one node.
     */
    public Future<List<Response>> batch(List<Request> requests) {
        return client.batch(requests).timeout(config.commandTimeoutMs(), TimeUnit.MILLISECONDS)
            .recover(err -> Future.failedFuture(new StoreUnavailableException(describe() + " did not answer: "
                + reason(err), err)));
    }

    /** {@code Redis sentinel 'mymaster'}, {@code Redis cluster}, {@code Redis}: how errors and logs name it. */
    public String describe() {
        return switch (url.topology()) {
            case STANDALONE -> "Redis";
            case SENTINEL -> "Redis (Sentinel master set '" + url.masterName() + "')";
            case CLUSTER -> "Redis Cluster";
        };
    }

    /** Health details: the topology and the nodes it was configured with (password masked). */
    public JsonObject health() {
        return new JsonObject().put("topology", url.topology().name().toLowerCase()).put("url", url.redacted());
    }

    private static String reason(Throwable err) {
        if (err instanceof java.util.concurrent.TimeoutException || String.valueOf(err.getMessage()).startsWith("Timeout")) {
            return "no answer in time";
        }
        String m = err.getMessage() == null ? err.getClass().getSimpleName() : err.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    @Override
    public String name() {
        return "redis client";
    }

    @Override
    public Future<Void> stop() {
        return client.close().otherwiseEmpty();
    }
}
