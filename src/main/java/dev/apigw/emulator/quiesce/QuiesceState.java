package dev.apigw.emulator.quiesce;

/** The node's mode, as the quiesce machine moves it; the ordinal is the value of the {@code gateway.quiesce.state} gauge. */
public enum QuiesceState {
    ACTIVE, DESIGNTIME_BLOCKED, FLUSHING, DRAINING, QUIESCED;

    /** True while the main port admits new requests. */
    public boolean admits() {
        return this == ACTIVE || this == DESIGNTIME_BLOCKED || this == FLUSHING;
    }

    /** True from the start of a quiesce-all (or shutdown) until the node is active again. */
    public boolean blocksAll() {
        return this == FLUSHING || this == DRAINING || this == QUIESCED;
    }

    /** Design-time writes are refused from a design-time quiesce until the node is active again. */
    public boolean blocksDesignTime() {
        return this != ACTIVE;
    }

    /** While draining or quiesced, responses carry {@code Connection: close} so keep-alive clients move off. */
    public boolean closesConnections() {
        return this == DRAINING || this == QUIESCED;
    }
}
