package dev.apigw.emulator.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The text of {@code --help}: every setting of {@code apigw-defaults.yaml} with its environment variable, default and
 * the comment beside it in that file, so the help can never disagree with the defaults.
 */
public final class SettingsHelp {
    private SettingsHelp() {
    }

    public static String text() {
        StringBuilder out = new StringBuilder("""
            Usage: java -jar apigw-emulator.jar [--config FILE] [--help] [--version]

              --config FILE  settings in YAML (default: config/gateway.yaml when present, else the built-in defaults)
              --help         this text
              --version      the emulator's version

            Every setting below can be set in the file (dotted path = nesting) or by its environment variable, which
            wins over the file. An unknown APIGW_* variable is reported at start with the closest known name.
            ADMINISTRATOR_PASSWORD (the product's container convention) sets admin.password unless APIGW_ADMIN_PASSWORD
            is also set.

            """);
        out.append(String.format("  %-40s %-44s %s%n", "setting", "environment variable", "default  meaning"));
        Deque<String> path = new ArrayDeque<>();
        Deque<Integer> indents = new ArrayDeque<>();
        for (String line : defaultsText().split("\n")) {
            if (line.isBlank() || line.stripLeading().startsWith("#")) continue;
            int indent = line.length() - line.stripLeading().length();
            while (!indents.isEmpty() && indents.peek() >= indent) {
                indents.pop();
                path.pop();
            }
            String body = line.strip();
            int colon = body.indexOf(':');
            String key = body.substring(0, colon);
            String rest = body.substring(colon + 1);
            int hash = rest.indexOf(" #");
            String value = (hash < 0 ? rest : rest.substring(0, hash)).strip();
            String comment = hash < 0 ? "" : rest.substring(hash + 2).strip();
            String full = path.isEmpty() ? key : String.join(".", reversed(path)) + "." + key;
            if (value.isEmpty()) {
                indents.push(indent);
                path.push(key);
                continue;
            }
            out.append(String.format("  %-40s %-44s %s%s%n", full, ConfigLoader.envName(full), value,
                comment.isEmpty() ? "" : "  " + comment));
        }
        return out.toString();
    }

    private static Iterable<String> reversed(Deque<String> stack) {
        return () -> stack.descendingIterator();
    }

    private static String defaultsText() {
        try (InputStream in = SettingsHelp.class.getClassLoader().getResourceAsStream(ConfigLoader.DEFAULTS)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("built-in " + ConfigLoader.DEFAULTS + " is unreadable", e);
        }
    }
}
