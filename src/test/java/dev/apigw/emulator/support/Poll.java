package dev.apigw.emulator.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.function.BooleanSupplier;

/** Waits for a condition with a deadline (polling, from the JUnit thread), and finds free ports. */
public final class Poll {
    private Poll() {
    }

    public static void until(String what, BooleanSupplier condition) {
        until(what, 15_000, condition);
    }

    public static void until(String what, long timeoutMs, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for: " + what);
            Thread.onSpinWait();
            try {
                Thread.sleep(5); // polling interval, not synchronisation: the condition decides
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for: " + what);
            }
        }
    }

    /** A port free right now on loopback (for settings that cannot take 0, such as the quiesce port). */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
