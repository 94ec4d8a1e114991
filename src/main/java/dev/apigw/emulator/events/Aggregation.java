package dev.apigw.emulator.events;

import java.util.List;

/**
 * One entry of {@code aggregations}: {@code group} counts events per distinct value(s) of {@code fields},
 * {@code metrics} computes {@code metricsType} (avg, min, max, sum) of one field, {@code timeseries} counts events
 * per {@code interval} of a date field. {@code name} keys the result; it defaults to the first field.
 */
record Aggregation(Kind kind, String name, List<String> fields, String metric, String interval) {
    enum Kind { GROUP, METRICS, TIMESERIES }

    static final List<String> METRICS = List.of("avg", "min", "max", "sum");
    static final List<String> INTERVALS = List.of("second", "minute", "hour", "day", "week", "month", "quarter", "year");
}
