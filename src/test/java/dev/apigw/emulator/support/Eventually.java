package dev.apigw.emulator.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polls a condition from the JUnit thread until it holds or a deadline passes: for changes applied asynchronously. */
public final class Eventually {
    private Eventually() {
    }

    /** Returns how long it took; fails with {@code what} if the deadline passes first. */
    public static Duration until(Duration deadline, String what, BooleanSupplier condition) {
        long start = System.nanoTime();
        long end = start + deadline.toNanos();
        while (true) {
            if (condition.getAsBoolean()) return Duration.ofNanos(System.nanoTime() - start);
            if (System.nanoTime() > end) throw new AssertionError("not within " + deadline.toMillis() + " ms: " + what);
            pause();
        }
    }

    /** Polls {@code value} until {@code accept} holds for it, and returns that value. */
    public static <T> T value(Duration deadline, String what, Supplier<T> value, java.util.function.Predicate<T> accept) {
        long end = System.nanoTime() + deadline.toNanos();
        T last;
        while (!accept.test(last = value.get())) {
            if (System.nanoTime() > end) throw new AssertionError("not within " + deadline.toMillis() + " ms: " + what + ", last: " + last);
            pause();
        }
        return last;
    }

    private static void pause() {
        try {
            Thread.sleep(20); // a poll interval, not synchronisation: the condition decides
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted");
        }
    }
}
