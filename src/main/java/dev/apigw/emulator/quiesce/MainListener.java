package dev.apigw.emulator.quiesce;

import io.vertx.core.Future;

/** The main port's listener, which a quiesced node closes and {@code setActiveMode} opens again. */
public interface MainListener {

    /** Stops listening; requests already answered are unaffected. Idempotent. */
    Future<Void> close();

    /** Listens again on the same port. Idempotent. */
    Future<Void> open();

    MainListener NONE = new MainListener() {
        @Override
        public Future<Void> close() {
            return Future.succeededFuture();
        }

        @Override
        public Future<Void> open() {
            return Future.succeededFuture();
        }
    };
}
