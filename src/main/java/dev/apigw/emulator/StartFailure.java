package dev.apigw.emulator;

import dev.apigw.emulator.config.ConfigLoader;
import dev.apigw.emulator.config.GatewayConfig;
import java.net.BindException;

/** Turns a failed start into a sentence that names what to change: a port in use names the port and its setting. */
final class StartFailure {
    private StartFailure() {
    }

    static String describe(Throwable err, GatewayConfig config) {
        String message = err.getMessage() == null ? err.getClass().getSimpleName() : err.getMessage();
        // a Redis client's message may carry the connection string: never print its password
        if (!isBind(err)) return config.redis().redact(message);
        if (message.startsWith("quiesce port")) return inUse(config.ops().quiescePort(), "quiescePort", config.ops().quiesceHost());
        if (message.startsWith("echo backend")) return inUse(config.demo().echoPort(), "demo.echoPort", config.demo().echoHost());
        if (message.startsWith("main port")) return inUse(config.port(), "port", config.host());
        return message;
    }

    private static String inUse(int port, String setting, String host) {
        return "port " + port + " on " + host + " is already in use (setting " + setting + ", environment variable "
            + ConfigLoader.envName(setting) + "): stop what listens there or choose another port (0 = any free port)";
    }

    private static boolean isBind(Throwable err) {
        for (Throwable t = err; t != null; t = t.getCause()) {
            if (t instanceof BindException || (t.getMessage() != null && t.getMessage().contains("Address already in use"))) {
                return true;
            }
        }
        return false;
    }
}
