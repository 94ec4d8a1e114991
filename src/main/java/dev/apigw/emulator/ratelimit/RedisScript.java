package dev.apigw.emulator.ratelimit;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One Lua script run by its SHA1 ({@code EVALSHA}, one round trip), batched only with calls of the same script (see
 * {@link RedisPipelines}). When Redis answers {@code NOSCRIPT} (restarted,
 * {@code SCRIPT FLUSH}, a failover to a replica, a cluster node that never ran it) the call is repeated once with
 * {@code EVAL}, which also caches the script again.
 * Every round trip is bounded by the timeout; the caller sees a failed future, never a wait.
 */
final class RedisScript {
    private final RedisPipelines redis;
    private final String source;
    private final String sha;
    private final long timeoutMs;

    RedisScript(RedisPipelines redis, String source, long timeoutMs) {
        this.redis = redis;
        this.source = source;
        this.sha = sha1(source);
        this.timeoutMs = timeoutMs;
    }

    /** Runs the script with one key (all keys of a limit live in one hash slot) and the given arguments. */
    Future<Response> run(String key, Object... args) {
        return send(request(Command.EVALSHA, sha, key, args), key).recover(err -> {
            if (!isNoScript(err)) return Future.failedFuture(err);
            return send(request(Command.EVAL, source, key, args), key);
        });
    }

    /** NOSCRIPT alone, or inside a batch's combined error ({@code ERR [3] NOSCRIPT ...}). */
    static boolean isNoScript(Throwable err) {
        return err.getMessage() != null && err.getMessage().contains("NOSCRIPT");
    }

    private Future<Response> send(Request request, String key) {
        return redis.send(request, key, sha, timeoutMs);
    }

    private static Request request(Command cmd, String script, String key, Object[] args) {
        Request r = Request.cmd(cmd).arg(script).arg(1).arg(key);
        for (Object a : args) r.arg(a.toString());
        return r;
    }

    String sha() {
        return sha;
    }

    static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
