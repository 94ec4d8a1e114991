package dev.apigw.emulator;

import dev.apigw.emulator.lifecycle.Lifecycle;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.lang.management.ManagementFactory;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands the C library's free memory back to the system every {@code memory.nativeHeapTrimMs}. Why: the JIT compilers
 * and Netty free native memory that glibc keeps in its arenas, about 20 MiB of a warmed-up gateway's resident memory
 * (loadtest/RESULTS.md, issue 17), which containers with a memory limit pay for. It is what the JVM's own
 * {@code -XX:TrimNativeHeapInterval} does, done in the process so that a plain {@code java -jar} gets it too; when that
 * option is set, the JVM trims and this does nothing. It runs the JDK's {@code System.trim_native_heap} diagnostic
 * command on a worker thread, because {@code malloc_trim} walks every arena and must not hold an event loop. Where the
 * command is missing or cannot trim (a C library other than glibc), it says so once and stops.
 */
final class NativeHeapTrim implements Lifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(NativeHeapTrim.class);
    private static final String COMMAND = "systemTrimNativeHeap";

    private final Vertx vertx;
    private final long intervalMs;
    private long timer = -1;
    private volatile boolean running;

    NativeHeapTrim(Vertx vertx, long intervalMs) {
        this.vertx = vertx;
        this.intervalMs = intervalMs;
    }

    @Override
    public Future<Void> start() {
        if (intervalMs > 0 && !jvmTrims()) timer = vertx.setPeriodic(intervalMs, id -> trimOnWorker());
        return Future.succeededFuture();
    }

    @Override
    public Future<Void> stop() {
        if (timer >= 0) vertx.cancelTimer(timer);
        timer = -1;
        return Future.succeededFuture();
    }

    /** At most one trim at a time: a slow one (a large heap to walk) is not stacked up by the next tick. */
    private void trimOnWorker() {
        if (running) return;
        running = true;
        vertx.executeBlocking(NativeHeapTrim::trim, false).onComplete((trimmed, failure) -> {
            running = false;
            if (failure == null && trimmed) return;
            LOG.info("native heap trimming stops: {}", failure == null ? "not available here" : failure.toString());
            stop();
        });
    }

    /**
     * Blocking (a worker thread only): runs {@code System.trim_native_heap}; false where it cannot trim.
     *
     * @throws Exception where this JDK has no such command
     */
    static boolean trim() throws Exception {
        Object out = ManagementFactory.getPlatformMBeanServer().invoke(
            new ObjectName("com.sun.management:type=DiagnosticCommand"), COMMAND, new Object[] {null},
            new String[] {String[].class.getName()});
        LOG.debug("{}", out);
        return String.valueOf(out).contains("Trim native heap");
    }

    /** Whether the JVM was started with its own periodic trim ({@code -XX:TrimNativeHeapInterval} above 0). */
    static boolean jvmTrims() {
        try {
            var diagnostics = ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
            return Long.parseLong(diagnostics.getVMOption("TrimNativeHeapInterval").getValue()) > 0;
        } catch (RuntimeException noSuchOption) {
            return false;
        }
    }
}
