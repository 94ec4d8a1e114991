package dev.apigw.emulator.store;

import io.vertx.core.Handler;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The listeners of one store; a failing listener is logged and does not stop the others. */
final class ChangeListeners {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeListeners.class);
    private final List<Handler<AssetChange>> listeners = new CopyOnWriteArrayList<>();

    void add(Handler<AssetChange> listener) {
        listeners.add(listener);
    }

    void fire(AssetChange change) {
        for (Handler<AssetChange> l : listeners) {
            try {
                l.handle(change);
            } catch (RuntimeException e) {
                LOG.warn("asset change listener failed", e);
            }
        }
    }
}
