package dev.apigw.emulator.events;

import dev.apigw.emulator.config.EventsConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import dev.apigw.emulator.store.RedisConnector;
import io.vertx.core.Future;
import java.nio.file.Path;

/**
 * The runtime events feature in one piece, as the composition root builds it and the admin API uses it: the
 * recorder (an exchange observer and the lifecycle events), the writer (a lifecycle part and a quiesce flushable),
 * searches, the transactional-events queries, and the purge/archive jobs, all over one store.
 */
public record Events(EventRecorder recorder, EventWriter writer, EventSearch search, TransactionQueries transactions,
                     EventJobs jobs) {

    /** @param redis the node's shared Redis, or null for the embedded store under {@code dataDir/events} */
    public static Events build(Vertx vertx, EventsConfig config, Path dataDir, RedisConnector redis,
                               MeterRegistry registry) {
        EventStore store = redis == null ? new EmbeddedEventStore(dataDir, config) : new RedisEventStore(redis, config);
        EventWriter writer = new EventWriter(vertx, store, dataDir, config, registry);
        EventSearch search = new EventSearch(vertx, store, config);
        return new Events(new EventRecorder(writer, config.enabled()), writer, search,
            new TransactionQueries(search, config), new EventJobs(vertx, writer, store, dataDir, config));
    }

    /**
     * The emulator's reset of events: drops the queued events and removes every stored one (with Redis, every
     * node's: the streams are shared); completes with how many were stored.
     */
    public Future<Long> clear() {
        return writer.clear();
    }
}
