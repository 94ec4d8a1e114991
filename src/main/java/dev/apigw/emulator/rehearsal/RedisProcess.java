package dev.apigw.emulator.rehearsal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A private redis-server for one cluster's store (the old cluster's or the new one's): the binary given with
 * {@code --redis-server} (rehearse.sh finds it as the tests do: on the PATH, or inside the embedded-redis artifact),
 * on a free loopback port, no persistence, its output in a log file.
 */
final class RedisProcess implements AutoCloseable {
    private final Process process;
    private final int port;

    private RedisProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static RedisProcess start(Path binary, int port, Path log) {
        try {
            Process p = Children.started(new ProcessBuilder(List.of(binary.toString(), "--port", String.valueOf(port), "--bind",
                "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "no"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start());
            RedisProcess redis = new RedisProcess(p, port);
            if (!Sync.poll(Duration.ofSeconds(15), 50, () -> redis.answersPing() || !p.isAlive()) || !p.isAlive()) {
                redis.close();
                throw new IllegalStateException("redis-server did not start on port " + port + "; see " + log);
            }
            return redis;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + binary + ": " + e.getMessage(), e);
        }
    }

    private boolean answersPing() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            OutputStream out = s.getOutputStream();
            out.write("PING\r\n".getBytes());
            InputStream in = s.getInputStream();
            return in.read() == '+';
        } catch (IOException e) {
            return false;
        }
    }

    String url() {
        return "redis://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        Children.kill(process);
    }
}
