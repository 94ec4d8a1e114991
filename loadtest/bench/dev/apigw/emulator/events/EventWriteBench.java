package dev.apigw.emulator.events;

import dev.apigw.emulator.config.EventsConfig;
import dev.apigw.emulator.runtime.CompiledApi;
import dev.apigw.emulator.runtime.RoutingTarget;
import io.vertx.core.net.SocketAddress;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The writer thread's CPU per transactional event (issue 14): batches of records like the routing benchmark's are
 * built, encoded alone, then appended to an embedded store (encode + index + file write). Thread CPU time, not wall
 * time, so fsync waits do not count; the first 40 % of the run is JIT warm-up. Options: -Dsecs=10 -Dbatch=3000
 * -DmaxEvents=100000. Not a throughput benchmark: compare its numbers between builds on the same machine.
 */
public final class EventWriteBench {
    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws Exception {
        long secs = Long.getLong("secs", 10);
        int size = Integer.getInteger("batch", 3000);
        Path dir = Files.createTempDirectory("event-write-bench");
        NodeIdentity node = new NodeIdentity("3f2b8a4e-1c5d-4e7f-9a0b-1234567890ab");
        EmbeddedEventStore store = new EmbeddedEventStore(dir,
            new EventsConfig(true, Long.getLong("maxEvents", 100_000), 168, 65536, 200, 65536, 10000, 10000, false));
        store.open(node);
        CompiledApi api = new CompiledApi("a1b2c3d4-e5f6-4711-8899-aabbccddeeff", "echo", "1.0", null, null,
            RoutingTarget.parse("http://127.0.0.1:19180/${sys:resource_path}", null));
        SocketAddress[] connections = new SocketAddress[20];
        for (int i = 0; i < connections.length; i++) connections[i] = SocketAddress.inetSocketAddress(40000 + i, "127.0.0.1");
        JsonOut out = new JsonOut();
        Fragments fragments = new Fragments(node);
        long end = System.nanoTime() + secs * 1_000_000_000L;
        long warm = System.nanoTime() + secs * 400_000_000L;
        long create = 0, encode = 0, append = 0, appendUser = 0, n = 0, seq = 0, bytes = 0, encoded = 0;
        while (System.nanoTime() < end) {
            long t0 = cpu();
            List<EventRecord> batch = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                batch.add(new TransactionRecord(System.currentTimeMillis(), api, "/", "GET", new String("/"), 200, 1, 0,
                    180, null, null, connections[i % connections.length], null, null, null));
            }
            long t1 = cpu();
            for (EventRecord r : batch) {
                out.reset();
                r.writeStored(out, fragments, ++seq);
                bytes += out.length();
                encoded++;
            }
            long t2 = cpu();
            long u2 = MX.getCurrentThreadUserTime();
            store.append(batch);
            long t3 = cpu();
            if (System.nanoTime() > warm) {
                create += t1 - t0;
                encode += t2 - t1;
                append += t3 - t2;
                appendUser += MX.getCurrentThreadUserTime() - u2;
                n += size;
            }
        }
        System.out.printf("%d events of %.0f bytes as stored; CPU ns per event: build %.0f, encode alone %.0f, append %.0f"
            + " (user %.0f, kernel %.0f)%n", n, per(bytes, encoded), per(create, n), per(encode, n), per(append, n),
            per(appendUser, n), per(append - appendUser, n));
        store.close();
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static long cpu() {
        return MX.getCurrentThreadCpuTime();
    }

    private static double per(long total, long n) {
        return n == 0 ? 0 : (double) total / n;
    }
}
