package dev.apigw.emulator.events;

import java.util.List;

/**
 * A search over event types as {@code /search}, {@code /search/_count} and {@code /search/_aggregations} take it
 * (parsed by {@link EventQueryParser}): the types, the scope under {@code and}/{@code or}, projection, paging,
 * sorting and aggregations. Immutable apart from its scopes' per-query memos.
 *
 * @param from events skipped per type
 * @param size events returned per type (already capped by the configured maximum)
 * @param sortField {@code creationDate} unless the request names another field
 */
record EventQuery(List<EventType> types, List<Scope> scope, boolean and, List<String> responseFields, int from,
                  int size, String sortField, boolean descending, List<Aggregation> aggregations) {

    boolean matches(EventView event) {
        if (scope.isEmpty()) return true;
        for (Scope s : scope) {
            boolean hit = s.test(event);
            if (and && !hit) return false;
            if (!and && hit) return true;
        }
        return and;
    }

    /** The creationDate bounds every match lies within, {lo, hi} inclusive, given the retention's oldest instant. */
    long[] timeBounds(long oldest) {
        long lo = oldest;
        long hi = Long.MAX_VALUE;
        if (and || scope.size() == 1) {
            for (Scope s : scope) {
                if (s instanceof Scope.Range r && r.onDate()) {
                    lo = Math.max(lo, r.from() <= Long.MIN_VALUE ? Long.MIN_VALUE : (long) Math.ceil(r.from()));
                    hi = Math.min(hi, r.to() >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) Math.floor(r.to()));
                }
            }
        }
        return new long[] {lo, hi};
    }

    boolean[] typeMask() {
        boolean[] mask = new boolean[EventType.values().length];
        for (EventType t : types) mask[t.ordinal()] = true;
        return mask;
    }
}
