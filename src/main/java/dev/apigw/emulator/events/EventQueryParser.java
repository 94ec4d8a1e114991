package dev.apigw.emulator.events;

import dev.apigw.emulator.runtime.GatewayException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * Reads a {@code SearchContext} body for event types. Lenient where real clients are: {@code condition} may be
 * missing (it defaults to {@code and}; the vendor's own event searches omit it) and compares case-insensitively,
 * {@code aggregations} may be one object or an array. Everything else that is wrong answers 400 with what it is.
 */
final class EventQueryParser {
    private EventQueryParser() {
    }

    static EventQuery parse(JsonObject body, List<EventType> types, long now, int maxResults) {
        boolean and = condition(body.getValue("condition"));
        List<Scope> scope = scopes(body.getValue("scope"), now);
        int from = Math.max(0, integer(body, "from", 0));
        int size = integer(body, "size", -1);
        // like Elasticsearch's max_result_window: from + size never reaches past the configured maximum
        int window = Math.max(0, maxResults - Math.min(from, maxResults));
        size = size < 0 ? window : Math.min(size, window);
        String sortField = body.getValue("sortByField") instanceof String s && !s.isBlank() ? s.trim() : Fields.CREATION_DATE;
        boolean descending = body.getValue("sortOrder") instanceof String o && o.trim().equalsIgnoreCase("DESC");
        return new EventQuery(List.copyOf(types), scope, and, strings(body.getValue("responseFields")), from, size,
            sortField, descending, List.of());
    }

    /** As {@link #parse}, plus the mandatory {@code aggregations}. */
    static EventQuery parseAggregations(JsonObject body, List<EventType> types, long now) {
        Object value = body.getValue("aggregations");
        if (value == null || (value instanceof JsonArray a && a.isEmpty())) {
            throw GatewayException.admin(400, "MANDATORY_FIELD_MISSING",
                "Mandatory field aggregations is missing in the input request body");
        }
        List<Aggregation> aggregations = new ArrayList<>();
        if (value instanceof JsonObject one) aggregations.add(aggregation(one));
        else if (value instanceof JsonArray all) for (Object o : all) aggregations.add(aggregation(o));
        else throw GatewayException.invalidPayload("'aggregations' must be an array of aggregation objects");
        EventQuery q = parse(body, types, now, 0);
        return new EventQuery(q.types(), q.scope(), q.and(), List.of(), 0, 0, q.sortField(), false, List.copyOf(aggregations));
    }

    private static boolean condition(Object value) {
        if (value == null || (value instanceof String s && s.isBlank())) return true;
        if (value instanceof String c && (c.trim().equalsIgnoreCase("and") || c.trim().equalsIgnoreCase("or"))) {
            return c.trim().equalsIgnoreCase("and");
        }
        throw GatewayException.admin(400, "INVALID_CONDITION", "Invalid value " + value + " for condition; expected and or or");
    }

    private static List<Scope> scopes(Object value, long now) {
        List<Scope> out = new ArrayList<>();
        if (value == null) return out;
        if (!(value instanceof JsonArray arr)) throw GatewayException.invalidPayload("'scope' must be an array");
        for (Object o : arr) {
            if (!(o instanceof JsonObject s) || !(s.getValue("attributeName") instanceof String name) || name.isBlank()) {
                throw GatewayException.invalidPayload("every scope entry needs an attributeName");
            }
            Object range = s.getValue("range");
            if (range != null) out.add(range(name.trim(), range, now));
            else out.add(new Scope.Match(new Keyword(name.trim(), pattern(s.getValue("keyword")))));
        }
        return out;
    }

    private static Pattern pattern(Object keyword) {
        String k = keyword == null ? ".*" : String.valueOf(keyword);
        try {
            return Pattern.compile(k, Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
        } catch (PatternSyntaxException e) {
            throw GatewayException.admin(400, "INVALID_KEYWORD", "Invalid regular expression in keyword: " + k);
        }
    }

    private static Scope range(String field, Object value, long now) {
        if (!(value instanceof JsonObject r)) throw GatewayException.invalidPayload("'range' of " + field + " must be an object");
        boolean date = field.equals(Fields.CREATION_DATE);
        Object since = r.getValue("since");
        double from = bound(field, r.getValue("from"), date, false);
        double to = bound(field, r.getValue("to"), date, true);
        if (since != null) {
            Long start = Times.before(String.valueOf(since), now);
            if (start == null) {
                throw GatewayException.invalidPayload("'since' of " + field + " must be a number and a unit of s, m, h, d "
                    + "or w (e.g. 1w), was '" + since + "'");
            }
            from = Math.max(from, start);
        }
        return new Scope.Range(field, from, to);
    }

    private static double bound(String field, Object value, boolean date, boolean upper) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            return upper ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        }
        if (date) {
            Long t = Times.parse(value, upper);
            if (t == null) {
                throw GatewayException.invalidPayload("range bound '" + value + "' of " + field + " is no date (yyyy-MM-dd, "
                    + "yyyy-MM-dd HH:mm:ss or epoch milliseconds)");
            }
            return t;
        }
        if (value instanceof Number n) return n.doubleValue();
        try {
            return Double.parseDouble(String.valueOf(value).trim());
        } catch (NumberFormatException e) {
            Long t = Times.parse(value, upper); // a date field of the document (e.g. a custom one)
            if (t != null) return t;
            throw GatewayException.invalidPayload("range bound '" + value + "' of " + field + " is neither a number nor a date");
        }
    }

    private static Aggregation aggregation(Object o) {
        if (!(o instanceof JsonObject a)) throw GatewayException.invalidPayload("every aggregation must be an object");
        String type = a.getValue("type") instanceof String t ? t.trim().toLowerCase(Locale.ROOT) : "";
        List<String> fields = new ArrayList<>();
        if (a.getValue("fields") instanceof String f) for (String s : f.split(",")) if (!s.isBlank()) fields.add(s.trim());
        if (fields.isEmpty()) throw GatewayException.invalidPayload("an aggregation needs 'fields', e.g. \"apiName,apiVersion\"");
        String name = a.getValue("name") instanceof String n && !n.isBlank() ? n : fields.get(0);
        return switch (type) {
            case "group" -> new Aggregation(Aggregation.Kind.GROUP, name, List.copyOf(fields), null, null);
            case "metrics" -> new Aggregation(Aggregation.Kind.METRICS, name, List.of(fields.get(0)),
                choice(a, "metricsType", Aggregation.METRICS), null);
            case "timeseries" -> new Aggregation(Aggregation.Kind.TIMESERIES, name, List.of(fields.get(0)), null,
                choice(a, "interval", Aggregation.INTERVALS));
            default -> throw GatewayException.invalidPayload("aggregation type must be group, metrics or timeseries, was '"
                + a.getValue("type") + "'");
        };
    }

    private static String choice(JsonObject a, String key, List<String> allowed) {
        String v = a.getValue(key) instanceof String s ? s.trim().toLowerCase(Locale.ROOT) : null;
        if (v == null || !allowed.contains(v)) {
            throw GatewayException.invalidPayload("'" + key + "' must be one of " + allowed + ", was '" + a.getValue(key) + "'");
        }
        return v;
    }

    private static List<String> strings(Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof JsonArray arr) for (Object o : arr) out.add(String.valueOf(o));
        else if (value != null) throw GatewayException.invalidPayload("'responseFields' must be an array of field names");
        return out;
    }

    private static int integer(JsonObject body, String key, int fallback) {
        Object v = body.getValue(key);
        if (v == null) return fallback;
        if (v instanceof Number n) return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, n.longValue()));
        if (v instanceof String s) {
            try {
                return Integer.parseInt(s.trim());
            } catch (NumberFormatException e) {
                // fall through to the error
            }
        }
        throw GatewayException.invalidPayload("'" + key + "' must be a number");
    }
}
