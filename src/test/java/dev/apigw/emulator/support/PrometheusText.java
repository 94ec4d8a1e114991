package dev.apigw.emulator.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict parser of the Prometheus text exposition format 0.0.4, with the checks {@code promtool check metrics}
 * makes and a little more: every family has exactly one HELP (non-empty) and one TYPE before its samples, families
 * are not split, names and labels follow the grammar, label values are properly escaped, values parse, no sample is
 * repeated, counters end in {@code _total}, and histograms have ascending {@code le} buckets that never decrease, a
 * {@code +Inf} bucket equal to {@code _count}, and a {@code _sum}. No Java parser of this format exists on Maven
 * Central (the Prometheus Java client only writes it), hence this one; {@code docker/test-image.sh} also runs
 * promtool itself when it is installed.
 */
public final class PrometheusText {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"");
    private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");

    /** One metric family. */
    public record Family(String name, String help, String type, List<Sample> samples) {
    }

    /** One sample line. */
    public record Sample(String name, Map<String, String> labels, double value) {
        public String label(String key) {
            return labels.get(key);
        }
    }

    private final Map<String, Family> families = new LinkedHashMap<>();

    private PrometheusText() {
    }

    /** Parses and checks {@code text}; an {@link IllegalArgumentException} names the line and the rule broken. */
    public static Map<String, Family> parse(String text) {
        PrometheusText p = new PrometheusText();
        p.read(text);
        p.families.values().forEach(PrometheusText::checkFamily);
        return p.families;
    }

    private void read(String text) {
        if (!text.isEmpty() && !text.endsWith("\n")) throw new IllegalArgumentException("the exposition must end with a newline");
        Map<String, String> help = new TreeMap<>();
        Map<String, String> type = new TreeMap<>();
        Set<String> seen = new java.util.HashSet<>();
        String current = null;
        int n = 0;
        for (String line : text.split("\n", -1)) {
            n++;
            if (line.isEmpty()) continue;
            if (line.startsWith("# HELP ") || line.startsWith("# TYPE ")) {
                String[] parts = line.substring(7).split(" ", 2);
                String name = parts[0];
                String rest = parts.length > 1 ? parts[1] : "";
                if (!NAME.matcher(name).matches()) fail(n, "bad metric name " + name);
                if (families.containsKey(name) && !name.equals(current)) fail(n, "family " + name + " is split");
                Map<String, String> target = line.startsWith("# HELP ") ? help : type;
                if (target.put(name, rest) != null) fail(n, "second " + line.substring(2, 6) + " for " + name);
                if (line.startsWith("# TYPE ") && !TYPES.contains(rest)) fail(n, "unknown type " + rest);
                if (line.startsWith("# HELP ") && rest.isBlank()) fail(n, "empty HELP for " + name);
                current = name;
                families.computeIfAbsent(name, k -> new Family(k, null, null, new ArrayList<>()));
                families.computeIfPresent(name, (k, f) -> new Family(k, help.get(k), type.get(k), f.samples()));
                continue;
            }
            if (line.startsWith("#")) continue;
            Sample s = sample(line, n);
            String family = familyOf(s.name(), current, type);
            if (family == null) fail(n, "sample " + s.name() + " has no HELP/TYPE before it");
            if (!seen.add(s.name() + s.labels())) fail(n, "repeated sample " + s.name() + s.labels());
            families.get(family).samples().add(s);
        }
        for (Family f : families.values()) {
            if (f.help() == null) throw new IllegalArgumentException("no HELP for " + f.name());
            if (f.type() == null) throw new IllegalArgumentException("no TYPE for " + f.name());
        }
    }

    private static String familyOf(String sample, String current, Map<String, String> types) {
        if (current == null) return null;
        if (sample.equals(current)) return current;
        String t = types.get(current);
        if ("histogram".equals(t) && (sample.equals(current + "_bucket") || sample.equals(current + "_sum")
            || sample.equals(current + "_count"))) return current;
        if ("summary".equals(t) && (sample.equals(current + "_sum") || sample.equals(current + "_count"))) return current;
        return null;
    }

    private static Sample sample(String line, int n) {
        int brace = line.indexOf('{');
        int space = line.indexOf(' ');
        String name;
        Map<String, String> labels = new TreeMap<>();
        String rest;
        if (brace >= 0 && (space < 0 || brace < space)) {
            name = line.substring(0, brace);
            int close = line.indexOf("} ", brace);
            if (close < 0) fail(n, "unterminated labels");
            labels(line.substring(brace + 1, close), labels, n);
            rest = line.substring(close + 2);
        } else {
            if (space < 0) fail(n, "no value");
            name = line.substring(0, space);
            rest = line.substring(space + 1);
        }
        if (!NAME.matcher(name).matches()) fail(n, "bad metric name " + name);
        String[] valueAndTime = rest.trim().split(" ");
        if (valueAndTime.length > 2) fail(n, "trailing text after the value");
        return new Sample(name, labels, value(valueAndTime[0], n));
    }

    private static void labels(String text, Map<String, String> out, int n) {
        Matcher m = LABEL.matcher(text);
        int pos = 0;
        while (pos < text.length()) {
            if (!m.find(pos) || m.start() != pos) fail(n, "bad label syntax at '" + text.substring(pos) + "'");
            if (out.put(m.group(1), m.group(2)) != null) fail(n, "repeated label " + m.group(1));
            pos = m.end();
            if (pos < text.length()) {
                if (text.charAt(pos) != ',') fail(n, "labels must be separated by ','");
                pos++;
            }
        }
    }

    private static double value(String v, int n) {
        switch (v) {
            case "+Inf": return Double.POSITIVE_INFINITY;
            case "-Inf": return Double.NEGATIVE_INFINITY;
            case "NaN": return Double.NaN;
            default:
                try {
                    return Double.parseDouble(v);
                } catch (NumberFormatException e) {
                    fail(n, "value '" + v + "' is not a number");
                    return 0;
                }
        }
    }

    /** promtool's lint: unit abbreviations in names (it reports e.g. {@code _ns}), and sample suffixes on plain meters. */
    private static final Pattern ABBREVIATED_UNIT = Pattern.compile("(^|_)(ms|us|ns|sec|secs|msec|usec|nsec|kb|mb|gb)(_|$)");

    private static void checkFamily(Family f) {
        if (ABBREVIATED_UNIT.matcher(f.name()).find()) {
            throw new IllegalArgumentException(f.name() + ": metric names should not contain abbreviated units");
        }
        boolean plain = !f.type().equals("histogram") && !f.type().equals("summary");
        if (plain && (f.name().endsWith("_count") || f.name().endsWith("_sum") || f.name().endsWith("_bucket"))) {
            throw new IllegalArgumentException(f.name() + ": a " + f.type() + " must not end in _count, _sum or _bucket");
        }
        if (f.type().equals("counter") && !f.name().endsWith("_total")) {
            throw new IllegalArgumentException("counter " + f.name() + " should have the suffix _total");
        }
        if (f.type().equals("histogram")) checkHistogram(f);
    }

    /** Per series (labels without le): ascending le, non-decreasing counts, +Inf = _count, a _sum. */
    private static void checkHistogram(Family f) {
        Map<Map<String, String>, List<Sample>> buckets = new LinkedHashMap<>();
        Map<Map<String, String>, Double> counts = new LinkedHashMap<>();
        Set<Map<String, String>> sums = new java.util.HashSet<>();
        for (Sample s : f.samples()) {
            if (s.name().endsWith("_bucket")) {
                if (s.label("le") == null) throw new IllegalArgumentException(f.name() + ": bucket without le");
                Map<String, String> key = new TreeMap<>(s.labels());
                key.remove("le");
                buckets.computeIfAbsent(key, k -> new ArrayList<>()).add(s);
            } else if (s.name().endsWith("_count")) {
                counts.put(s.labels(), s.value());
            } else if (s.name().endsWith("_sum")) {
                sums.add(s.labels());
            }
        }
        if (buckets.isEmpty()) throw new IllegalArgumentException(f.name() + ": histogram without buckets");
        buckets.forEach((series, list) -> {
            double prevLe = Double.NEGATIVE_INFINITY;
            double prevCount = 0;
            for (Sample b : list) {
                double le = value(b.label("le"), 0);
                if (le <= prevLe) throw new IllegalArgumentException(f.name() + series + ": le not ascending at " + le);
                if (b.value() < prevCount) throw new IllegalArgumentException(f.name() + series + ": bucket counts decrease at le=" + le);
                prevLe = le;
                prevCount = b.value();
            }
            if (prevLe != Double.POSITIVE_INFINITY) throw new IllegalArgumentException(f.name() + series + ": no +Inf bucket");
            Double count = counts.get(series);
            if (count == null || count != prevCount) throw new IllegalArgumentException(f.name() + series + ": +Inf bucket != _count");
            if (!sums.contains(series)) throw new IllegalArgumentException(f.name() + series + ": no _sum");
        });
    }

    private static void fail(int line, String why) {
        throw new IllegalArgumentException("line " + line + ": " + why);
    }
}
