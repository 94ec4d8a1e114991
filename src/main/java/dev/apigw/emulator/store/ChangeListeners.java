package dev.apigw.emulator.store;

import io.vertx.core.Handler;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The listeners of one store; a failing listener is logged and does not stop the others. */
final class ChangeListeners {
    private static final Logger LOG = Logger.getLogger(ChangeListeners.class.getName());
    private final List<Handler<AssetChange>> listeners = new CopyOnWriteArrayList<>();

    void add(Handler<AssetChange> listener) {
        listeners.add(listener);
    }

    void fire(AssetChange change) {
        for (Handler<AssetChange> l : listeners) {
            try {
                l.handle(change);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "asset change listener failed", e);
            }
        }
    }
}
