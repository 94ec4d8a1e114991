package dev.apigw.emulator.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apigw.emulator.support.DeployedApi;
import dev.apigw.emulator.support.Echo;
import dev.apigw.emulator.support.GatewayIT;
import dev.apigw.emulator.support.PrometheusText;
import dev.apigw.emulator.support.PrometheusText.Family;
import dev.apigw.emulator.support.TestGateway;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@GatewayIT
class MetricsExpositionIT {
    static DeployedApi throttled;

    @BeforeAll
    static void traffic(TestGateway gw, Echo echo) {
        DeployedApi api = gw.deploy("apis/echo.json", echo);
        for (int i = 0; i < 3; i++) gw.anonymous().get(api.path() + "/get").then().statusCode(200);
        throttled = gw.deploy("apis/echo-throttled.json", echo);
        for (int i = 0; i < 4; i++) gw.anonymous().get(throttled.path() + "/status/204");
    }

    private static Map<String, Family> scrape(TestGateway gw) {
        String text = gw.anonymous().get("/metrics").then().statusCode(200).extract().asString();
        return PrometheusText.parse(text);
    }

    @Test
    void every_family_passes_the_strict_text_format_checks(TestGateway gw) {
        Map<String, Family> families = scrape(gw);
        assertTrue(families.size() > 20, "families: " + families.keySet());
    }

    /** promtool itself, where it is installed (Debian's prometheus package; CI machines have it only by hand). */
    @Test
    void promtool_check_metrics_passes_when_promtool_is_installed(TestGateway gw) throws Exception {
        Path promtool = Path.of("/usr/bin/promtool");
        Assumptions.assumeTrue(Files.isExecutable(promtool), "promtool not installed; the strict parser above still ran");
        String text = gw.anonymous().get("/metrics").then().statusCode(200).extract().asString();
        Process p = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true).start();
        try (var in = p.getOutputStream()) {
            in.write(text.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertEquals("", out.trim(), "promtool reports no lint problem");
    }

    @Test
    void request_and_backend_timers_publish_histogram_buckets(TestGateway gw) {
        Map<String, Family> families = scrape(gw);
        Family requests = families.get("gateway_requests_seconds");
        assertEquals("histogram", requests.type());
        assertTrue(requests.samples().stream().anyMatch(s -> "0.1".equals(s.label("le")) && "Echo/1.0".equals(s.label("api"))
            && s.value() >= 1), "a 100 ms bucket counts the echo calls");
        assertEquals("histogram", families.get("gateway_backend_seconds").type());
    }

    @Test
    void jvm_and_process_meters_are_exported(TestGateway gw) {
        Map<String, Family> families = scrape(gw);
        for (String name : new String[] {"jvm_memory_used_bytes", "jvm_gc_live_data_size_bytes", "jvm_threads_live_threads",
            "process_cpu_usage", "system_cpu_processors", "process_uptime_seconds", "process_files_open_files"}) {
            assertTrue(families.containsKey(name), name + " in " + families.keySet());
        }
    }

    @Test
    void throttle_decisions_and_violations_are_counted(TestGateway gw) {
        Map<String, Family> families = scrape(gw);
        assertTrue(value(families, "gateway_ratelimit_decisions_total", "outcome", "rejected") >= 1);
        assertTrue(value(families, "gateway_ratelimit_violations_total", "action", throttled.actionIds().get(0)) >= 1);
        assertTrue(families.containsKey("gateway_webhook_deliveries_total"));
    }

    @Test
    void head_on_metrics_answers_the_headers_without_a_body(TestGateway gw) {
        Response r = gw.anonymous().head("/metrics");
        assertEquals(200, r.statusCode());
        assertTrue(r.header("Content-Type").startsWith("text/plain; version=0.0.4"));
        assertFalse(r.asString().length() > 0);
    }

    private static double value(Map<String, Family> families, String family, String label, String value) {
        Family f = families.get(family);
        assertTrue(f != null, family + " missing in " + families.keySet());
        return f.samples().stream().filter(s -> value.equals(s.label(label))).mapToDouble(s -> s.value()).sum();
    }
}
