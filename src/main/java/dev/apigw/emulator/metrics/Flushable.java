package dev.apigw.emulator.metrics;

import io.vertx.core.Future;

/**
 * Data accumulated on this node and published to the store on a schedule, which quiesce and shutdown can publish
 * at once: performance metrics, license metrics, subscription quota counters. Flushing resets the schedule.
 */
public interface Flushable {

    /** The product's name for this kind of data: {@code license_metrics}, {@code performance_metrics} or
     *  {@code subscription_quota}; or {@code transaction_events}, which the product does not name and every flush
     *  includes. */
    String kind();

    /** Publishes everything accumulated so far; completes with the number of records or counters written. */
    Future<Integer> flush();
}
