package dev.apigw.emulator.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The strict exposition parser rejects what promtool rejects (and what Prometheus cannot ingest). */
class PrometheusTextTest {
    private static final String GOOD = """
        # HELP req_seconds Requests.
        # TYPE req_seconds histogram
        req_seconds_bucket{api="a",le="0.1"} 1
        req_seconds_bucket{api="a",le="+Inf"} 2
        req_seconds_count{api="a"} 2
        req_seconds_sum{api="a"} 0.3
        # HELP up_total Ups, with \\"quotes\\".
        # TYPE up_total counter
        up_total{path="a\\\\b\\"c\\nd"} 1.0
        """;

    @Test
    void accepts_a_well_formed_exposition() {
        Map<String, PrometheusText.Family> families = PrometheusText.parse(GOOD);
        assertEquals("histogram", families.get("req_seconds").type());
        assertEquals(4, families.get("req_seconds").samples().size());
        assertEquals("a\\\\b\\\"c\\nd", families.get("up_total").samples().get(0).label("path"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "no HELP                 | # TYPE x gauge\\nx 1\\n                                                  | no HELP for x",
        "sample before TYPE      | x 1\\n                                                                    | has no HELP/TYPE",
        "counter without _total  | # HELP x c\\n# TYPE x counter\\nx 1\\n                                    | suffix _total",
        "gauge named _count      | # HELP x_count c\\n# TYPE x_count gauge\\nx_count 1\\n                    | must not end in _count",
        "abbreviated unit        | # HELP x_ns_total c\\n# TYPE x_ns_total counter\\nx_ns_total 1\\n          | abbreviated units",
        "bad label escape        | # HELP x c\\n# TYPE x gauge\\nx{a=\"\\q\"} 1\\n                          | bad label syntax",
        "value not a number      | # HELP x c\\n# TYPE x gauge\\nx one\\n                                   | is not a number",
        "repeated sample         | # HELP x c\\n# TYPE x gauge\\nx 1\\nx 2\\n                              | repeated sample",
        "buckets decrease        | # HELP h c\\n# TYPE h histogram\\nh_bucket{le=\"1\"} 2\\nh_bucket{le=\"+Inf\"} 1\\nh_count 1\\nh_sum 1\\n | decrease",
        "+Inf differs from count | # HELP h c\\n# TYPE h histogram\\nh_bucket{le=\"+Inf\"} 2\\nh_count 1\\nh_sum 1\\n | +Inf bucket != _count",
        "no trailing newline     | # HELP x c\\n# TYPE x gauge\\nx 1                                      | end with a newline"})
    void rejects(String name, String text, String reason) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> PrometheusText.parse(text.replace("\\n", "\n")));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }
}
