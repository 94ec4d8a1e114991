package dev.apigw.emulator.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real Redis for tests: {@code APIGW_TEST_REDIS_URL} if set (shared), otherwise a private {@code redis-server}
 * process on a free loopback port, from the PATH or else the binary shipped inside the embedded-redis artifact. If
 * none can start, the test fails (never skips). {@link #stop()} and {@link #start()} let failure tests take it away.
 */
public final class RedisServer implements AutoCloseable {
    private static RedisServer shared;
    private final int port;
    private final Path aofDir;
    private Process process;

    private RedisServer(int port, Path aofDir) {
        this.port = port;
        this.aofDir = aofDir;
    }

    /** One server for the whole test JVM, started on first use. */
    public static synchronized String sharedUrl() {
        String fromEnv = System.getenv("APIGW_TEST_REDIS_URL");
        if (fromEnv != null && !fromEnv.isBlank()) return fromEnv;
        if (shared == null) {
            shared = startNew();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared.url();
    }

    /** A private server the caller owns (stop, restart, close). */
    public static RedisServer startNew() {
        RedisServer server = new RedisServer(freePort(), null);
        server.start();
        return server;
    }

    /** A private server that keeps its data across {@link #stop()}/{@link #start()} (append-only file, fsync always). */
    public static RedisServer startNewPersistent() {
        try {
            RedisServer server = new RedisServer(freePort(), Files.createTempDirectory("apigw-test-redis"));
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
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
            List<String> persistence = aofDir == null ? List.of("--appendonly", "no")
                : List.of("--appendonly", "yes", "--appendfsync", "always", "--dir", aofDir.toString());
            List<String> args = new java.util.ArrayList<>(List.of(binary().toString(), "--port", String.valueOf(port),
                "--bind", "127.0.0.1", "--save", "", "--protected-mode", "no"));
            args.addAll(persistence);
            process = new ProcessBuilder(args)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start redis-server: " + e.getMessage(), e);
        }
        awaitListening();
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
    }

    @Override
    public void close() {
        stop();
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

    private static Path binary() throws IOException {
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
