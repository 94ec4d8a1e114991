package dev.apigw.emulator.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A real Sentinel-managed master set on loopback: one master, one replica and three Sentinels (quorum 2), all the
 * test binary ({@link RedisServer}; a Sentinel is {@code redis-server <conf> --sentinel}). Sentinels call a master
 * down after 1 s without an answer, so a killed master is replaced within a few seconds. Both data servers keep an
 * append-only file, so a server killed and started again comes back with its data. {@link #close()} kills every
 * process and deletes the directory.
 */
public final class RedisSentinelSet implements AutoCloseable {
    public static final String MASTER_SET = "mymaster";
    private final Path dir = RedisServer.tempDir("apigw-test-sentinel");
    private final List<RedisServer> servers = new ArrayList<>();
    private final List<RedisServer> sentinels = new ArrayList<>();

    private RedisSentinelSet() {
    }

    /** Starts the set and returns once every Sentinel knows the replica and the two other Sentinels. */
    public static RedisSentinelSet start() {
        RedisSentinelSet set = new RedisSentinelSet();
        try {
            RedisServer master = set.server(List.of());
            set.server(List.of("--replicaof", "127.0.0.1", String.valueOf(master.port())));
            Poll.until("the replica is in sync", 15_000,
                () -> Resp.text(set.servers.get(1).port(), "INFO", "replication").contains("master_link_status:up"));
            for (int i = 0; i < 3; i++) set.sentinel(i, master.port());
            Poll.until("the Sentinels know each other and the replica", 20_000, set::settled);
            return set;
        } catch (RuntimeException | Error e) {
            set.close();
            throw e;
        }
    }

    private RedisServer server(List<String> extra) {
        int port = RedisServer.freePort();
        Path own = dir.resolve("server-" + port);
        own.toFile().mkdirs();
        List<String> args = new ArrayList<>(List.of("--appendonly", "yes", "--appendfsync", "always", "--dir", own.toString()));
        args.addAll(extra);
        RedisServer s = RedisServer.launch(port, null, args);
        servers.add(s);
        return s;
    }

    private void sentinel(int index, int masterPort) {
        int port = RedisServer.freePort();
        Path conf = dir.resolve("sentinel-" + index + ".conf");
        try {
            Files.writeString(conf, String.join("\n",
                "port " + port, "bind 127.0.0.1", "protected-mode no", "dir " + dir,
                "sentinel monitor " + MASTER_SET + " 127.0.0.1 " + masterPort + " 2",
                "sentinel down-after-milliseconds " + MASTER_SET + " 1000",
                "sentinel failover-timeout " + MASTER_SET + " 4000",
                "sentinel parallel-syncs " + MASTER_SET + " 1", ""));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        sentinels.add(RedisServer.launchSentinel(port, conf, null));
    }

    @SuppressWarnings("unchecked")
    private boolean settled() {
        for (RedisServer s : sentinels) {
            List<Object> fields = (List<Object>) Resp.call(s.port(), "SENTINEL", "MASTER", MASTER_SET);
            String flat = fields.toString();
            if (!flat.contains("num-slaves, 1") || !flat.contains("num-other-sentinels, 2")) return false;
        }
        return true;
    }

    /** {@code redis-sentinel://127.0.0.1:s1,127.0.0.1:s2,127.0.0.1:s3/mymaster} */
    public String url() {
        return "redis-sentinel://" + sentinels.stream().map(s -> "127.0.0.1:" + s.port())
            .collect(Collectors.joining(",")) + "/" + MASTER_SET;
    }

    /** The port of the master the Sentinels currently name (from a Sentinel that is running). */
    @SuppressWarnings("unchecked")
    public int masterPort() {
        for (RedisServer s : sentinels) {
            if (!s.isRunning()) continue;
            List<Object> addr = (List<Object>) Resp.call(s.port(), "SENTINEL", "GET-MASTER-ADDR-BY-NAME", MASTER_SET);
            return Integer.parseInt(addr.get(1).toString());
        }
        throw new IllegalStateException("no Sentinel is running");
    }

    /** The data server on {@code port} (master or replica). */
    public RedisServer server(int port) {
        return servers.stream().filter(s -> s.port() == port).findFirst().orElseThrow();
    }

    /** Kills the current master's process, as a crash would; returns its port. */
    public int killMaster() {
        int port = masterPort();
        server(port).stop();
        return port;
    }

    /** Waits until the Sentinels name a master other than {@code oldPort} that answers as one. */
    public int awaitNewMaster(int oldPort, long timeoutMs) {
        Poll.until("a replica is promoted", timeoutMs, () -> {
            int now = masterPort();
            return now != oldPort && Resp.text(now, "INFO", "replication").contains("role:master");
        });
        return masterPort();
    }

    /** Stops {@code n} of the three Sentinels: with fewer than the quorum (2) left, no failover can happen. */
    public void stopSentinels(int n) {
        for (int i = 0; i < n; i++) sentinels.get(sentinels.size() - 1 - i).stop();
    }

    @Override
    public void close() {
        sentinels.forEach(RedisServer::close);
        servers.forEach(RedisServer::close);
        RedisServer.deleteTree(dir);
    }
}
