package dev.apigw.emulator.config;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The names of the known settings (dotted paths and their {@code APIGW_*} variables) and the checks that tell a user
 * about a name that is not one of them, with the closest known name: a typo in a variable would otherwise be ignored
 * without a word.
 */
public final class ConfigNames {
    /** Variables with the prefix that are not settings: read by logback.xml, not by the configuration. */
    private static final List<String> NOT_SETTINGS = List.of("APIGW_LOG_PATTERN");

    private ConfigNames() {
    }

    /** Every leaf setting's dotted path, in the order of the defaults file. */
    public static List<String> paths(JsonObject tree) {
        List<String> out = new ArrayList<>();
        collect(tree, "", out);
        return out;
    }

    private static void collect(JsonObject tree, String prefix, List<String> out) {
        for (String key : tree.fieldNames()) {
            String path = prefix.isEmpty() ? key : prefix + "." + key;
            if (tree.getValue(key) instanceof JsonObject child && !child.isEmpty()) collect(child, path, out);
            else out.add(path);
        }
    }

    /** One message per {@code APIGW_*} variable in {@code env} that names no setting, with the closest that does. */
    public static List<String> unknownVariables(JsonObject defaults, Map<String, String> env) {
        TreeSet<String> known = new TreeSet<>();
        for (String path : paths(defaults)) known.add(ConfigLoader.envName(path));
        List<String> out = new ArrayList<>();
        for (String name : new TreeSet<>(env.keySet())) {
            if (!name.startsWith("APIGW_") || known.contains(name) || NOT_SETTINGS.contains(name)) continue;
            out.add("unknown environment variable " + name + " is ignored; did you mean " + closest(name, known) + "?");
        }
        return out;
    }

    /** The candidate with the smallest edit distance to {@code name} (case-insensitive). */
    public static String closest(String name, Iterable<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(name.toLowerCase(), c.toLowerCase());
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        return best;
    }

    /** Levenshtein distance, two rows. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
