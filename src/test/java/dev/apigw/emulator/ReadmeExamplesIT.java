package dev.apigw.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Runs the documentation's tour: every fenced block whose info string is {@code sh tour}, from README.md and then
 * docs/*.md in name order, as one bash session against a fresh emulator, checking the documented answers.
 *
 * <p>The convention, for anyone writing docs:
 * <ul>
 *   <li>{@code ```sh tour} marks a block to run; {@code ```bash} blocks are not run.</li>
 *   <li>Blocks run in order in one shell ({@code set -euo pipefail}), so a variable set in one is seen by the next.
 *       The working directory is the repository root.</li>
 *   <li>{@code localhost:5555} and {@code localhost:4444} are rewritten to the test node's main and quiesce ports,
 *       {@code 127.0.0.1:9091} to its demo echo backend.</li>
 *   <li>A line {@code # expect: TEXT} says the block's output must contain TEXT, after the previous expectation's
 *       match (answers in the order the block prints them).</li>
 * </ul>
 */
class ReadmeExamplesIT {
    private static final String MARK = "```sh tour";

    record Block(String file, int line, String text, List<String> expected) {
    }

    static List<Block> blocks(Path root) throws IOException {
        List<Path> files = new ArrayList<>();
        files.add(root.resolve("README.md"));
        Path docs = root.resolve("docs");
        if (Files.isDirectory(docs)) {
            try (Stream<Path> s = Files.list(docs)) {
                s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
            }
        }
        List<Block> out = new ArrayList<>();
        for (Path f : files) {
            List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                if (!lines.get(i).trim().equals(MARK)) continue;
                int start = i + 1;
                StringBuilder text = new StringBuilder();
                List<String> expected = new ArrayList<>();
                for (i = start; i < lines.size() && !lines.get(i).trim().equals("```"); i++) {
                    String line = lines.get(i);
                    if (line.trim().startsWith("# expect: ")) expected.add(line.trim().substring("# expect: ".length()));
                    text.append(line).append('\n');
                }
                out.add(new Block(root.relativize(f).toString(), start, text.toString(), expected));
            }
        }
        return out;
    }

    @Test
    void the_marked_shell_examples_of_the_docs_give_the_documented_answers() throws Exception {
        Path root = Path.of("").toAbsolutePath();
        List<Block> blocks = blocks(root);
        assertFalse(blocks.isEmpty(), "no ```sh tour blocks found");
        int quiesce = freePort();
        try (Emulator gw = Emulator.start(Map.of("quiescePort", quiesce))) {
            StringBuilder script = new StringBuilder("set -euo pipefail\n");
            for (int i = 0; i < blocks.size(); i++) {
                String text = blocks.get(i).text().replace("localhost:5555", "localhost:" + gw.port())
                    .replace("localhost:4444", "localhost:" + quiesce)
                    .replace("127.0.0.1:9091", "127.0.0.1:" + gw.echoPort());
                script.append("echo '@@block ").append(i).append("@@'\n").append(text).append('\n');
            }
            script.append("echo '@@end@@'\n");
            String output = run(root, script.toString());
            for (int i = 0; i < blocks.size(); i++) check(blocks.get(i), i, output);
            assertTrue(output.contains("@@end@@"), "every block ran:\n" + tail(output));
        }
    }

    private static void check(Block block, int index, String output) {
        int from = output.indexOf("@@block " + index + "@@");
        assertTrue(from >= 0, block.file() + ":" + block.line() + " did not run; output:\n" + tail(output));
        int to = output.indexOf("@@block " + (index + 1) + "@@");
        if (to < 0) to = output.indexOf("@@end@@");
        String mine = to < 0 ? output.substring(from) : output.substring(from, to);
        int at = 0;
        for (String expected : block.expected()) {
            int found = mine.indexOf(expected, at);
            assertTrue(found >= 0, block.file() + ":" + block.line() + " should print '" + expected + "'; it printed:\n" + mine);
            at = found + expected.length();
        }
    }

    private static String run(Path root, String script) throws IOException, InterruptedException {
        Path log = Files.createTempFile("apigw-tour", ".log"); // a file, not a pipe: a long output cannot stall the shell
        Process p = new ProcessBuilder("bash", "-c", script).directory(root.toFile()).redirectErrorStream(true)
            .redirectOutput(log.toFile()).start();
        p.getOutputStream().close();
        boolean done = p.waitFor(120, TimeUnit.SECONDS);
        if (!done) p.destroyForcibly().waitFor();
        String out = Files.readString(log);
        Files.deleteIfExists(log);
        assertTrue(done, "the tour did not finish within 120 s:\n" + tail(out));
        assertEquals(0, p.exitValue(), "the tour failed:\n" + tail(out));
        return out;
    }

    private static String tail(String s) {
        return s.length() <= 4000 ? s : s.substring(s.length() - 4000);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
