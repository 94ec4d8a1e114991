package dev.apigw.emulator.config;

/**
 * How the runtime proxy talks to clients and backends.
 *
 * @param idleTimeoutMs a client connection that neither sends nor receives for this long is closed (a stalled upload
 *                      is reset, and its backend request with it); 0 = never
 * @param poolWaitTimeoutMs how long a request may wait for a pooled backend connection before a 503
 * @param maxWaitQueueSize requests that may wait for a connection per backend and event loop; more get a 503 at once
 * @param requestHeaderTimeoutMs a connection must deliver a complete request head within this long of opening (and
 *                               within the idle timeout, if longer, of its previous response's end); 0 = never
 * @param encodedPathSeparators what the runtime does with {@code %2F} and {@code %2E} in a resource path
 * @param transport the network transport: {@code auto} (Linux epoll, else io_uring, else Java NIO), {@code epoll},
 *                  {@code io_uring} or {@code nio}
 */
public record RuntimeConfig(long backendTimeoutMs, int connectTimeoutMs, int maxConnectionsPerBackend,
                            long idleTimeoutMs, long poolWaitTimeoutMs, int maxWaitQueueSize, long requestHeaderTimeoutMs,
                            EncodedSeparators encodedPathSeparators, String transport) {
    public RuntimeConfig {
        if (!java.util.List.of("auto", "epoll", "io_uring", "nio").contains(transport)) {
            throw new ConfigException("runtime.transport", "must be auto, epoll, io_uring or nio, was '" + transport + "'");
        }
    }

    /** Encoded slashes and dots in a resource path: refused with 400, or decoded before dot-segments are removed. */
    public enum EncodedSeparators { REJECT, DECODE }

    static RuntimeConfig from(ConfigReader r) {
        return new RuntimeConfig(r.number("backendTimeoutMs", 1, 3_600_000),
            r.integer("connectTimeoutMs", 1, 600_000), r.integer("maxConnectionsPerBackend", 1, 100_000),
            r.number("idleTimeoutMs", 0, 86_400_000), r.number("poolWaitTimeoutMs", 1, 3_600_000),
            r.integer("maxWaitQueueSize", 0, 1_000_000), r.number("requestHeaderTimeoutMs", 0, 3_600_000),
            r.choice("encodedPathSeparators", EncodedSeparators.class),
            r.string("transport").trim().toLowerCase(java.util.Locale.ROOT));
    }
}
