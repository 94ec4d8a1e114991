package dev.apigw.emulator.events;

import dev.apigw.emulator.config.EventsConfig;
import dev.apigw.emulator.runtime.GatewayException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * {@code GET /transactionalEvents/_search} and {@code /_count}: transactional events between {@code fromDate} and
 * {@code toDate} (both required, whole days, inclusive) matching at least one more filter, each a regular
 * expression on its field. {@code _search} answers {@code {"transaction":[...]}} with the fields the product
 * lists; {@code _count} answers {@code {"count":[{apiId, apiName, apiVersion, count}]}}, grouped by API.
 */
public final class TransactionQueries {
    static final List<String> FILTERS = List.of("apiName", "apiVersion", "apiId", "applicationName", "applicationId",
        "packageName", "packageId", "planName", "planId");
    static final List<String> FIELDS = List.of("creationDate", "apiName", "apiVersion", "apiId", "totalTime",
        "providerTime", "applicationName", "applicationId", "status", "totalDataSize", "responseCode", "operationName",
        "httpMethod", "packageName", "packageId", "planName", "planId");
    private final EventSearch search;
    private final EventsConfig config;

    public TransactionQueries(EventSearch search, EventsConfig config) {
        this.search = search;
        this.config = config;
    }

    /** @param param a query parameter by name, null when absent or empty */
    public Future<JsonObject> search(Function<String, String> param) {
        int from = Math.max(0, integer(param, "from", 0));
        int size = integer(param, "size", -1);
        int window = Math.max(0, config.maxResults() - Math.min(from, config.maxResults()));
        EventQuery q = query(param, from, size < 0 ? window : Math.min(size, window));
        return search.onWorker(() -> new JsonObject().put("transaction",
            search.search(q).getJsonArray(EventSearch.key(EventType.TRANSACTION_EVENTS))));
    }

    public Future<JsonObject> count(Function<String, String> param) {
        EventQuery q = query(param, 0, 0);
        EventQuery grouped = new EventQuery(q.types(), q.scope(), true, List.of(), 0, 0, q.sortField(), false,
            List.of(new Aggregation(Aggregation.Kind.GROUP, "count", List.of("apiId", "apiName", "apiVersion"), null, null)));
        return search.onWorker(() -> new JsonObject().put("count",
            search.aggregate(grouped).getJsonObject(EventType.TRANSACTION_EVENTS.name()).getJsonArray("count")));
    }

    private EventQuery query(Function<String, String> param, int from, int size) {
        String fromDate = param.apply("fromDate");
        String toDate = param.apply("toDate");
        if (fromDate == null || toDate == null) {
            throw GatewayException.admin(400, "MANDATORY_PARAMETER_MISSING", "Mandatory parameters fromDate and toDate "
                + "must be provided (yyyy-MM-dd)");
        }
        List<Scope> scope = new ArrayList<>();
        scope.add(new Scope.Range(Fields.CREATION_DATE, date(fromDate, "fromDate", false), date(toDate, "toDate", true)));
        for (String name : FILTERS) {
            String value = param.apply(name);
            if (value != null) scope.add(new Scope.Match(new Keyword(name, pattern(name, value))));
        }
        if (scope.size() == 1) {
            throw GatewayException.admin(400, "INSUFFICIENT_PARAMETERS", "Insufficient parameters. At least one parameter "
                + "in addition to the creation date range must be provided.");
        }
        return new EventQuery(List.of(EventType.TRANSACTION_EVENTS), scope, true, FIELDS, from, size,
            Fields.CREATION_DATE, false, List.of());
    }

    private static double date(String value, String name, boolean endOfDay) {
        Long t = Times.parse(value, endOfDay);
        if (t == null) throw GatewayException.admin(400, "BAD_PARAMETER", "Query parameter " + name + " must be a date "
            + "(yyyy-MM-dd), was '" + value + "'");
        return t;
    }

    private static Pattern pattern(String name, String value) {
        try {
            return Pattern.compile(value, Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
        } catch (PatternSyntaxException e) {
            throw GatewayException.admin(400, "INVALID_KEYWORD", "Query parameter " + name + " is no valid regular "
                + "expression: " + value);
        }
    }

    private static int integer(Function<String, String> param, String name, int fallback) {
        String v = param.apply(name);
        if (v == null) return fallback;
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw GatewayException.admin(400, "BAD_PARAMETER", "Query parameter " + name + " must be a number, was '" + v + "'");
        }
    }
}
