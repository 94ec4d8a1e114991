package dev.apigw.emulator.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The gateway as users run it: {@code java -jar target/apigw-emulator.jar} in a process of its own (the jar is built
 * by the package phase, before failsafe runs), configured through APIGW_* variables, its output collected.
 */
public final class GatewayProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on [^:]+:(\\d+)");
    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private volatile int port = -1;

    private GatewayProcess(Process process) {
        this.process = process;
        Thread reader = new Thread(this::read, "gateway-process-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts the jar on a free port with a fresh data directory, the demo on, and the given extra variables. */
    public static GatewayProcess start(Map<String, String> env) {
        try {
            Path jar = Path.of("target", "apigw-emulator.jar");
            if (!Files.isRegularFile(jar)) throw new IllegalStateException(jar + " is missing: run mvn verify (package first)");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder pb = new ProcessBuilder(java, "-jar", jar.toString()).redirectErrorStream(true);
            pb.environment().putAll(Map.of("APIGW_HOST", "127.0.0.1", "APIGW_PORT", "0", "APIGW_INSTANCES", "1",
                "APIGW_DATA_DIR", Files.createTempDirectory("apigw-process").toString(), "APIGW_DEMO_ECHO_PORT", "0"));
            pb.environment().putAll(env);
            GatewayProcess gp = new GatewayProcess(pb.start());
            Poll.until("the gateway process listening", 30_000, () -> gp.port > 0 || !gp.process.isAlive());
            if (gp.port < 0) throw new IllegalStateException("the gateway process exited: " + gp.output);
            return gp;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void read() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                output.add(line);
                Matcher m = LISTENING.matcher(line);
                if (port < 0 && m.find()) port = Integer.parseInt(m.group(1));
            }
        } catch (IOException e) {
            output.add("(output ended: " + e + ")");
        }
    }

    public int port() {
        return port;
    }

    /** SIGTERM, as a container runtime or systemd sends it (Process#destroy would also close the output stream). */
    public void terminate() {
        process.toHandle().destroy();
    }

    /** Waits for the process to end; returns its exit status. */
    public int awaitExit(long timeoutMs) {
        try {
            if (!process.waitFor(timeoutMs, TimeUnit.MILLISECONDS)) throw new AssertionError("still running after " + timeoutMs + " ms");
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public List<String> output() {
        return List.copyOf(output);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
