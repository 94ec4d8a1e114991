package dev.apigw.emulator.quiesce;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the last quiesce did and when (beyond the real product): a timestamp per phase with its facts (for example
 * requests still in flight) and, per flushed kind, how many records or counters were written. Immutable: every
 * change makes a new receipt, so a reader always sees one consistent version inside a {@link QuiesceSnapshot}.
 */
public record QuiesceReceipt(Map<String, Phase> phases, Map<String, Flush> flushes) {
    public static final QuiesceReceipt EMPTY = new QuiesceReceipt(Map.of(), Map.of());

    /** One phase: when it began, and what was true then. */
    public record Phase(Instant at, Map<String, Object> facts) {
    }

    /** The flushes of one kind in this quiesce: records written in all, how many flushes, the last error if any. */
    public record Flush(String kind, int count, int flushes, Instant at, String error) {
    }

    public QuiesceReceipt withPhase(String name, Map<String, Object> facts) {
        Map<String, Phase> next = new LinkedHashMap<>(phases);
        next.put(name, new Phase(Instant.now(), Map.copyOf(facts)));
        return new QuiesceReceipt(Collections.unmodifiableMap(next), flushes);
    }

    /** Adds a flush of one kind; the final flush after the drain adds to the first one's count. */
    public QuiesceReceipt withFlush(String kind, int count, String error) {
        Flush old = flushes.getOrDefault(kind, new Flush(kind, 0, 0, null, null));
        Map<String, Flush> next = new LinkedHashMap<>(flushes);
        next.put(kind, new Flush(kind, old.count() + (error == null ? count : 0), old.flushes() + 1, Instant.now(),
            error == null ? old.error() : error));
        return new QuiesceReceipt(phases, Collections.unmodifiableMap(next));
    }
}
