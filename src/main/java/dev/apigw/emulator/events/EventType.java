package dev.apigw.emulator.events;

import java.util.Locale;

/**
 * The product's runtime event types: the name {@code /search} takes ({@code TRANSACTION_EVENTS}), the name purge,
 * archive and download take ({@code transactionalEvents}) and the {@code eventType} value of a stored event
 * ({@code Transactional}, as the product's data model shows it). The emulator records the first four kinds; the
 * others are accepted everywhere and simply have no events.
 */
public enum EventType {
    TRANSACTION_EVENTS("transactionalEvents", "Transactional"),
    LIFECYCLE_EVENTS("lifecycleEvents", "Lifecycle"),
    POLICYVIOLATION_EVENTS("policyViolationEvents", "PolicyViolation"),
    ERROR_EVENTS("errorEvents", "Error"),
    MONITOR_EVENTS("monitorEvents", "Monitor"),
    THREATPROTECTION_EVENTS("threatProtectionEvents", "ThreatProtection"),
    PERFORMANCE_METRICS("performanceMetrics", "PerformanceMetrics"),
    AUDIT_LOG("auditlogs", "AuditLog"),
    APPLICATION_LOG("applicationlogs", "ApplicationLog"),
    REQUEST_RESPONSE_TRACE_SPANS("requestResponseTraceSpans", "RequestResponseTraceSpan"),
    MEDIATOR_TRACE_SPANS("mediatorTraceSpan", "MediatorTraceSpan"),
    SERVER_LOG_TRACE_SPANS("serverLogTraceSpan", "ServerLogTraceSpan"),
    QUOTA_USAGE("quotaUsage", "QuotaUsage");

    private static final EventType[] ALL = values();
    private final String dataName;
    private final String stored;

    EventType(String dataName, String stored) {
        this.dataName = dataName;
        this.stored = stored;
    }

    /** The name purge, archive and download use: {@code transactionalEvents}, {@code auditlogs}, ... */
    public String dataName() {
        return dataName;
    }

    /** The {@code eventType} field of a stored event. */
    public String stored() {
        return stored;
    }

    /** A {@code /search} type in any case ({@code transaction_events}), or null when it is not an event type. */
    public static EventType ofSearchType(String type) {
        String t = type.trim().toUpperCase(Locale.ROOT);
        for (EventType e : ALL) if (e.name().equals(t)) return e;
        return null;
    }

    /** A purge/archive name in any case ({@code auditLogs} and {@code auditlogs} alike), or null. */
    public static EventType ofDataName(String name) {
        for (EventType e : ALL) if (e.dataName.equalsIgnoreCase(name.trim())) return e;
        return null;
    }

    /** The type of a stored event from its {@code eventType} field, or null for a value no type stores. */
    public static EventType ofStored(String value) {
        if (value == null) return null;
        for (EventType e : ALL) if (e.stored.equals(value)) return e;
        return null;
    }

    static EventType of(int ordinal) {
        return ALL[ordinal];
    }
}
