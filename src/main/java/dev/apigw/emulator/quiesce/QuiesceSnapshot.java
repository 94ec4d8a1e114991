package dev.apigw.emulator.quiesce;

import java.util.List;

/**
 * One consistent view of the node's quiesce mode: the state, the settings of the last request, how it went and the
 * receipt of the last quiesce for all. Immutable; {@link QuiesceMachine} swaps whole snapshots.
 *
 * @param block "designtime", "all", or null when no quiesce was ever requested
 * @param status {@code SUCCESS}, {@code FAILURE} or {@code IN_PROGRESS}
 * @param generation increases with every quiesce for all, shutdown and activation, so a sequence that was superseded
 *                   sees it and stops
 */
public record QuiesceSnapshot(QuiesceState state, boolean enable, String block, List<String> flush, Status status,
                              String failureReason, long generation, QuiesceReceipt receipt) {
    public enum Status { SUCCESS, FAILURE, IN_PROGRESS }

    static final QuiesceSnapshot INITIAL = new QuiesceSnapshot(QuiesceState.ACTIVE, false, null, List.of(), Status.SUCCESS,
        null, 0, QuiesceReceipt.EMPTY);

    QuiesceSnapshot with(QuiesceState next) {
        return new QuiesceSnapshot(next, enable, block, flush, status, failureReason, generation, receipt);
    }

    QuiesceSnapshot with(Status nextStatus, String reason) {
        return new QuiesceSnapshot(state, enable, block, flush, nextStatus, reason, generation, receipt);
    }

    QuiesceSnapshot with(QuiesceReceipt nextReceipt) {
        return new QuiesceSnapshot(state, enable, block, flush, status, failureReason, generation, nextReceipt);
    }
}
