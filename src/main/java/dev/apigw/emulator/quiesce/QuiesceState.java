package dev.apigw.emulator.quiesce;

/** The node's mode, as the quiesce controller moves it; the ordinal is the value of the {@code gateway.quiesce.state} gauge. */
public enum QuiesceState {
    ACTIVE, DESIGNTIME_BLOCKED, FLUSHING, DRAINING, QUIESCED;

    /** True while the main port admits new requests. */
    boolean admits() {
        return this == ACTIVE || this == DESIGNTIME_BLOCKED || this == FLUSHING;
    }

    /** True from the start of a quiesce-all (or shutdown) until the node is active again. */
    boolean blocksAll() {
        return this == FLUSHING || this == DRAINING || this == QUIESCED;
    }
}
