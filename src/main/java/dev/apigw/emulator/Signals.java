package dev.apigw.emulator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * SIGTERM and SIGINT start the node's draining shutdown instead of the JVM's immediate exit, so the process ends as soon
 * as the last request in flight does and with the node's own status (a plain JVM exits 143 on SIGTERM). Uses the
 * JDK's {@code sun.misc.Signal} (module jdk.unsupported, present in every OpenJDK 17); where it is missing, a shutdown
 * hook starts the same shutdown and the JVM's own exit status stands.
 */
final class Signals {
    private static final Logger LOG = LoggerFactory.getLogger(Signals.class);

    private Signals() {
    }

    static void onTermination(Runnable shutdown) {
        try {
            Signal.handle(new Signal("TERM"), sig -> started(sig.getName(), shutdown));
            Signal.handle(new Signal("INT"), sig -> started(sig.getName(), shutdown));
        } catch (IllegalArgumentException | LinkageError e) {
            LOG.warn("cannot handle SIGTERM here ({}); a shutdown hook drains instead", e.toString());
            Runtime.getRuntime().addShutdownHook(new Thread(shutdown, "apigw-shutdown"));
        }
    }

    /** Runs on the JVM's signal thread: only hands the work on (the node's shutdown is asynchronous). */
    private static void started(String signal, Runnable shutdown) {
        LOG.info("SIG{} received: shutting down", signal);
        shutdown.run();
    }
}
