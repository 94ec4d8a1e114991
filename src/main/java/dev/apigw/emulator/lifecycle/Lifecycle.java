package dev.apigw.emulator.lifecycle;

import io.vertx.core.Future;

/**
 * A part of a gateway node that has to be started before the node serves and stopped when it goes: stores, clients,
 * publishers, listeners. The composition root lists them in dependency order; {@link Lifecycles} starts them in that
 * order and stops them in reverse. Both methods are non-blocking; {@code stop} is called once, even after a failed
 * start of a later part, and should release what it can rather than fail.
 */
public interface Lifecycle {

    /** A short name for logs. */
    default String name() {
        return getClass().getSimpleName();
    }

    default Future<Void> start() {
        return Future.succeededFuture();
    }

    default Future<Void> stop() {
        return Future.succeededFuture();
    }

    /** A part made of two actions, for components whose start and stop are plain method references. */
    static Lifecycle of(String name, java.util.function.Supplier<Future<Void>> start,
                        java.util.function.Supplier<Future<Void>> stop) {
        return new Lifecycle() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Future<Void> start() {
                return start.get();
            }

            @Override
            public Future<Void> stop() {
                return stop.get();
            }
        };
    }
}
