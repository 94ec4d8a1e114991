package dev.apigw.emulator.archive;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.apigw.emulator.catalog.BoundedText;
import dev.apigw.emulator.runtime.GatewayException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * The {@code scope} of a search-shaped export body: {@code [{"attributeName":"id","keyword":"a|b"}]}, each keyword a
 * regular expression matched in full, case-insensitively, against the attribute (dotted names reach into objects,
 * arrays are searched element-wise), combined by {@code condition}. Keywords are RE2 expressions (linear time, as the
 * search API's), and one export's matching reads from one {@link BoundedText.Budget}: an export runs on one archive
 * worker, which the filter is confined to.
 */
final class ScopeFilter implements Predicate<JsonObject> {
    /** Character reads and time one export's matching may take: seconds of CPU at most, then a 400. */
    static final long MAX_READS = 200_000_000L;
    static final long MAX_MILLIS = 10_000;

    private record Scope(String[] path, Pattern keyword) {
    }

    private final List<Scope> scopes;
    private final boolean and;
    private BoundedText.Budget budget; // started by the first match, so waiting for the store does not spend it

    private ScopeFilter(List<Scope> scopes, boolean and) {
        this.scopes = scopes;
        this.and = and;
    }

    static Predicate<JsonObject> parse(JsonObject body) {
        Object condition = body.getValue("condition", "and");
        if (!(condition instanceof String c) || !c.equalsIgnoreCase("and") && !c.equalsIgnoreCase("or")) {
            throw GatewayException.invalidPayload("'condition' must be and or or");
        }
        Object scope = body.getValue("scope");
        if (scope == null) return a -> true;
        if (!(scope instanceof JsonArray arr)) throw GatewayException.invalidPayload("'scope' must be an array");
        List<Scope> scopes = new ArrayList<>();
        for (Object o : arr) {
            if (!(o instanceof JsonObject s) || !(s.getValue("attributeName") instanceof String name) || name.isBlank()) {
                throw GatewayException.invalidPayload("every scope entry needs an attributeName");
            }
            String keyword = s.getValue("keyword") == null ? ".*" : String.valueOf(s.getValue("keyword"));
            if (keyword.length() > 1000) {
                throw GatewayException.admin(400, "INVALID_KEYWORD", "A keyword may have at most 1000 characters");
            }
            try {
                scopes.add(new Scope(name.split("\\."), Pattern.compile(keyword, Pattern.CASE_INSENSITIVE | Pattern.DOTALL)));
            } catch (PatternSyntaxException e) {
                throw GatewayException.admin(400, "INVALID_KEYWORD", "Invalid regular expression in keyword: " + keyword);
            }
        }
        return scopes.isEmpty() ? a -> true : new ScopeFilter(scopes, c.toLowerCase(Locale.ROOT).equals("and"));
    }

    @Override
    public boolean test(JsonObject asset) {
        if (budget == null) budget = new BoundedText.Budget(MAX_READS, MAX_MILLIS);
        for (Scope s : scopes) {
            boolean hit = matches(asset, s.path(), 0, s.keyword(), budget);
            if (and && !hit) return false;
            if (!and && hit) return true;
        }
        return and;
    }

    /** Follows the dotted path; its length bounds the recursion (a path segment per level, arrays flattened once). */
    private static boolean matches(Object node, String[] path, int i, Pattern keyword, BoundedText.Budget budget) {
        if (node instanceof JsonArray arr) {
            for (Object o : arr) if (!(o instanceof JsonArray) && matches(o, path, i, keyword, budget)) return true;
            return false;
        }
        if (i == path.length) {
            return node != null && !(node instanceof JsonObject)
                && keyword.matcher(new BoundedText(String.valueOf(node), budget)).matches();
        }
        return node instanceof JsonObject obj && matches(obj.getValue(path[i]), path, i + 1, keyword, budget);
    }
}
