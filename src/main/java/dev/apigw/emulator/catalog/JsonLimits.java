package dev.apigw.emulator.catalog;

import dev.apigw.emulator.runtime.GatewayException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

/**
 * The nesting limit of JSON the node accepts. Jackson parses up to 1,000 levels and refuses to write more, and the
 * admin API wraps documents a few levels deeper when it answers ({@code apiResponse.api.apiDefinition}): a document
 * accepted near the parser's limit could be stored and then never read back. Checked without recursion.
 */
public final class JsonLimits {
    /** The default: above deeply nested real schemas (two levels per property), far below what the encoder handles. */
    public static final int DEFAULT_MAX_DEPTH = 500;

    private JsonLimits() {
    }

    /** @throws GatewayException 400 when {@code value} nests deeper than {@code maxDepth} objects and arrays */
    public static void checkDepth(Object value, int maxDepth) {
        record Level(Object node, int depth) {
        }
        Deque<Level> todo = new ArrayDeque<>();
        todo.push(new Level(value, 1));
        while (!todo.isEmpty()) {
            Level l = todo.pop();
            if (!(l.node() instanceof JsonObject) && !(l.node() instanceof JsonArray) && !(l.node() instanceof Map)
                && !(l.node() instanceof Iterable)) continue;
            if (l.depth() > maxDepth) {
                throw GatewayException.invalidPayload("the JSON nests deeper than " + maxDepth + " levels");
            }
            Iterable<?> children = l.node() instanceof JsonObject o ? o.getMap().values()
                : l.node() instanceof Map<?, ?> m ? m.values() : (Iterable<?>) l.node();
            for (Object child : children) todo.push(new Level(child, l.depth() + 1));
        }
    }
}
