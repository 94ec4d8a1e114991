package dev.apigw.emulator.rehearsal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The processes a rehearsal started (nodes, Redis servers, Maven running Gatling). If the rehearsal's JVM ends
 * early (Ctrl-C, a kill), a shutdown hook ends those still running, with their own children (Gatling's forked JVM),
 * so no node keeps a port after the rehearsal is gone.
 */
final class Children {
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Children::kill), "rehearsal-children"));
    }

    private Children() {
    }

    static Process started(Process p) {
        RUNNING.add(p);
        return p;
    }

    /** Ends the process and its descendants at once (no-op when already gone). */
    static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        RUNNING.remove(p);
    }

    static void ended(Process p) {
        RUNNING.remove(p);
    }
}
