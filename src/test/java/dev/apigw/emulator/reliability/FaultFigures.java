package dev.apigw.emulator.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * Figures the fault suite measured, appended to {@code target/fault-figures.txt} (and printed), from which
 * RELIABILITY.md's numbers come.
 */
final class FaultFigures {
    private FaultFigures() {
    }

    static void record(String scenario, String figure) {
        String line = Instant.now() + "  " + scenario + ": " + figure;
        System.out.println("[fault-figures] " + line);
        try {
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target", "fault-figures.txt"), line + System.lineSeparator(),
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            // the figure is printed either way
        }
    }
}
