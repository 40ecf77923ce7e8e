package dev.pinstripe.requestlog;

import dev.pinstripe.store.BatchWriter;
import org.jdbi.v3.core.Jdbi;

/**
 * The request log's write path, off the request path: requests hand their entry to a bounded
 * buffer and never wait; one thread writes batches to PostgreSQL. When the buffer is full (the
 * database is slow or down), entries are dropped and counted, so the API never blocks on its log.
 * Closing flushes what is buffered, within a bound.
 */
public final class RequestLogWriter implements AutoCloseable {
    public static final int CAPACITY_DEFAULT = 20_000;

    private final RequestLogStore store = new RequestLogStore();
    private final BatchWriter<RequestLogEntry> writer;

    public RequestLogWriter(Jdbi jdbi, int capacity) {
        this.writer = new BatchWriter<>(jdbi, capacity, "request log entries", store::insert);
    }

    /** Hands an entry to the writer; never blocks. Returns false (and counts it) when the buffer is full. */
    public boolean offer(RequestLogEntry entry) {
        return writer.offer(entry);
    }

    /** Counters for metrics and tests. */
    public BatchWriter.Counts counts() {
        return writer.counts();
    }

    /** Stops taking entries' writes after flushing the buffer (bounded). */
    @Override
    public void close() {
        writer.close();
    }
}
