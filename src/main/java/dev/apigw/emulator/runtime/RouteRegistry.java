package dev.apigw.emulator.runtime;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Shared by every gateway verticle: the route table in force. Readers take the current snapshot without locking;
 * the deployer swaps in a new table after any asset change.
 */
public final class RouteRegistry {
    private final AtomicReference<RouteTable> current = new AtomicReference<>(RouteTable.EMPTY);

    public RouteTable current() {
        return current.get();
    }

    public void swap(RouteTable table) {
        current.set(table);
    }
}
