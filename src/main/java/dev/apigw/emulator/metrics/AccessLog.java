package dev.apigw.emulator.metrics;

import dev.apigw.emulator.runtime.Exchange;
import dev.apigw.emulator.runtime.ExchangeObserver;
import io.vertx.core.http.HttpServerRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per runtime request on the {@code apigw.access} logger (off unless {@code logging.accessLog}):
 * {@code <client ip> <application or -> "<method> <path> <protocol>" <status> <ms>ms api=<name>/<version>}. The line
 * is handed to Logback's asynchronous appender, which drops lines rather than block the event loop.
 */
public final class AccessLog implements ExchangeObserver {
    private static final Logger ACCESS = LoggerFactory.getLogger("apigw.access");

    @Override
    public void completed(Exchange exchange, int status) {
        if (!ACCESS.isInfoEnabled()) return;
        HttpServerRequest req = exchange.request();
        String ip = req.remoteAddress() == null ? "-" : req.remoteAddress().hostAddress();
        String app = exchange.applicationName() == null ? "-" : exchange.applicationName();
        long micros = exchange.totalNanos() / 1_000;
        ACCESS.info("{} {} \"{} {} {}\" {} {}.{}ms api={}/{}", ip, app, req.method(), req.uri(), req.version(), status,
            micros / 1000, String.format("%03d", micros % 1000), exchange.api().name(), exchange.api().version());
    }
}
