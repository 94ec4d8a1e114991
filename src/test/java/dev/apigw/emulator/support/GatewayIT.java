package dev.apigw.emulator.support;

import dev.apigw.emulator.runtime.PolicyFactory;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test class run against one real gateway node and one real echo backend (the demo's, on 127.0.0.1 port 0), both
 * started before the first test and stopped after the last. Test constructors (also with
 * {@code @TestInstance(PER_CLASS)}), {@code @BeforeAll}/{@code @BeforeEach} methods and tests receive them as
 * parameters: {@link TestGateway}, {@link Echo}, and the {@code Vertx} they run on. A {@code @Nested} class gets a
 * node, echo backend and Vertx of its own, with its own {@code @GatewayIT} settings if it has the annotation, else
 * with the enclosing class's: the way to give a few tests other settings or a node they may change for good.
 *
 * <pre>{@code
 * @GatewayIT(set = "quiesce.drainTimeoutMs=2000")
 * class QuiesceAllIT {
 *     @Test
 *     void quiesce_all_drains(TestGateway gw, Echo echo) { ... gw.deploy("apis/echo.json") ... }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(GatewayExtension.class)
public @interface GatewayIT {

    /**
     * Settings over the test defaults, each {@code dotted.path=value} (the value read as JSON when it parses);
     * {@code ${freePort}} in a value is a loopback port free at start, for settings that cannot take 0
     * ({@code "quiescePort=${freePort}"}).
     */
    String[] set() default {};

    /** Point the node at a real Redis server of the class's own ({@link RedisServer}, injectable) instead of the embedded stores. */
    boolean redis() default false;

    /**
     * With {@link #redis()}: the class's Redis keeps its data across {@link RedisServer#stop()} and
     * {@link RedisServer#start()} (append-only file), for tests that take it away and bring it back.
     */
    boolean persistentRedis() default false;

    /** Policy factories the node gets beside the product's (classes with a no-argument constructor): test stand-ins. */
    Class<? extends PolicyFactory>[] policies() default {};

    /**
     * A fresh node for every test, for tests that change the node's state for good (quiesce, shutdown, restart).
     * The echo backend stays one per class.
     */
    boolean perTest() default false;
}
