package dev.apigw.emulator.rehearsal;

import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * What the rehearsal runs on this machine: the backend and the webhook receiver (Vert.x, in this process), with
 * {@code --redis} the old and the new cluster's Redis, and the two nodes as processes (each its own data directory
 * under the result directory; the old node gets its quiesce port through the admin API during the rehearsal, the new
 * one starts with one configured). {@link #close()} ends whatever still runs.
 */
final class Topology implements AutoCloseable {
    static final String USER = "Administrator";
    static final String PASSWORD = "manage";

    final Vertx vertx = Vertx.vertx();
    final WebClient web = NodeClient.web(vertx);
    final Backend backend;
    final WebhookReceiver hooks = new WebhookReceiver(vertx);
    final int oldQuiescePort = NodeProcess.freePort();
    final int newQuiescePort = NodeProcess.freePort();
    private final boolean redis;
    private RedisProcess oldRedis;
    private RedisProcess newRedis;
    NodeProcess oldNode;
    NodeProcess newNode;

    private Topology(RehearsalOptions options) {
        this.backend = new Backend(vertx, options.backendDelayMs());
        this.redis = options.redis();
    }

    static Topology start(RehearsalOptions options, Path dir) {
        Topology t = new Topology(options);
        try {
            Sync.await(t.backend.start(), Duration.ofSeconds(10), "the backend");
            Sync.await(t.hooks.start(), Duration.ofSeconds(10), "the webhook receiver");
            Map<String, String> oldEnv = env(options, dir.resolve("old-data"), "0");
            Map<String, String> newEnv = env(options, dir.resolve("new-data"), String.valueOf(t.newQuiescePort));
            if (options.redis()) {
                t.oldRedis = RedisProcess.start(options.redisBinary(), NodeProcess.freePort(), dir.resolve("old-redis.log"));
                t.newRedis = RedisProcess.start(options.redisBinary(), NodeProcess.freePort(), dir.resolve("new-redis.log"));
                oldEnv.put("APIGW_REDIS_URL", t.oldRedis.url());
                newEnv.put("APIGW_REDIS_URL", t.newRedis.url());
            }
            // both start at once (each takes a few seconds), then both must listen
            t.oldNode = NodeProcess.launch("old", options, oldEnv, dir.resolve("old-node.log"));
            t.newNode = NodeProcess.launch("new", options, newEnv, dir.resolve("new-node.log"));
            t.oldNode.awaitListening();
            t.newNode.awaitListening();
            return t;
        } catch (RuntimeException e) {
            t.close();
            throw e;
        }
    }

    private static Map<String, String> env(RehearsalOptions options, Path dataDir, String quiescePort) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new HashMap<>(Map.of("APIGW_DATA_DIR", dataDir.toAbsolutePath().toString(), "APIGW_QUIESCE_PORT", quiescePort,
            "APIGW_AUTH_TOKEN_TTL_SECONDS", String.valueOf(options.tokenTtlSec())));
    }

    NodeClient oldAdmin() {
        return new NodeClient(web, oldNode.port(), USER, PASSWORD);
    }

    NodeClient newAdmin() {
        return new NodeClient(web, newNode.port(), USER, PASSWORD);
    }

    NodeClient oldQuiesce() {
        return new NodeClient(web, oldQuiescePort, USER, PASSWORD);
    }

    NodeClient newQuiesce() {
        return new NodeClient(web, newQuiescePort, USER, PASSWORD);
    }

    String topology() {
        return redis ? "redis" : "embedded";
    }

    /** Where reindex core reads: the old node's main URL, or the old cluster's Redis. */
    String coreSource() {
        return redis ? oldRedis.url() : oldAdmin().url();
    }

    /** Where reindex logsevents reads once the old node is quiesced for all: its quiesce port, or its Redis. */
    String logsEventsSource() {
        return redis ? oldRedis.url() : oldQuiesce().url();
    }

    String store(String node) {
        if (!redis) return "embedded (" + node + "-data/)";
        return (node.equals(TrafficTally.OLD) ? oldRedis : newRedis).url();
    }

    @Override
    public void close() {
        if (oldNode != null) oldNode.close();
        if (newNode != null) newNode.close();
        if (oldRedis != null) oldRedis.close();
        if (newRedis != null) newRedis.close();
        Sync.await(vertx.close(), Duration.ofSeconds(10), "closing Vert.x");
    }
}
