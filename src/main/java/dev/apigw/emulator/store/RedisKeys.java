package dev.apigw.emulator.store;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.concurrent.TimeUnit;

/** Deletes keys by pattern with SCAN and UNLINK in batches (never KEYS, which blocks Redis). For emulator resets. */
public final class RedisKeys {
    private RedisKeys() {
    }

    /** Completes with the number of keys removed; fails with {@link StoreUnavailableException}. */
    public static Future<Long> deleteMatching(Redis redis, String pattern, long timeoutMs) {
        return scan(redis, pattern, "0", 0L, timeoutMs)
            .recover(err -> Future.failedFuture(new StoreUnavailableException("Redis: " + err.getMessage(), err)));
    }

    private static Future<Long> scan(Redis redis, String pattern, String cursor, long removed, long timeoutMs) {
        return redis.send(Request.cmd(Command.SCAN).arg(cursor).arg("MATCH").arg(pattern).arg("COUNT").arg(500))
            .timeout(timeoutMs, TimeUnit.MILLISECONDS).compose(r -> {
                String next = r.get(0).toString();
                Response keys = r.get(1);
                Future<Long> unlinked = Future.succeededFuture(0L);
                if (keys.size() > 0) {
                    Request unlink = Request.cmd(Command.UNLINK);
                    for (Response k : keys) unlink.arg(k.toString());
                    unlinked = redis.send(unlink).timeout(timeoutMs, TimeUnit.MILLISECONDS).map(n -> n.toLong());
                }
                return unlinked.compose(n -> "0".equals(next) ? Future.succeededFuture(removed + n)
                    : scan(redis, pattern, next, removed + n, timeoutMs));
            });
    }
}
