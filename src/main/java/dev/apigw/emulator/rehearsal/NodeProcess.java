package dev.apigw.emulator.rehearsal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One emulator node as users run it: {@code java -jar apigw-emulator.jar} in a process of its own, configured
 * through {@code APIGW_*} variables, its output copied to a log file (read on a thread of its own, never an event
 * loop). The main port is whatever free port the node bound ({@code APIGW_PORT=0}), read from its start line.
 */
final class NodeProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on [^:]+:(\\d+)");

    private final String name;
    private final Process process;
    private final Path log;
    private volatile int port = -1;

    private NodeProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
        Thread reader = new Thread(this::copyOutput, name + "-node-output");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts the jar with the built-in defaults, loopback, a free main port, no demo, plus {@code env}; returns at
     * once ({@link #awaitListening()} waits for the port).
     */
    static NodeProcess launch(String name, RehearsalOptions options, Map<String, String> env, Path log) {
        try {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> command = new ArrayList<>(List.of(java, "-Xmx" + options.nodeHeap()));
            command.addAll(options.nodeJavaOpts());
            command.addAll(List.of("-jar", options.jar().toAbsolutePath().toString()));
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            // no --config: the node must not pick up a config/gateway.yaml from the working directory
            pb.directory(log.getParent().toFile());
            pb.environment().keySet().removeIf(k -> k.startsWith("APIGW_"));
            pb.environment().putAll(Map.of("APIGW_HOST", "127.0.0.1", "APIGW_PORT", "0", "APIGW_DEMO_ENABLED", "false",
                "APIGW_INSTANCES", String.valueOf(options.nodeInstances())));
            pb.environment().putAll(env);
            return new NodeProcess(name, Children.started(pb.start()), log);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the " + name + " node: " + e.getMessage(), e);
        }
    }

    /** Waits until the node listens (its start line); a node that exits or stays silent for a minute fails. */
    NodeProcess awaitListening() {
        if (!Sync.poll(Duration.ofSeconds(60), 20, () -> port > 0 || !process.isAlive()) || port < 0) {
            close();
            throw new IllegalStateException("the " + name + " node did not start; see " + log);
        }
        return this;
    }

    private void copyOutput() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             Writer out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            for (String line; (line = r.readLine()) != null; ) {
                out.write(line);
                out.write('\n');
                out.flush();
                Matcher m = LISTENING.matcher(line);
                if (port < 0 && m.find()) port = Integer.parseInt(m.group(1));
            }
        } catch (IOException e) {
            // the process ended; its log file says what it wrote
        }
    }

    int port() {
        return port;
    }

    /** A loopback port free right now (for ports that must be named up front: quiesce ports, Redis). */
    static int freePort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    /** SIGTERM (a draining shutdown), then waits for the exit; the exit status, or -1 if it had to be killed. */
    int terminate(Duration timeout) {
        process.toHandle().destroy();
        try {
            if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                Children.ended(process);
                return process.exitValue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Children.kill(process);
        return -1;
    }

    @Override
    public void close() {
        Children.kill(process);
    }

    @Override
    public String toString() {
        return name + " node (pid " + process.pid() + ", port " + port + ")";
    }
}
