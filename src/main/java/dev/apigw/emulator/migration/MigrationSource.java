package dev.apigw.emulator.migration;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * Where a reindex reads the old gateway's data: over the old node's admin API ({@link GatewaySource}) or straight
 * from the old cluster's Redis ({@link RedisSource}). Used for one action, then closed. Non-blocking; a source that
 * cannot be reached, or is not an API Gateway's, fails the future with a {@link SourceException} saying so, before
 * anything is written to this node.
 */
interface MigrationSource {

    /** Copies every design-time asset into this node; completes with what was copied, by kind. */
    Future<JsonObject> copyCore();

    /** Reads the runtime data a logs-and-events reindex copies. */
    Future<LogsEvents> logsEvents();

    void close();

    /** A source that failed: the message is the status's {@code failureReason}. */
    final class SourceException extends RuntimeException {
        SourceException(String message) {
            super(message, null, false, false);
        }
    }

    /** The URL without credentials, for messages and logs. */
    static String redacted(String url) {
        return url.replaceFirst("//[^/@]*@", "//***@");
    }
}
