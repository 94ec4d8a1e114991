package dev.apigw.emulator.events;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Accumulates one {@link Aggregation} over the events of one type while a scan runs, and renders the result:
 * {@code group} → {@code [{"apiName":"petstore","apiVersion":"v1","count":12}, ...]} (largest count first),
 * {@code metrics} → the number (null when no event has the field), {@code timeseries} →
 * {@code [{"<field>": <bucket start, epoch ms UTC>, "count": n}, ...]} in time order. Confined to the query's thread.
 */
final class Aggregator {
    private final Aggregation spec;
    private final Map<List<String>, long[]> groups = new HashMap<>();
    private final TreeMap<Long, long[]> buckets = new TreeMap<>();
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;
    private double sum;
    private long count;

    Aggregator(Aggregation spec) {
        this.spec = spec;
    }

    void add(EventView event) {
        switch (spec.kind()) {
            case GROUP -> {
                List<String> key = new ArrayList<>(spec.fields().size());
                for (String f : spec.fields()) key.add(event.text(f));
                groups.computeIfAbsent(key, k -> new long[1])[0]++;
            }
            case METRICS -> {
                double v = event.number(spec.fields().get(0));
                if (Double.isNaN(v)) return;
                min = Math.min(min, v);
                max = Math.max(max, v);
                sum += v;
                count++;
            }
            case TIMESERIES -> {
                double v = event.number(spec.fields().get(0));
                if (!Double.isNaN(v)) buckets.computeIfAbsent(bucket((long) v, spec.interval()), k -> new long[1])[0]++;
            }
        }
    }

    Object result() {
        return switch (spec.kind()) {
            case GROUP -> groupRows();
            case METRICS -> metric();
            case TIMESERIES -> {
                JsonArray rows = new JsonArray();
                buckets.forEach((start, n) -> rows.add(new JsonObject().put(spec.fields().get(0), start).put("count", n[0])));
                yield rows;
            }
        };
    }

    private JsonArray groupRows() {
        List<Map.Entry<List<String>, long[]>> all = new ArrayList<>(groups.entrySet());
        all.sort((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]));
        JsonArray rows = new JsonArray();
        for (Map.Entry<List<String>, long[]> e : all) {
            JsonObject row = new JsonObject();
            for (int i = 0; i < spec.fields().size(); i++) row.put(spec.fields().get(i), e.getKey().get(i));
            rows.add(row.put("count", e.getValue()[0]));
        }
        return rows;
    }

    private Object metric() {
        if (count == 0) return null;
        double v = switch (spec.metric()) {
            case "min" -> min;
            case "max" -> max;
            case "sum" -> sum;
            default -> sum / count;
        };
        return v == Math.rint(v) && !spec.metric().equals("avg") && Math.abs(v) < 1e15 ? (Object) (long) v : (Object) v;
    }

    /** The start of the interval {@code epochMs} falls in, in UTC; weeks start on Monday. */
    static long bucket(long epochMs, String interval) {
        switch (interval) {
            case "second" -> {
                return Math.floorDiv(epochMs, 1000L) * 1000;
            }
            case "minute" -> {
                return Math.floorDiv(epochMs, 60_000L) * 60_000;
            }
            case "hour" -> {
                return Math.floorDiv(epochMs, 3_600_000L) * 3_600_000;
            }
            case "day" -> {
                return Math.floorDiv(epochMs, 86_400_000L) * 86_400_000;
            }
            case "week" -> { // 1970-01-01 was a Thursday: Monday 1969-12-29 starts week 0
                long monday0 = -3 * 86_400_000L;
                return Math.floorDiv(epochMs - monday0, 7 * 86_400_000L) * 7 * 86_400_000L + monday0;
            }
            default -> {
                ZonedDateTime t = Instant.ofEpochMilli(epochMs).atZone(ZoneOffset.UTC);
                int month = switch (interval) {
                    case "month" -> t.getMonthValue();
                    case "quarter" -> (t.getMonthValue() - 1) / 3 * 3 + 1;
                    default -> 1;
                };
                return ZonedDateTime.of(t.getYear(), month, 1, 0, 0, 0, 0, ZoneOffset.UTC).toInstant().toEpochMilli();
            }
        }
    }
}
