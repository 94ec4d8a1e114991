package dev.apigw.emulator.events;

import dev.apigw.emulator.config.EventsConfig;
import dev.apigw.emulator.runtime.GatewayException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The product's {@code /apitransactions} jobs: purge, archive (a file of events under
 * {@code <dataDir>/event-archives}, named as the product names them, {@code default-2024-05-01-1714521600000}),
 * archive-and-purge, and restore of an archive. Each answers at once with a job id; the job runs on its own (a purge
 * or a restore on the event writer's thread, an archive on a worker) and its status is kept in memory on this node
 * (the last 1000 jobs). Thread-safe.
 */
public final class EventJobs {
    private static final Logger LOG = LoggerFactory.getLogger(EventJobs.class);
    private final Vertx vertx;
    private final EventWriter writer;
    private final EventStore store;
    private final EventArchives archives;
    private final Map<String, Job> jobs = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Job> eldest) {
            return size() > 1000;
        }
    };

    public EventJobs(Vertx vertx, EventWriter writer, EventStore store, java.nio.file.Path dataDir, EventsConfig config) {
        this.vertx = vertx;
        this.writer = writer;
        this.store = store;
        this.archives = new EventArchives(dataDir.resolve("event-archives"), store, config);
    }

    /** One job's status, as {@code GET /apitransactions/jobs/{jobId}} reports it. */
    private static final class Job {
        final String id = UUID.randomUUID().toString();
        final String action;
        final long created = System.currentTimeMillis();
        volatile String status = "In Progress";
        volatile String fileName;
        volatile long count;
        volatile String error;

        Job(String action) {
            this.action = action;
        }

        JsonObject json() {
            return new JsonObject().put("status", status).put("action", action).put("jobId", id)
                .put("creationDate", Times.gmt(created)).put("Filename", fileName).put("count", count).put("error", error);
        }
    }

    /** {@code DELETE /apitransactions}: removes the events; {@code archiveFirst} writes an archive of them first. */
    public String purge(PurgeCriteria c, boolean archiveFirst) {
        Job job = register(archiveFirst ? "archiveAndPurge" : "purge");
        Future<Void> archived = archiveFirst ? archiveInto(job, c) : Future.succeededFuture();
        archived.compose(v -> writer.submit(() -> store.delete(c.types(), c.from(), c.until())))
            .onSuccess(n -> job.count = n).onComplete(ar -> finish(job, ar));
        return job.id;
    }

    /** {@code POST /apitransactions/archives}. */
    public String archive(PurgeCriteria c) {
        Job job = register("archive");
        archiveInto(job, c).onComplete(ar -> finish(job, ar));
        return job.id;
    }

    private Future<Void> archiveInto(Job job, PurgeCriteria c) {
        String name = "default-" + LocalDate.now(ZoneOffset.UTC) + "-" + System.currentTimeMillis();
        return vertx.executeBlocking(() -> archives.write(name, c), false).map(n -> {
            job.fileName = name;
            job.count = n;
            return null;
        });
    }

    /** {@code POST /apitransactions/archives/{fileName}}: 404 for an archive this node does not have. */
    public String restore(String fileName) {
        if (!archives.exists(fileName)) {
            throw GatewayException.admin(404, "NOT_FOUND", "Archive file " + fileName + " does not exist");
        }
        Job job = register("restore");
        job.fileName = fileName;
        // chunks go to the writer thread one after another; this worker waits for each (bounded memory)
        vertx.executeBlocking(() -> archives.restore(fileName, chunk -> Blocking.await(writer.submit(() -> {
            store.restore(chunk);
            return chunk.size();
        }), 600_000, "the event writer")), false).onSuccess(n -> job.count = n).onComplete(ar -> finish(job, ar));
        return job.id;
    }

    /** {@code GET /apitransactions/archives}: archive names, newest last; {@code filter} keeps names containing it. */
    public Future<List<String>> archives(String filter) {
        return vertx.executeBlocking(() -> archives.list(filter), false);
    }

    /** {@code GET /apitransactions}: a zip of the events ({@code <eventType>.json}, one document per line). */
    public Future<java.nio.file.Path> download(PurgeCriteria c) {
        return vertx.executeBlocking(() -> archives.zip(c), false);
    }

    public JsonObject job(String id) {
        Job job;
        synchronized (jobs) {
            job = jobs.get(id);
        }
        if (job == null) throw GatewayException.admin(404, "NOT_FOUND", "Job " + id + " does not exist");
        return job.json();
    }

    /** Job ids; by default the pending ones, {@code status=ALL} or a status name for others, {@code action} to filter. */
    public List<String> jobIds(String action, String status) {
        List<String> out = new ArrayList<>();
        synchronized (jobs) {
            for (Job j : jobs.values()) {
                boolean statusOk = status == null ? j.status.equals("In Progress")
                    : status.equalsIgnoreCase("ALL") || status.equalsIgnoreCase(j.status);
                if (statusOk && (action == null || action.equalsIgnoreCase(j.action))) out.add(j.id);
            }
        }
        return out;
    }

    private Job register(String action) {
        Job job = new Job(action);
        synchronized (jobs) {
            jobs.put(job.id, job);
        }
        return job;
    }

    private void finish(Job job, io.vertx.core.AsyncResult<?> ar) {
        if (ar.succeeded()) {
            job.status = "Completed";
            LOG.info("events job {} ({}) completed: {} events", job.id, job.action, job.count);
        } else {
            job.status = "Failed";
            job.error = ar.cause().getMessage();
            LOG.warn("events job {} ({}) failed: {}", job.id, job.action, job.error);
        }
    }
}
