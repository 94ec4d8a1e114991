package dev.apigw.emulator.events;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The first {@code capacity} events of one type in the requested order (creationDate, a number or a text; equal
 * keys keep scan order), kept in a bounded heap while a scan runs. An event that cannot make it costs no
 * allocation. Confined to the query's thread.
 */
final class TopK {
    private enum Key { DATE, NUMBER, TEXT }

    private record Entry(double number, String text, long order, Object handle) {
    }

    private final int capacity;
    private final String field;
    private final Key key;
    private final boolean descending;
    /** The worst kept entry on top. */
    private final PriorityQueue<Entry> heap;
    private final Comparator<Entry> better;
    private long order;

    TopK(int capacity, String field, boolean descending) {
        this.capacity = capacity;
        this.field = field;
        this.key = field.equals(Fields.CREATION_DATE) ? Key.DATE : Fields.number(field) >= 0 ? Key.NUMBER : Key.TEXT;
        this.descending = descending;
        this.better = (a, b) -> compare(a.number(), a.text(), a.order(), b);
        this.heap = new PriorityQueue<>(Math.max(1, Math.min(capacity, 1024)), better.reversed());
    }

    void offer(EventView event) {
        long n = order++;
        if (capacity == 0) return;
        double num = 0;
        String text = null;
        if (key == Key.DATE) num = event.creationDate();
        else if (key == Key.NUMBER) num = absentLast(event.number(field));
        else text = event.text(field);
        if (heap.size() == capacity) {
            Entry worst = heap.peek();
            if (compare(num, text, n, worst) >= 0) return;
            heap.poll();
        }
        heap.add(new Entry(num, text, n, event.handle()));
    }

    /** Absent numbers sort after present ones, whatever the order. */
    private double absentLast(double v) {
        if (!Double.isNaN(v)) return v;
        return descending ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }

    /** Negative when the first event comes before {@code other} in the requested order. */
    private int compare(double num, String text, long n, Entry other) {
        int c = key == Key.TEXT ? compareText(text, other.text()) : Double.compare(num, other.number());
        if (descending) c = -c;
        return c != 0 ? c : Long.compare(n, other.order());
    }

    private int compareText(String a, String b) {
        if (a == null || b == null) {
            if (a == b) return 0;
            return (a == null) != descending ? 1 : -1; // absent last in both orders (the caller flips descending)
        }
        return String.CASE_INSENSITIVE_ORDER.compare(a, b);
    }

    /** The kept events, best first, skipping the first {@code from}. */
    List<Object> handles(int from) {
        List<Entry> all = new ArrayList<>(heap);
        all.sort(better);
        List<Object> out = new ArrayList<>(Math.max(0, all.size() - from));
        for (int i = from; i < all.size(); i++) out.add(all.get(i).handle());
        return out;
    }
}
