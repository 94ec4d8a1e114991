package dev.apigw.emulator.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyChainTest {
    final List<String> ran = new ArrayList<>();
    final Exchange exchange = new Exchange(null, null, "/");

    private Policy ok(String id) {
        return policy(id, () -> Future.succeededFuture());
    }

    private Policy policy(String id, java.util.function.Supplier<Future<Void>> body) {
        return new Policy() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public Future<Void> apply(Exchange exchange) {
                ran.add(id);
                return body.get();
            }
        };
    }

    @Test
    void runs_policies_in_order_and_succeeds_when_all_do() {
        Future<Void> f = new PolicyChain(List.of(ok("a"), ok("b"), ok("c"))).execute(exchange);
        assertTrue(f.succeeded());
        assertEquals(List.of("a", "b", "c"), ran);
    }

    @Test
    void stops_at_the_first_failure_with_its_exception() {
        GatewayException denied = new GatewayException(401, "TOKEN_MISSING", "no token");
        Future<Void> f = new PolicyChain(List.of(ok("a"), policy("b", () -> Future.failedFuture(denied)), ok("c")))
            .execute(exchange);
        assertSame(denied, f.cause());
        assertEquals(List.of("a", "b"), ran);
        assertEquals("b", exchange.refusedBy(), "the refusing policy is recorded for the events");
    }

    @Test
    void waits_for_an_asynchronous_policy_before_the_next() {
        Promise<Void> pending = Promise.promise();
        Future<Void> f = new PolicyChain(List.of(ok("a"), policy("slow", pending::future), ok("c"))).execute(exchange);
        assertEquals(List.of("a", "slow"), ran);
        assertTrue(!f.isComplete());
        pending.complete();
        assertTrue(f.succeeded());
        assertEquals(List.of("a", "slow", "c"), ran);
    }

    @Test
    void a_policy_that_throws_or_returns_null_fails_the_chain_instead_of_escaping() {
        Future<Void> thrown = new PolicyChain(List.of(policy("boom", () -> {
            throw new IllegalStateException("bug");
        }), ok("never"))).execute(exchange);
        assertTrue(thrown.cause() instanceof IllegalStateException);
        Future<Void> none = new PolicyChain(List.of(policy("null", () -> null))).execute(exchange);
        assertTrue(none.failed());
        assertEquals(List.of("boom", "null"), ran);
    }

    @Test
    void an_asynchronous_refusal_records_the_refusing_policy() {
        Promise<Void> pending = Promise.promise();
        Future<Void> f = new PolicyChain(List.of(ok("a"), policy("slow", pending::future))).execute(exchange);
        pending.fail(new GatewayException(429, "RATE_LIMITED", "too many"));
        assertTrue(f.failed());
        assertEquals("slow", exchange.refusedBy());
    }

    @Test
    void an_empty_chain_succeeds() {
        assertTrue(PolicyChain.EMPTY.execute(exchange).succeeded());
        assertEquals(0, PolicyChain.EMPTY.size());
    }
}
