package dev.apigw.emulator.config;

/**
 * How the runtime proxy talks to clients and backends.
 *
 * @param idleTimeoutMs a client connection that neither sends nor receives for this long is closed (a stalled upload
 *                      is reset, and its backend request with it); 0 = never
 * @param poolWaitTimeoutMs how long a request may wait for a pooled backend connection before a 503
 * @param maxWaitQueueSize requests that may wait for a backend connection per event loop; more get a 503 at once
 * @param transport the network transport: {@code auto} (Linux epoll, else io_uring, else Java NIO), {@code epoll},
 *                  {@code io_uring} or {@code nio}
 */
public record RuntimeConfig(long backendTimeoutMs, int connectTimeoutMs, int maxConnectionsPerBackend,
                            long idleTimeoutMs, long poolWaitTimeoutMs, int maxWaitQueueSize, String transport) {
    public RuntimeConfig {
        if (!java.util.List.of("auto", "epoll", "io_uring", "nio").contains(transport)) {
            throw new ConfigException("runtime.transport", "must be auto, epoll, io_uring or nio, was '" + transport + "'");
        }
    }

    static RuntimeConfig from(ConfigReader r) {
        return new RuntimeConfig(r.number("backendTimeoutMs", 1, 3_600_000),
            r.integer("connectTimeoutMs", 1, 600_000), r.integer("maxConnectionsPerBackend", 1, 100_000),
            r.number("idleTimeoutMs", 0, 86_400_000), r.number("poolWaitTimeoutMs", 1, 3_600_000),
            r.integer("maxWaitQueueSize", 0, 1_000_000), r.string("transport").trim().toLowerCase(java.util.Locale.ROOT));
    }
}
