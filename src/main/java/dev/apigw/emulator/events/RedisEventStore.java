package dev.apigw.emulator.events;

import dev.apigw.emulator.config.EventsConfig;
import dev.apigw.emulator.store.RedisConnector;
import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Events in Redis: one stream per node, {@code apigw:events:{<node>}} (one entry per event, field {@code e} = the
 * document), capped with {@code XADD ... MAXLEN ~ maxEvents} and trimmed by age with {@code XTRIM ... MINID ~}. The
 * set {@code apigw:events:nodes} names every node's stream, and a search on any node reads them all and merges
 * (per-node streams merged at query time). Every command names one key, so Redis Cluster can place each stream in
 * its own slot (the node id is the hash tag). Events restored from an archive go to the node's
 * {@code ...:restored} stream, which is read without time bounds (its entry ids are no creation dates).
 *
 * <p>Every command goes through the node's {@link RedisConnector} (Sentinel and Cluster aware, each command bounded
 * by the Redis command timeout); a batch of appends names one stream, so it stays within one hash slot. Blocking
 * calls, on the writer thread and on worker threads only.
 */
final class RedisEventStore implements EventStore {
    static final String NODES = "apigw:events:nodes";
    private static final int PAGE = 1000;
    /**
     * XADDs per pipelined round trip. Small, because a batch's commands and its encoded buffer live until Redis
     * answers it: thousands of them at once outlived young collections and were promoted (the old generation grew by
     * ~0.4 MiB a second under load, and resident memory with it); a few hundred cost a round trip each and die young.
     */
    private static final int PIPELINE = 256;
    /** Entry ids are the Redis server's clock at XADD; node clocks and write delays differ from it by less. */
    private static final long SLACK_MS = 300_000;
    private final RedisConnector redis;
    private final EventsConfig config;
    private final JsonOut out = new JsonOut();
    private NodeIdentity node;
    /** Pre-encoded parts of the events, made for the node when the store opens (writer thread). */
    private Fragments fragments;
    private String stream;
    private long seq;

    RedisEventStore(RedisConnector redis, EventsConfig config) {
        this.redis = redis;
        this.config = config;
    }

    static String streamOf(String nodeId) {
        return "apigw:events:{" + nodeId + "}";
    }

    @Override
    public String kind() {
        return "redis";
    }

    @Override
    public void open(NodeIdentity node) throws Exception {
        this.node = node;
        this.fragments = new Fragments(node);
        this.stream = streamOf(node.id());
        this.seq = System.currentTimeMillis() * 1000;
        await(redis.send(Request.cmd(Command.SADD).arg(NODES).arg(stream)));
    }

    @Override
    public void append(List<EventRecord> records) throws Exception {
        appendTo(stream, EmbeddedEventStore.withDerived(records));
    }

    /** Events restored from an archive: kept apart, since their ids do not follow their creation dates. */
    @Override
    public void restore(List<EventRecord> records) throws Exception {
        appendTo(stream + ":restored", records);
    }

    private void appendTo(String key, List<EventRecord> records) throws Exception {
        if (records.isEmpty()) return;
        // named again with every batch (a purge or the age trim may have emptied the stream and dropped its name);
        // a command of its own, since the set and the stream may live in different Cluster slots
        await(redis.send(Request.cmd(Command.SADD).arg(NODES).arg(key)));
        List<Request> batch = new ArrayList<>(PIPELINE);
        for (EventRecord r : records) {
            EventStore.yieldEvery(batch.size());
            out.reset();
            r.write(out, fragments, ++seq);
            batch.add(Request.cmd(Command.XADD).arg(key).arg("MAXLEN").arg("~").arg(config.maxEvents()).arg("*")
                .arg("e").arg(Arrays.copyOf(out.array(), out.length())));
            if (batch.size() == PIPELINE) {
                await(redis.batch(batch));
                batch = new ArrayList<>(PIPELINE);
            }
        }
        if (!batch.isEmpty()) await(redis.batch(batch));
    }

    @Override
    public void scan(long lo, long hi, boolean[] types, Budget budget, Consumer<EventView> sink) {
        DocumentView view = new DocumentView();
        for (String key : streams()) {
            boolean bounded = !key.endsWith(":restored");
            String start = bounded && lo > SLACK_MS ? Long.toString(lo - SLACK_MS) : "-";
            String end = bounded && hi < Long.MAX_VALUE - SLACK_MS ? Long.toString(hi + SLACK_MS) : "+";
            while (true) {
                Response page = await(redis.send(Request.cmd(Command.XRANGE).arg(key).arg(start).arg(end).arg("COUNT").arg(PAGE)));
                for (Response entry : page) {
                    budget.tick();
                    JsonObject doc = parse(entry);
                    if (doc == null) continue;
                    view.of(doc);
                    if (view.type() == null || !types[view.type().ordinal()]) continue;
                    long t = view.creationDate();
                    if (t >= lo && t <= hi) sink.accept(view);
                }
                if (page.size() < PAGE) break;
                start = "(" + page.get(page.size() - 1).get(0).toString();
                budget.check();
            }
        }
    }

    private List<String> streams() {
        List<String> keys = new ArrayList<>();
        for (Response r : await(redis.send(Request.cmd(Command.SMEMBERS).arg(NODES)))) keys.add(r.toString());
        keys.sort(null);
        return keys;
    }

    private static JsonObject parse(Response entry) {
        Response fields = entry.get(1);
        for (int i = 0; i + 1 < fields.size(); i += 2) {
            if (!"e".equals(fields.get(i).toString())) continue;
            try {
                return new JsonObject(fields.get(i + 1).toString());
            } catch (DecodeException | ClassCastException e) {
                return null; // not an event document: skipped, as the embedded store skips such lines
            }
        }
        return null;
    }

    @Override
    public JsonObject document(Object handle) {
        return (JsonObject) handle;
    }

    @Override
    public long delete(boolean[] types, long from, long until) throws Exception {
        long removed = 0;
        for (String key : streams()) {
            String start = "-";
            while (true) {
                Response page = await(redis.send(Request.cmd(Command.XRANGE).arg(key).arg(start).arg("+").arg("COUNT").arg(PAGE)));
                Request del = Request.cmd(Command.XDEL).arg(key);
                int n = 0;
                for (Response entry : page) {
                    JsonObject doc = parse(entry);
                    StoredRecord r = doc == null ? null : StoredRecord.of(doc);
                    if (r == null || !types[r.type().ordinal()] || r.creationDate() < from || r.creationDate() > until) continue;
                    del.arg(entry.get(0).toString());
                    n++;
                }
                if (n > 0) removed += await(redis.send(del)).toLong();
                if (page.size() < PAGE) break;
                start = "(" + page.get(page.size() - 1).get(0).toString();
            }
        }
        return removed;
    }

    @Override
    public void retain(long now) throws Exception {
        long cutoff = now - config.maxAgeMs();
        for (String key : streams()) {
            await(redis.send(Request.cmd(Command.XTRIM).arg(key).arg("MINID").arg("~").arg(Math.max(0, cutoff))));
            if (key.endsWith(":restored")) trimRestored(key, cutoff);
            // a stream whose node is gone for good empties by age; then it leaves the set
            if (!key.equals(stream) && await(redis.send(Request.cmd(Command.XLEN).arg(key))).toLong() == 0) {
                await(redis.send(Request.cmd(Command.SREM).arg(NODES).arg(key)));
            }
        }
    }

    /** Restored events have recent entry ids: their age is their creation date. */
    private void trimRestored(String key, long cutoff) throws Exception {
        Response page = await(redis.send(Request.cmd(Command.XRANGE).arg(key).arg("-").arg("+").arg("COUNT").arg(PAGE)));
        Request del = Request.cmd(Command.XDEL).arg(key);
        int n = 0;
        for (Response entry : page) {
            JsonObject doc = parse(entry);
            StoredRecord r = doc == null ? null : StoredRecord.of(doc);
            if (r != null && r.creationDate() >= cutoff) continue;
            del.arg(entry.get(0).toString());
            n++;
        }
        if (n > 0) await(redis.send(del));
    }

    @Override
    public long size() {
        long n = 0;
        try {
            for (String key : streams()) n += await(redis.send(Request.cmd(Command.XLEN).arg(key))).toLong();
        } catch (RuntimeException e) {
            return -1;
        }
        return n;
    }

    @Override
    public void close() {
        // the Redis client belongs to the node and is closed with it
    }

    private <T> T await(Future<T> f) {
        // the connector bounds every command; this bound only guards against a future that never completes
        return Blocking.await(f, redis.timeoutMs() + 5_000, redis.describe());
    }
}
