package dev.apigw.emulator.events;

import dev.apigw.emulator.runtime.GatewayException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Which events a purge, archive or download takes, from the product's query parameters: {@code eventType}
 * ({@code ALL}, a name such as {@code transactionalEvents}, or several comma-separated), and a time window from
 * {@code from}, {@code until} ({@code yyyy-MM-dd HH:mm:ss}) and/or {@code olderThan} ({@code 28d}, {@code 1M},
 * {@code 1y}), at least one of them. Empty parameters count as absent (pipelines send {@code until=}); unknown
 * ones ({@code objectType=Analytics}) are ignored.
 *
 * @param types by {@link EventType#ordinal()}
 * @param from epoch ms, inclusive
 * @param until epoch ms, inclusive
 */
public record PurgeCriteria(boolean[] types, long from, long until, String eventType) {

    /** @param param a query parameter by name, null when absent or empty */
    public static PurgeCriteria parse(Function<String, String> param, String fromName, String untilName,
                                      String durationName, long now) {
        String eventType = param.apply("eventType");
        if (eventType == null) {
            throw GatewayException.admin(400, "MANDATORY_PARAMETER_MISSING", "Mandatory parameter eventType is missing; "
                + "use ALL or one of " + names());
        }
        String from = param.apply(fromName);
        String until = param.apply(untilName);
        String older = param.apply(durationName);
        if (from == null && until == null && older == null) {
            throw GatewayException.admin(400, "MANDATORY_PARAMETER_MISSING", "One of the parameters " + fromName + ", "
                + untilName + " or " + durationName + " is required");
        }
        long lo = from == null ? Long.MIN_VALUE : instant(from, fromName);
        long hi = until == null ? Long.MAX_VALUE : instant(until, untilName);
        if (older != null) {
            Long before = Times.before(older, now);
            if (before == null) {
                throw GatewayException.admin(400, "BAD_PARAMETER", "Query parameter " + durationName + " must be a number "
                    + "and a unit of d (days), M (months) or y (years), e.g. 28d; was '" + older + "'");
            }
            hi = Math.min(hi, before);
        }
        return new PurgeCriteria(types(eventType), lo, hi, eventType);
    }

    private static long instant(String value, String name) {
        Long t = Times.parse(value, false);
        if (t == null) {
            throw GatewayException.admin(400, "BAD_PARAMETER", "Query parameter " + name + " must be a date "
                + "(yyyy-MM-dd HH:mm:ss), was '" + value + "'");
        }
        return t;
    }

    static boolean[] types(String eventType) {
        boolean[] mask = new boolean[EventType.values().length];
        for (String name : eventType.split(",")) {
            if (name.isBlank()) continue;
            if (name.trim().equalsIgnoreCase("ALL")) return EventStore.allTypes();
            EventType t = EventType.ofDataName(name);
            if (t == null) t = EventType.ofSearchType(name);
            if (t == null) {
                throw GatewayException.admin(400, "BAD_PARAMETER", "Unknown eventType '" + name.trim() + "'; use ALL or "
                    + "one of " + names());
            }
            mask[t.ordinal()] = true;
        }
        return mask;
    }

    static List<String> names() {
        List<String> out = new ArrayList<>();
        for (EventType t : EventType.values()) out.add(t.dataName());
        return out;
    }
}
