package dev.apigw.emulator.rehearsal;

import java.util.List;

/**
 * The rehearsal's command line ({@code loadtest/rehearse.sh} runs it):
 * {@code java -cp target/apigw-emulator.jar dev.apigw.emulator.rehearsal.Rehearse [--redis] [--rate N] [--duration S]
 * [--gatling] ...}. Rehearses the zero-downtime upgrade between two emulator nodes it starts, under traffic, prints
 * the report and writes it under {@code loadtest/results/<timestamp>/}. It drives the nodes through their public
 * HTTP APIs only. Exit status 0 when the rehearsal passed, 1 when not, 2 for bad options.
 */
public final class Rehearse {
    private Rehearse() {
    }

    public static void main(String[] args) {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.print(RehearsalOptions.USAGE);
            return;
        }
        RehearsalOptions options;
        try {
            options = RehearsalOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(RehearsalOptions.USAGE);
            System.exit(2);
            return;
        }
        Result result = run(options);
        System.out.println();
        System.out.print(result.markdown());
        System.out.println();
        System.out.println("Report: " + result.dir().resolve("report.md") + " (and report.json)");
        System.exit(result.passed() ? 0 : 1);
    }

    static Result run(RehearsalOptions options) {
        RehearsalReport report = new Rehearsal(options).run();
        return new Result(report.passed(), report.dir(), report.json().encode(), report.markdown());
    }

    /** Runs one rehearsal from command-line arguments (the same code path as {@link #main}); never exits the JVM. */
    public static Result run(String... args) {
        return run(RehearsalOptions.parse(args));
    }

    /**
     * A finished rehearsal.
     *
     * @param passed   no call failed, every step succeeded, every total reconciled
     * @param dir      the result directory (report.md, report.json, traffic.json, node logs)
     * @param json     the report as JSON text
     * @param markdown the report as Markdown
     */
    public record Result(boolean passed, java.nio.file.Path dir, String json, String markdown) {
    }
}
