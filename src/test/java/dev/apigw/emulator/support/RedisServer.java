package dev.apigw.emulator.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Redis for tests: {@code APIGW_TEST_REDIS_URL} if set (shared), otherwise a private {@code redis-server}
 * process on a free loopback port, from the PATH or else the binary shipped inside the embedded-redis artifact. If
 * none can start, the test fails (never skips). {@link #stop()} and {@link #start()} let failure tests take it away.
 * The same binary also runs as a Sentinel or a Cluster node ({@link RedisSentinelSet}, {@link RedisClusterSet}).
 * Every process still running when the JVM exits is killed, and a server's own directory is deleted on close.
 */
public final class RedisServer implements AutoCloseable {
    private static final Set<RedisServer> RUNNING = ConcurrentHashMap.newKeySet();
    private static RedisServer shared;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(RedisServer::stop)));
    }

    private final int port;
    private final List<String> args;
    private final Path ownDir;
    private Process process;

    private RedisServer(int port, List<String> args, Path ownDir) {
        this.port = port;
        this.args = List.copyOf(args);
        this.ownDir = ownDir;
    }

    /** One server for the whole test JVM, started on first use. */
    public static synchronized String sharedUrl() {
        String fromEnv = System.getenv("APIGW_TEST_REDIS_URL");
        if (fromEnv != null && !fromEnv.isBlank()) return fromEnv;
        if (shared == null) shared = startNew();
        return shared.url();
    }

    /** A private server the caller owns (stop, restart, close). */
    public static RedisServer startNew() {
        return launch(freePort(), null, List.of("--appendonly", "no"));
    }

    /** A private server that keeps its data across {@link #stop()}/{@link #start()} (append-only file, fsync always). */
    public static RedisServer startNewPersistent() {
        Path dir = tempDir("apigw-test-redis");
        return launch(freePort(), dir, List.of("--appendonly", "yes", "--appendfsync", "always", "--dir", dir.toString()));
    }

    /** A server on {@code port} with the usual test settings plus {@code extra}; {@code dir} is deleted on close. */
    static RedisServer launch(int port, Path dir, List<String> extra) {
        List<String> args = new ArrayList<>(List.of("--port", String.valueOf(port), "--bind", "127.0.0.1",
            "--save", "", "--protected-mode", "no"));
        args.addAll(extra);
        RedisServer server = new RedisServer(port, args, dir);
        server.start();
        return server;
    }

    /** The same binary as a Sentinel, from a config file it may rewrite (in {@code dir}, deleted on close). */
    static RedisServer launchSentinel(int port, Path config, Path dir) {
        RedisServer server = new RedisServer(port, List.of(config.toString(), "--sentinel"), dir);
        server.start();
        return server;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public static String randomKey(String prefix) {
        return prefix + ":" + UUID.randomUUID();
    }

    /** Starts (or restarts) the process on the same port and waits until it answers PING. */
    public synchronized void start() {
        try {
            List<String> command = new ArrayList<>();
            command.add(binary().toString());
            command.addAll(args);
            process = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            RUNNING.add(this);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start redis-server: " + e.getMessage(), e);
        }
        awaitListening();
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Kills the process (as a crash would) and waits for it to be gone. */
    public synchronized void stop() {
        if (process == null) return;
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
        RUNNING.remove(this);
    }

    @Override
    public void close() {
        stop();
        if (ownDir != null) deleteTree(ownDir);
    }

    static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // already gone
        }
    }

    private void awaitListening() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                s.getOutputStream().write("PING\r\n".getBytes());
                if (s.getInputStream().read() == '+') return;
            } catch (IOException e) {
                // not up yet
            }
            if (process != null && !process.isAlive()) throw new IllegalStateException("redis-server exited at start");
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new IllegalStateException("redis-server did not answer on port " + port);
    }

    /** The redis-server binary the tests run: from the PATH, else extracted from the embedded-redis artifact. */
    public static Path binary() throws IOException {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path p = Path.of(dir, "redis-server");
            if (Files.isExecutable(p)) return p;
        }
        return extractEmbedded();
    }

    private static synchronized Path extractEmbedded() throws IOException {
        String arch = System.getProperty("os.arch").contains("aarch64") ? "redis-server-6.2.7-linux-arm64"
            : "redis-server-6.2.6-v5-linux-amd64";
        Path target = Path.of(System.getProperty("java.io.tmpdir"), "apigw-test-" + arch);
        if (Files.isExecutable(target)) return target;
        try (InputStream in = RedisServer.class.getClassLoader().getResourceAsStream(arch)) {
            if (in == null) throw new IOException("no redis-server on the PATH and " + arch + " not in embedded-redis");
            Path tmp = Files.createTempFile("redis-server", ".part");
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            tmp.toFile().setExecutable(true);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        return target;
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
