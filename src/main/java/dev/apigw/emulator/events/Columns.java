package dev.apigw.emulator.events;

import java.util.ArrayDeque;

/**
 * The in-memory columns of one {@link Segment}: about 55 bytes per row, allocated at the segment's full capacity.
 * Every row a segment adds writes every column, so a set of columns can be handed from a segment retention dropped to
 * the next one without clearing.
 */
final class Columns {
    final int capacity;
    final long[] time;
    final byte[] type;
    final short[][] text = new short[Fields.TEXT.length][];
    final int[][] number = new int[Fields.NUMBER.length][];
    final int[] offset;
    final int[] length;

    Columns(int capacity) {
        this.capacity = capacity;
        time = new long[capacity];
        type = new byte[capacity];
        offset = new int[capacity];
        length = new int[capacity];
        for (int f = 0; f < text.length; f++) text[f] = new short[capacity];
        for (int f = 0; f < number.length; f++) number[f] = new int[capacity];
    }

    /**
     * Columns of retired segments, kept for the next segments (writer thread only). Why: under sustained traffic a
     * segment fills every second or so; fresh columns were ~1 MiB of arrays each, copied between survivor spaces and
     * promoted, and every promotion touched old-generation pages for the first time. Those page faults made the young
     * collections that promoted them three times longer (4-5 ms instead of ~1.5 ms, the gateway's paced p99), and
     * the old generation grew by a segment a second until a full collection, taking the whole heap into the
     * process's resident memory. Reused columns stay where they are.
     */
    static final class Pool {
        private final int capacity;
        private final int max;
        private final ArrayDeque<Columns> free = new ArrayDeque<>();

        /** Keeps up to {@code max} sets of columns of {@code capacity} rows. */
        Pool(int capacity, int max) {
            this.capacity = capacity;
            this.max = max;
        }

        Columns take(int rows) {
            Columns c = rows == capacity ? free.poll() : null;
            return c != null ? c : new Columns(rows);
        }

        /** Only once no read can still look at the columns: no read was running, or the query grace has passed. */
        void give(Columns c) {
            if (c.capacity == capacity && free.size() < max) free.push(c);
        }

        int size() {
            return free.size();
        }
    }
}
