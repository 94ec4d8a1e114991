package dev.apigw.emulator.quiesce;

import java.util.List;

/**
 * A {@code PUT /rest/apigateway/quiescemode} as the machine takes it: enable or disable, design time or all, and
 * the kinds to flush (every kind when none is named). The admin resource parses and validates the body.
 */
public record QuiesceRequest(boolean enable, boolean all, List<String> flush) {
    public static final List<String> KINDS = List.of("license_metrics", "performance_metrics", "subscription_quota");

    public QuiesceRequest {
        flush = flush == null || flush.isEmpty() ? KINDS : List.copyOf(flush);
    }

    public String block() {
        return all ? "all" : "designtime";
    }
}
