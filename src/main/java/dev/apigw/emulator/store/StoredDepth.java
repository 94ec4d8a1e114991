package dev.apigw.emulator.store;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

/**
 * The nesting a stored document may have to be served at all: the admin API wraps documents a few levels deeper when
 * it answers, and the JSON encoder stops at 1,000 levels, so a deeper document (written by an older version, another
 * node or by hand; the admin API refuses far less) would fail every listing it is part of. The stores leave such a
 * document out of what they hand out, with a warning. Checked without recursion.
 */
final class StoredDepth {
    static final int MAX = 900;

    private StoredDepth() {
    }

    static boolean servable(JsonObject doc) {
        record Level(Object node, int depth) {
        }
        Deque<Level> todo = new ArrayDeque<>();
        todo.push(new Level(doc, 1));
        while (!todo.isEmpty()) {
            Level l = todo.pop();
            Iterable<?> children = l.node() instanceof JsonObject o ? o.getMap().values()
                : l.node() instanceof Map<?, ?> m ? m.values() : l.node() instanceof JsonArray a ? a.getList()
                : l.node() instanceof Iterable<?> it ? it : null;
            if (children == null) continue;
            if (l.depth() > MAX) return false;
            for (Object child : children) todo.push(new Level(child, l.depth() + 1));
        }
        return true;
    }
}
