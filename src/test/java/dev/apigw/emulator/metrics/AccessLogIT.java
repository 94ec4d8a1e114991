package dev.apigw.emulator.metrics;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.apigw.emulator.support.DeployedApi;
import dev.apigw.emulator.support.Echo;
import dev.apigw.emulator.support.GatewayIT;
import dev.apigw.emulator.support.Poll;
import dev.apigw.emulator.support.TestGateway;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

@GatewayIT(set = "logging.accessLog=true")
class AccessLogIT {

    @Test
    void writes_one_line_per_runtime_request_with_status_and_api(TestGateway gw, Echo echo) {
        Logger access = (Logger) LoggerFactory.getLogger("apigw.access");
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        access.addAppender(lines);
        Level before = access.getLevel();
        access.setLevel(Level.INFO); // the test logback configuration silences it
        try {
            DeployedApi api = gw.deploy("apis/echo.json", echo);
            gw.anonymous().get(api.path() + "/status/418").then().statusCode(418);
            Poll.until("the access line", () -> lines.list.stream().anyMatch(e -> e.getFormattedMessage()
                .matches("127\\.0\\.0\\.1 - \"GET /gateway/Echo/1\\.0/status/418 HTTP_1_1\" 418 \\d+\\.\\d{3}ms api=Echo/1\\.0")));
            assertTrue(lines.list.stream().noneMatch(e -> e.getFormattedMessage().contains("/rest/apigateway")),
                "admin calls are not runtime requests");
        } finally {
            access.detachAppender(lines);
            access.setLevel(before);
        }
    }
}
