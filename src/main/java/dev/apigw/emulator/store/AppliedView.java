package dev.apigw.emulator.store;

import io.vertx.core.Future;

/**
 * An in-memory view derived from the store (route table, application index, subscription directory). Admin writes
 * answer once every view has them, so a client's next runtime request sees its change (read-your-writes).
 */
public interface AppliedView {

    /** Completes once every change this node has seen so far is in the view in force. Any thread. */
    Future<Void> applied();
}
