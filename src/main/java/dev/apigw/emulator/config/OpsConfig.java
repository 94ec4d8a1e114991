package dev.apigw.emulator.config;

/**
 * Operations settings: the quiesce port and drain, metrics publishing, webhook delivery and shutdown.
 *
 * @param quiescePort 0 = no quiesce port until one is set up at runtime
 * @param keepListening when quiesced, keep the main port open answering 503 instead of closing it
 * @param nativeHeapTrimMs how often the C library's free memory is handed back to the system; 0 = never
 */
public record OpsConfig(int quiescePort, String quiesceHost, long drainTimeoutMs, boolean keepListening,
                        boolean vertxHttpMetrics, int publishIntervalSeconds, int licensePublishIntervalMinutes,
                        int webhookMaxAttempts, long webhookInitialBackoffMs, long webhookTimeoutMs,
                        long shutdownDrainTimeoutMs, long nativeHeapTrimMs) {

    public OpsConfig {
        if (quiesceHost.isBlank()) throw new ConfigException("quiesceHost", "must not be empty");
    }

    static OpsConfig from(ConfigReader root) {
        ConfigReader q = root.child("quiesce");
        ConfigReader m = root.child("metrics");
        ConfigReader w = root.child("webhooks");
        ConfigReader s = root.child("shutdown");
        return new OpsConfig(root.integer("quiescePort", 0, 65535), root.string("quiesceHost"),
            q.number("drainTimeoutMs", 0, 86_400_000), q.bool("keepListening"),
            m.bool("vertxHttp"), m.integer("publishIntervalSeconds", 1, 60),
            m.integer("licensePublishIntervalMinutes", 1, 1440),
            w.integer("maxAttempts", 1, 100), w.number("initialBackoffMs", 1, 3_600_000), w.number("timeoutMs", 1, 600_000),
            s.number("drainTimeoutMs", 0, 86_400_000), root.child("memory").number("nativeHeapTrimMs", 0, 3_600_000));
    }
}
