package dev.apigw.emulator.support;

import dev.apigw.emulator.demo.EchoBackend;
import dev.apigw.emulator.runtime.PolicyFactory;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/** Starts and stops what {@link GatewayIT} promises, and injects it. */
final class GatewayExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback,
    ParameterResolver {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(GatewayExtension.class);

    /** What one test class runs against. */
    private static final class ClassResources {
        final Vertx vertx = Vertx.vertx();
        final Echo echo = new Echo(Await.result(new EchoBackend(vertx).start("127.0.0.1", 0)));
        final RedisServer redis;
        TestGateway gateway;

        ClassResources(GatewayIT it) {
            // a Redis of the class's own: no shared keys
            this.redis = !it.redis() ? null : it.persistentRedis() ? RedisServer.startNewPersistent() : RedisServer.startNew();
        }

        void close() {
            if (gateway != null) gateway.close();
            Await.result(echo.backend().stop());
            Await.result(vertx.close());
            if (redis != null) redis.close();
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        classResources(context);
    }

    /** The resources of the context's own class, started on first use (a PER_CLASS instance is built before beforeAll). */
    private static ClassResources classResources(ExtensionContext classContext) {
        // keyed by class: a store also answers from its parents, and a @Nested class has resources of its own
        return classContext.getStore(NS).getOrComputeIfAbsent(classContext.getRequiredTestClass(), k -> {
            GatewayIT it = annotation(classContext);
            ClassResources r = new ClassResources(it);
            if (!it.perTest()) r.gateway = start(it, r);
            return r;
        }, ClassResources.class);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        ClassResources r = context.getStore(NS).remove(context.getRequiredTestClass(), ClassResources.class);
        if (r != null) r.close();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (!annotation(context).perTest()) return;
        ClassResources r = resources(context);
        r.gateway = start(annotation(context), r);
    }

    private static TestGateway start(GatewayIT it, ClassResources r) {
        List<PolicyFactory> factories = new ArrayList<>();
        for (Class<? extends PolicyFactory> type : it.policies()) {
            try {
                factories.add(type.getDeclaredConstructor().newInstance());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("@GatewayIT(policies) needs a no-argument constructor: " + type, e);
            }
        }
        return TestGateway.start(r.vertx, settings(it, r.redis), factories);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!annotation(context).perTest()) return;
        ClassResources r = resources(context);
        if (r.gateway != null) r.gateway.close();
        r.gateway = null;
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
        Class<?> type = p.getParameter().getType();
        return type == TestGateway.class || type == Echo.class || type == Vertx.class || type == RedisServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext e) {
        ClassResources r = e.getTestMethod().isPresent() ? resources(e) : classResources(e);
        Class<?> type = p.getParameter().getType();
        if (type == Echo.class) return r.echo;
        if (type == Vertx.class) return r.vertx;
        if (type == RedisServer.class) {
            if (r.redis == null) throw new IllegalStateException("inject RedisServer only with @GatewayIT(redis = true)");
            return r.redis;
        }
        if (r.gateway == null) {
            throw new IllegalStateException("@GatewayIT(perTest = true) starts the gateway before each test; "
                + "take it as a parameter of the test or of a @BeforeEach method, not of the constructor");
        }
        return r.gateway;
    }

    private static ClassResources resources(ExtensionContext context) {
        ExtensionContext c = context;
        while (c != null) {
            ExtensionContext at = c;
            ClassResources r = at.getTestClass().map(type -> at.getStore(NS).get(type, ClassResources.class)).orElse(null);
            if (r != null) return r;
            c = c.getParent().orElse(null);
        }
        throw new IllegalStateException("no @GatewayIT resources for " + context.getDisplayName());
    }

    private static GatewayIT annotation(ExtensionContext context) {
        Class<?> type = context.getRequiredTestClass();
        while (type.getAnnotation(GatewayIT.class) == null && type.getEnclosingClass() != null) type = type.getEnclosingClass();
        return type.getAnnotation(GatewayIT.class);
    }

    static JsonObject settings(GatewayIT it, RedisServer redis) {
        JsonObject s = TestGateway.defaults();
        if (redis != null) s.getJsonObject("redis").put("url", redis.url());
        for (String entry : it.set()) {
            int eq = entry.indexOf('=');
            if (eq < 1) throw new IllegalArgumentException("@GatewayIT(set) entries are path=value, was: " + entry);
            String text = entry.substring(eq + 1).trim().replace("${freePort}", String.valueOf(Poll.freePort()));
            put(s, entry.substring(0, eq).trim(), value(text));
        }
        return s;
    }

    private static void put(JsonObject root, String path, Object value) {
        String[] parts = path.split("\\.");
        JsonObject at = root;
        for (int i = 0; i < parts.length - 1; i++) {
            if (!(at.getValue(parts[i]) instanceof JsonObject)) at.put(parts[i], new JsonObject());
            at = at.getJsonObject(parts[i]);
        }
        at.put(parts[parts.length - 1], value);
    }

    private static Object value(String text) {
        try {
            return Json.decodeValue(text);
        } catch (DecodeException e) {
            return text;
        }
    }
}
