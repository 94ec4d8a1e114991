package dev.apigw.emulator.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

/**
 * A real Redis Cluster of three masters (no replicas) on loopback, made of the test binary ({@link RedisServer}) in
 * cluster mode. Slots are assigned by commands, as {@code redis-cli --cluster create} would (the embedded binary
 * comes without redis-cli): each node gets a third of the 16384 slots and a distinct config epoch, then meets the
 * others. Each node keeps an append-only file and its nodes.conf in its own directory, so {@link #kill(int)} and
 * {@link #restart(int)} bring it back with its data and its slots. {@link #close()} kills every node and deletes the
 * directory.
 */
public final class RedisClusterSet implements AutoCloseable {
    private static final int SLOTS = 16384;
    private final Path dir = RedisServer.tempDir("apigw-test-cluster");
    private final List<RedisServer> nodes = new ArrayList<>();

    private RedisClusterSet() {
    }

    /** Starts three masters and returns once every node reports {@code cluster_state:ok}. */
    public static RedisClusterSet start() {
        RedisClusterSet set = new RedisClusterSet();
        try {
            set.launch(3);
            set.assignSlotsAndMeet();
            Poll.until("the cluster is formed", 20_000, set::isOk);
            return set;
        } catch (RuntimeException | Error e) {
            set.close();
            throw e;
        }
    }

    private void launch(int count) {
        for (int i = 0; i < count; i++) {
            int port = portWithFreeBusPort();
            Path own = dir.resolve("node-" + port);
            own.toFile().mkdirs();
            nodes.add(RedisServer.launch(port, null, List.of("--cluster-enabled", "yes",
                "--cluster-config-file", "nodes.conf", "--cluster-node-timeout", "1000",
                "--appendonly", "yes", "--appendfsync", "always", "--dir", own.toString())));
        }
    }

    private void assignSlotsAndMeet() {
        int per = SLOTS / nodes.size();
        for (int i = 0; i < nodes.size(); i++) {
            int from = i * per;
            int to = i == nodes.size() - 1 ? SLOTS - 1 : from + per - 1;
            List<Object> args = new ArrayList<>(List.of("CLUSTER", "ADDSLOTS"));
            for (int slot = from; slot <= to; slot++) args.add(slot);
            Resp.call(port(i), args.toArray());
            Resp.call(port(i), "CLUSTER", "SET-CONFIG-EPOCH", i + 1);
        }
        for (int i = 1; i < nodes.size(); i++) Resp.call(port(0), "CLUSTER", "MEET", "127.0.0.1", port(i));
    }

    private boolean isOk() {
        for (RedisServer n : nodes) {
            String info = Resp.text(n.port(), "CLUSTER", "INFO");
            if (!info.contains("cluster_state:ok") || !info.contains("cluster_known_nodes:" + nodes.size())) return false;
        }
        return true;
    }

    /** {@code redis-cluster://127.0.0.1:p1,127.0.0.1:p2,127.0.0.1:p3}: every node as a seed. */
    public String url() {
        return "redis-cluster://" + nodes.stream().map(n -> "127.0.0.1:" + n.port()).collect(Collectors.joining(","));
    }

    public int port(int node) {
        return nodes.get(node).port();
    }

    /** Kills node {@code i} as a crash would: its slot range is down until {@link #restart(int)}. */
    public void kill(int i) {
        nodes.get(i).stop();
    }

    /** Starts node {@code i} again with its data and slots, and waits until the cluster is whole again. */
    public void restart(int i) {
        nodes.get(i).start();
        Poll.until("the cluster is whole again", 20_000, this::isOk);
    }

    @Override
    public void close() {
        nodes.forEach(RedisServer::close);
        RedisServer.deleteTree(dir);
    }

    /** A free port whose cluster bus port (+10000) is free too. */
    private static int portWithFreeBusPort() {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(20_000, 40_000);
            if (free(port) && free(port + 10_000)) return port;
        }
        throw new IllegalStateException("no free port pair for a cluster node");
    }

    private static boolean free(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
