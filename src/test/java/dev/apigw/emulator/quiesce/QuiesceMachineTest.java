package dev.apigw.emulator.quiesce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apigw.emulator.quiesce.QuiesceMachine.Refusal;
import dev.apigw.emulator.quiesce.QuiesceSnapshot.Status;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QuiesceMachineTest {
    private static final QuiesceRequest DESIGNTIME_ON = new QuiesceRequest(true, false, List.of());
    private static final QuiesceRequest DESIGNTIME_OFF = new QuiesceRequest(false, false, List.of());
    private static final QuiesceRequest ALL = new QuiesceRequest(true, true, List.of());

    private final QuiesceMachine machine = new QuiesceMachine();

    @Test
    void designtime_blocks_and_unblocks_and_refuses_repeats() {
        assertTrue(machine.request(DESIGNTIME_ON, false).applied());
        assertEquals(QuiesceState.DESIGNTIME_BLOCKED, machine.snapshot().state());
        assertEquals(Refusal.DESIGNTIME_IN_EFFECT, machine.request(DESIGNTIME_ON, false).refusal());
        assertTrue(machine.request(DESIGNTIME_OFF, false).applied());
        assertEquals(Refusal.NOT_ENABLED, machine.request(DESIGNTIME_OFF, false).refusal());
        assertEquals(QuiesceState.ACTIVE, machine.snapshot().state());
    }

    @Test
    void quiesce_all_needs_a_ready_quiesce_port_and_cannot_be_disabled() {
        assertEquals(Refusal.QUIESCE_PORT_MISSING, machine.request(ALL, false).refusal());
        assertEquals(Refusal.ALL_NOT_DISABLEABLE, machine.request(new QuiesceRequest(false, true, List.of()), true).refusal());
        QuiesceSnapshot started = machine.request(ALL, true).snapshot();
        assertEquals(QuiesceState.FLUSHING, started.state());
        assertEquals(Status.IN_PROGRESS, started.status());
        assertEquals(QuiesceRequest.KINDS, started.flush());
        assertEquals(Refusal.ALL_IN_EFFECT, machine.request(DESIGNTIME_ON, true).refusal());
    }

    @Test
    void walks_flushing_draining_quiesced_for_the_current_generation_only() {
        long gen = machine.request(ALL, true).snapshot().generation();
        assertFalse(machine.drain(gen + 1), "a stale generation moves nothing");
        assertTrue(machine.drain(gen));
        assertEquals(QuiesceState.DRAINING, machine.snapshot().state());
        assertFalse(machine.snapshot().state().admits());
        assertTrue(machine.quiesced(gen));
        assertEquals(QuiesceState.QUIESCED, machine.snapshot().state());
        assertEquals(Status.SUCCESS, machine.snapshot().status());
    }

    @Test
    void activation_supersedes_a_running_quiesce() {
        long gen = machine.request(ALL, true).snapshot().generation();
        long activation = machine.activating();
        assertFalse(machine.drain(gen), "the quiesce that was flushing must not start draining");
        machine.activated(activation);
        assertEquals(QuiesceState.ACTIVE, machine.snapshot().state());
        assertFalse(machine.snapshot().enable());
    }

    @Test
    void a_failed_flush_goes_back_with_the_reason() {
        machine.request(DESIGNTIME_ON, false);
        long gen = machine.request(ALL, true).snapshot().generation();
        machine.failed(gen, QuiesceState.DESIGNTIME_BLOCKED, "flush failed: store down");
        assertEquals(QuiesceState.DESIGNTIME_BLOCKED, machine.snapshot().state());
        assertEquals(Status.FAILURE, machine.snapshot().status());
        assertEquals("flush failed: store down", machine.snapshot().failureReason());
    }

    @Test
    void receipt_records_phases_and_adds_up_flushes_of_one_kind() {
        machine.phase("draining", Map.of("inFlight", 3));
        machine.flushed("license_metrics", 4, null);
        machine.flushed("license_metrics", 2, null);
        QuiesceReceipt r = machine.snapshot().receipt();
        assertEquals(3, r.phases().get("draining").facts().get("inFlight"));
        assertEquals(6, r.flushes().get("license_metrics").count());
        assertEquals(2, r.flushes().get("license_metrics").flushes());
    }

    @Test
    void shutdown_always_starts_a_new_generation() {
        long first = machine.beginShutdown().generation();
        assertEquals(QuiesceState.FLUSHING, machine.snapshot().state());
        assertTrue(machine.beginShutdown().generation() > first);
    }
}
