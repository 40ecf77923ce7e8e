package dev.pinstripe.requestlog;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request log's write path, off the request path: requests hand their entry to a bounded
 * buffer and never wait; one thread writes batches to PostgreSQL. When the buffer is full (the
 * database is slow or down), entries are dropped and counted, so the API never blocks on its log.
 * Closing flushes what is buffered, within a bound.
 */
public final class RequestLogWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RequestLogWriter.class);
    public static final int CAPACITY_DEFAULT = 20_000;
    public static final int BATCH_MAX = 500;
    static final Duration POLL = Duration.ofMillis(100);
    /**
     * How long the writer lets a batch fill after its first entry. Each batch is a transaction with
     * a fixed cost; at a few hundred requests per second, batches of one or two entries made that
     * cost most of the writer's CPU. Entries become readable at most this much later.
     */
    static final Duration LINGER = Duration.ofMillis(50);
    static final Duration CLOSE_WAIT = Duration.ofSeconds(10);
    static final int WRITE_TRIES_MAX = 3;

    private final Jdbi jdbi;
    private final RequestLogStore store = new RequestLogStore();
    private final ArrayBlockingQueue<RequestLogEntry> buffer;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    public RequestLogWriter(Jdbi jdbi, int capacity) {
        this.jdbi = jdbi;
        this.buffer = new ArrayBlockingQueue<>(capacity);
        this.thread = Thread.ofPlatform().name("pinstripe-request-log").daemon().start(this::loop);
    }

    /** Hands an entry to the writer; never blocks. Returns false (and counts it) when the buffer is full. */
    public boolean offer(RequestLogEntry entry) {
        if (buffer.offer(entry)) {
            accepted.incrementAndGet();
            return true;
        }
        dropped.incrementAndGet();
        return false;
    }

    /** Counters for metrics and tests. */
    public record Counts(long accepted, long dropped, long written, long failed, int buffered) {}

    public Counts counts() {
        return new Counts(accepted.get(), dropped.get(), written.get(), failed.get(), buffer.size());
    }

    private void loop() {
        List<RequestLogEntry> batch = new ArrayList<>(BATCH_MAX);
        while (running || !buffer.isEmpty()) {
            try {
                RequestLogEntry first = buffer.poll(POLL.toMillis(), TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                if (running && buffer.size() < BATCH_MAX - 1) {
                    Thread.sleep(LINGER.toMillis());
                }
                buffer.drainTo(batch, BATCH_MAX - 1);
                write(batch);
                batch.clear();
            } catch (InterruptedException e) {
                // Only close() interrupts, after its wait ran out; what this loop held is lost, and counted.
                dropped.addAndGet(batch.size());
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void write(List<RequestLogEntry> batch) throws InterruptedException {
        for (int tries = 1; ; tries++) {
            try {
                jdbi.useTransaction(h -> store.insert(h, batch));
                written.addAndGet(batch.size());
                return;
            } catch (RuntimeException e) {
                if (tries >= WRITE_TRIES_MAX) {
                    failed.addAndGet(batch.size());
                    log.warn("Could not write {} request log entries; they are dropped", batch.size(), e);
                    return;
                }
                Thread.sleep(100L * tries);
            }
        }
    }

    /** Stops taking entries' writes after flushing the buffer (bounded by {@link #CLOSE_WAIT}). */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(CLOSE_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            thread.interrupt();
            log.warn("Request log writer did not flush within {}; {} entries dropped", CLOSE_WAIT, buffer.size());
        }
    }
}
