package dev.apigw.emulator.config;

/**
 * Recording and keeping runtime events (transactional, policy violation, error, lifecycle), searchable through
 * {@code /rest/apigateway/search}.
 *
 * @param enabled record events; when false nothing is recorded, and what is stored stays searchable
 * @param maxEvents retention by count: the newest events kept (per node stream when Redis is the store)
 * @param maxAgeHours retention by age
 * @param queueSize events waiting for the writer; beyond it new events are dropped and counted
 * @param flushIntervalMs how often the writer thread writes what has queued up
 * @param maxPayloadBytes bound on each request or response payload a Log Invocation policy stores
 * @param maxResults most events one search returns per type
 * @param queryTimeoutMs a search that reads longer than this answers 400 (it must be narrowed)
 */
public record EventsConfig(boolean enabled, long maxEvents, long maxAgeHours, int queueSize, long flushIntervalMs,
                           int maxPayloadBytes, int maxResults, long queryTimeoutMs, boolean fsyncEveryBatch) {

    static EventsConfig from(ConfigReader r) {
        return new EventsConfig(r.bool("enabled"), r.number("maxEvents", 1, 100_000_000),
            r.number("maxAgeHours", 1, 87_600), r.integer("queueSize", 16, 10_000_000),
            r.number("flushIntervalMs", 1, 60_000), r.integer("maxPayloadBytes", 0, 16 * 1024 * 1024),
            r.integer("maxResults", 1, 1_000_000), r.number("queryTimeoutMs", 10, 600_000), fsync(r));
    }

    /** {@code events.fsync}: {@code flush} (quiesce, shutdown and segment ends) or {@code batch} (every write). */
    private static boolean fsync(ConfigReader r) {
        String v = r.string("fsync").trim().toLowerCase(java.util.Locale.ROOT);
        if (!v.equals("flush") && !v.equals("batch")) throw new ConfigException(r.path("fsync"), "must be flush or batch, was '" + v + "'");
        return v.equals("batch");
    }

    public long maxAgeMs() {
        return maxAgeHours * 3_600_000L;
    }
}
