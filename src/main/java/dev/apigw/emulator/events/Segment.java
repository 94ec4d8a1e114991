package dev.apigw.emulator.events;

import dev.apigw.emulator.store.StoreUnavailableException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One file of the embedded event log (one JSON document per line, appended) and its in-memory columns: date, type,
 * the {@link Fields} texts (dictionary-coded) and numbers, and where each document lies in the file. About 55 bytes
 * per event in memory; documents are read from the file only for results. The writer thread appends and publishes
 * rows; queries read published rows without locks (rows never change once published).
 */
final class Segment {
    private static final Logger LOG = LoggerFactory.getLogger(Segment.class);
    static final long MAX_BYTES = 64L << 20;
    static final int ABSENT = Integer.MIN_VALUE;

    final Path file;
    /** The rows' dates, types, coded texts, numbers and where each document lies; see {@link Columns}. */
    private final Columns columns;
    private final Dictionary[] dicts = new Dictionary[Fields.TEXT.length];
    private final FileChannel channel;
    /** The node whose data directory holds the file: its id completes the events kept in {@link ShortForm}. */
    private final NodeIdentity node;
    private volatile int size;
    private volatile int firstLive;
    private volatile long minTime = Long.MAX_VALUE;
    private volatile long maxTime = Long.MIN_VALUE;
    /** Rows added but not yet published; the file length. Writer only. */
    private int pending;
    private long bytes;

    private Segment(Path file, Columns columns, FileChannel channel, long bytes, NodeIdentity node) {
        this.file = file;
        this.node = node;
        this.columns = columns;
        this.channel = channel;
        this.bytes = bytes;
        for (int f = 0; f < dicts.length; f++) dicts[f] = new Dictionary();
    }

    static Segment create(Path file, Columns columns, NodeIdentity node) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
        return new Segment(file, columns, ch, 0, node);
    }

    /**
     * Reads a segment file back. A torn last line (a crash mid-write) is cut off; a line that is no event document
     * is skipped with a warning. Rows beyond {@code capacity} (a smaller setting than when written) still load.
     */
    static Segment load(Path file, int capacity, NodeIdentity node) throws IOException {
        byte[] all = Files.readAllBytes(file);
        int end = all.length;
        while (end > 0 && all[end - 1] != '\n') end--;
        int lines = 0;
        for (int i = 0; i < end; i++) if (all[i] == '\n') lines++;
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        if (end < all.length) {
            LOG.warn("event segment {}: cutting off a torn last write of {} bytes", file.getFileName(), all.length - end);
            ch.truncate(end);
            ch.force(true);
        }
        Segment s = new Segment(file, new Columns(Math.max(capacity, lines)), ch, end, node);
        int skipped = 0;
        for (int start = 0, i = 0; i < end; i++) {
            if (all[i] != '\n') continue;
            StoredRecord r = parse(all, start, i - start, node);
            if (r == null) skipped++;
            else s.add(r, node, start, i - start);
            start = i + 1;
        }
        if (skipped > 0) LOG.warn("event segment {}: skipped {} lines that are no event documents", file.getFileName(), skipped);
        s.publish();
        return s;
    }

    private static StoredRecord parse(byte[] all, int from, int len, NodeIdentity node) {
        try {
            return StoredRecord.of(productDocument(Buffer.buffer(java.util.Arrays.copyOfRange(all, from, from + len)), node));
        } catch (DecodeException | ClassCastException | NullPointerException e) {
            return null;
        }
    }

    // ---- writer thread

    int room() {
        return bytes >= MAX_BYTES ? 0 : columns.capacity - pending;
    }

    long bytes() {
        return bytes;
    }

    /** Appends encoded documents to the file; returns the position they start at. */
    long write(byte[] data, int len) throws IOException {
        long at = bytes;
        ByteBuffer buf = ByteBuffer.wrap(data, 0, len);
        try {
            while (buf.hasRemaining()) channel.write(buf, at + buf.position());
        } catch (IOException e) {
            channel.truncate(at); // no torn document may stay behind the rows we know
            throw e;
        }
        bytes = at + len;
        return at;
    }

    void force() throws IOException {
        channel.force(false);
    }

    /** Adds a row for a document written at {@code [at, at + len)}; visible to queries after {@link #publish()}. */
    void add(EventRecord r, NodeIdentity node, long at, int len) {
        int row = pending++;
        long t = r.creationDate();
        columns.time[row] = t;
        columns.type[row] = (byte) r.type().ordinal();
        for (int f = 0; f < columns.text.length; f++) {
            String v = r.text(f);
            if (v == null && f == Fields.NODE && !(r instanceof StoredRecord)) v = node.id();
            columns.text[f][row] = dicts[f].encode(v);
        }
        for (int f = 0; f < columns.number.length; f++) {
            long v = r.number(f);
            columns.number[f][row] = v == Fields.NONE ? ABSENT
                : (int) Math.max(Integer.MIN_VALUE + 1, Math.min(Integer.MAX_VALUE, v));
        }
        columns.offset[row] = (int) at;
        columns.length[row] = len;
        if (t < minTime) minTime = t;
        if (t > maxTime) maxTime = t;
    }

    void publish() {
        size = pending; // the bounds above were written first: a reader that sees the rows sees them too
    }

    /** No more rows will come: the writer's lookup maps can go. */
    void seal() {
        for (Dictionary d : dicts) d.seal();
    }

    void expireBefore(int row) {
        firstLive = Math.max(firstLive, Math.min(row, size));
    }

    /** The columns, for the next segment: only after {@link #close()} and once no query can read this one. */
    Columns columns() {
        return columns;
    }

    void close() {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("closing {}: {}", file, e.getMessage());
        }
    }

    // ---- queries (any thread)

    int size() {
        return size;
    }

    int firstLive() {
        return firstLive;
    }

    int live() {
        return size - firstLive;
    }

    long minTime() {
        return minTime;
    }

    long maxTime() {
        return maxTime;
    }

    long time(int row) {
        return columns.time[row];
    }

    int type(int row) {
        return columns.type[row];
    }

    short code(int field, int row) {
        return columns.text[field][row];
    }

    String[] dictionary(int field) {
        return dicts[field].values();
    }

    String text(int field, int row) {
        return dicts[field].values()[columns.text[field][row]];
    }

    int number(int field, int row) {
        return columns.number[field][row];
    }

    JsonObject document(int row) {
        byte[] b = new byte[columns.length[row]];
        ByteBuffer buf = ByteBuffer.wrap(b);
        try {
            while (buf.hasRemaining()) {
                if (channel.read(buf, columns.offset[row] + (long) buf.position()) < 0) throw new IOException("end of file");
            }
        } catch (IOException e) {
            throw new StoreUnavailableException("cannot read an event from " + file.getFileName() + ": " + e.getMessage(), e);
        }
        return productDocument(Buffer.buffer(b), node);
    }

    /** A line of the file as the product's document: events kept in the {@link ShortForm} are expanded. */
    private static JsonObject productDocument(Buffer line, NodeIdentity node) {
        JsonObject doc = new JsonObject(line);
        return ShortForm.isShort(doc) ? ShortForm.expand(doc, node) : doc;
    }
}
