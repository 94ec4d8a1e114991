package dev.apigw.emulator.rehearsal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The traffic as Gatling simulation (c), {@code loadtest/src/test/java/apigw/RehearsalSimulation.java}, run by
 * {@code mvn -f loadtest/pom.xml gatling:test} (from the repository root) with the nodes' URLs and the credentials as
 * system properties. The simulation writes {@code traffic.started} when its users start and, at its end,
 * {@code traffic.json} and {@code old-calls.csv} in the same shape as the built-in generator. Its HTML report stays
 * under {@code loadtest/target/gatling/}; its output goes to {@code gatling.log}.
 */
final class GatlingTraffic implements Traffic {
    /** How Gatling announces its HTML report ("Reports generated, please open the following file: file:///..."). */
    private static final String REPORT_LINE = "open the following file: ";
    private final List<String> command = new ArrayList<>();
    private final Path resultDir;
    private final int durationSec;
    private Process process;
    private Instant startedAt;
    private int exitStatus = -1;

    GatlingTraffic(RehearsalOptions options, int oldPort, int newPort, DemoAssets.Assets assets, Path resultDir) {
        Path pom = Path.of("loadtest", "pom.xml");
        if (!Files.isRegularFile(pom)) throw new IllegalStateException("--gatling runs from the repository root (" + pom + " is missing)");
        this.resultDir = resultDir.toAbsolutePath();
        this.durationSec = options.durationSec();
        command.add(options.mvn());
        command.add("-B");
        command.addAll(options.mvnArgs());
        command.addAll(List.of("-f", pom.toString(), "gatling:test", "-Dsimulation=apigw.RehearsalSimulation",
            "-DoldUrl=http://127.0.0.1:" + oldPort, "-DnewUrl=http://127.0.0.1:" + newPort,
            "-Drate=" + options.rate(), "-DdurationSec=" + options.durationSec(), "-Dusers=" + options.users(),
            "-DkeyApi=" + assets.keyApp().api().name(), "-DkeyPath=" + assets.keyApp().api().path(),
            "-DapiKey=" + assets.keyApp().apiKey(),
            "-DoauthApi=" + assets.oauthApp().api().name(), "-DoauthPath=" + assets.oauthApp().api().path(),
            "-DclientId=" + assets.oauthApp().clientId(), "-DclientSecret=" + assets.oauthApp().clientSecret(),
            "-DresultDir=" + this.resultDir));
    }

    @Override
    public void start() {
        try {
            process = Children.started(new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(resultDir.resolve("gatling.log").toFile()).start());
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
        }
        Path marker = resultDir.resolve("traffic.started");
        // Maven resolves and compiles the simulations first: minutes on a cold machine
        if (!Sync.poll(Duration.ofMinutes(10), 100, () -> Files.exists(marker) || !process.isAlive()) || !Files.exists(marker)) {
            Children.kill(process);
            throw new IllegalStateException("the Gatling simulation did not start; see " + resultDir.resolve("gatling.log"));
        }
        startedAt = Instant.now();
    }

    @Override
    public Instant startedAt() {
        return startedAt;
    }

    @Override
    public void release(Instant notBefore) {
        // the simulation's duration is a system property given at its start
    }

    @Override
    public TrafficTally finish() {
        try {
            if (!process.waitFor(durationSec + 300L, TimeUnit.SECONDS)) Children.kill(process);
            exitStatus = process.waitFor();
            Children.ended(process);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Children.kill(process);
        }
        if (!Files.isRegularFile(resultDir.resolve("traffic.json"))) {
            throw new IllegalStateException("the Gatling simulation wrote no traffic.json (exit status " + exitStatus
                + "); see " + resultDir.resolve("gatling.log"));
        }
        return TrafficTally.read(resultDir);
    }

    /** Maven's exit status: non-zero when a Gatling assertion failed. */
    int exitStatus() {
        return exitStatus;
    }

    /** The HTML report Gatling announced in its output, or null. */
    String htmlReport() {
        try {
            for (String line : Files.readAllLines(resultDir.resolve("gatling.log"))) {
                int at = line.toLowerCase(java.util.Locale.ROOT).indexOf(REPORT_LINE);
                if (at >= 0) return line.substring(at + REPORT_LINE.length()).trim();
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
