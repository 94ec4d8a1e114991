package dev.apigw.emulator.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Runtime traffic in the background while a test breaks something: one thread per URL sends GETs back to back and
 * counts the answers by status (0 = no answer within 5 s). {@link #stop()} ends the threads and returns the counts.
 */
public final class Load {
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
    private final List<Thread> threads = new ArrayList<>();

    private Load() {
    }

    public static Load start(List<String> urls) {
        Load load = new Load();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        for (String url : urls) {
            Thread t = new Thread(() -> load.run(client, url), "load " + url);
            t.setDaemon(true);
            load.threads.add(t);
            t.start();
        }
        return load;
    }

    private void run(HttpClient client, String url) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build();
        while (running.get()) {
            int status;
            try {
                status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (Exception e) {
                status = 0;
            }
            statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
        }
    }

    /** Answers so far, by status. */
    public Map<Integer, Long> counts() {
        Map<Integer, Long> out = new TreeMap<>();
        statuses.forEach((s, n) -> out.put(s, n.sum()));
        return out;
    }

    /** Stops the traffic and returns every answer by status. */
    public Map<Integer, Long> stop() {
        running.set(false);
        for (Thread t : threads) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return counts();
    }
}
