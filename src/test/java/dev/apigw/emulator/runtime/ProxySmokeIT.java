package dev.apigw.emulator.runtime;

import static org.hamcrest.Matchers.equalTo;

import dev.apigw.emulator.demo.EchoBackend;
import dev.apigw.emulator.support.Await;
import dev.apigw.emulator.support.TestApis;
import dev.apigw.emulator.support.TestGateway;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class ProxySmokeIT {
    EchoBackend echo;
    TestGateway gw;

    @BeforeEach
    void start(Vertx vertx) {
        echo = Await.result(new EchoBackend(vertx).start("127.0.0.1", 0));
        gw = TestGateway.start(vertx);
    }

    @AfterEach
    void stop() {
        gw.close();
        Await.result(echo.stop());
    }

    @Test
    void proxies_a_get_with_its_query_string_to_the_backend() {
        TestApis.registerActive(gw, "Echo", "1.0", "http://127.0.0.1:" + echo.port(), "/get");
        gw.anonymous().get("/gateway/Echo/1.0/get?foo=bar").then().statusCode(200)
            .body("args.foo", equalTo("bar")).body("headers.x-forwarded-for", equalTo("127.0.0.1"));
    }
}
