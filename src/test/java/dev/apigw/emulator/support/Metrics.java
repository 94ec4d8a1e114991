package dev.apigw.emulator.support;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads counts out of the gateway's Prometheus exposition ({@code GET /metrics}). */
public final class Metrics {
    private Metrics() {
    }

    /** The sum of {@code gateway_requests_seconds_count} for an API ("name/version") and a status class ("4xx"). */
    public static long requests(TestGateway gw, String api, String statusClass) {
        String text = gw.anonymous().get("/metrics").then().statusCode(200).extract().asString();
        Pattern line = Pattern.compile("^gateway_requests_seconds_count\\{([^}]*)} ([0-9.E]+)$", Pattern.MULTILINE);
        Matcher m = line.matcher(text);
        long sum = 0;
        while (m.find()) {
            String labels = m.group(1);
            if (labels.contains("api=\"" + api + "\"") && labels.contains("status=\"" + statusClass + "\"")) {
                sum += (long) Double.parseDouble(m.group(2));
            }
        }
        return sum;
    }
}
