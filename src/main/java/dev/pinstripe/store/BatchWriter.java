package dev.pinstripe.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes derived records (request log entries, Radar's assessments) off the request path: callers
 * hand a record to a bounded buffer and never wait; one thread writes batches to PostgreSQL. When
 * the buffer is full (the database is slow or down), records are dropped and counted, so the API
 * never blocks on them. Closing flushes what is buffered, within a bound.
 */
public final class BatchWriter<T> implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BatchWriter.class);
    public static final int BATCH_MAX = 500;
    static final Duration POLL = Duration.ofMillis(100);
    static final Duration CLOSE_WAIT = Duration.ofSeconds(10);
    static final int WRITE_TRIES_MAX = 3;

    private final Jdbi jdbi;
    private final String what;
    private final BiConsumer<Handle, List<T>> insert;
    private final ArrayBlockingQueue<T> buffer;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * @param what   what the records are, for log lines ("request log entries")
     * @param insert writes one batch on a handle inside a transaction
     */
    public BatchWriter(Jdbi jdbi, int capacity, String what, BiConsumer<Handle, List<T>> insert) {
        this.jdbi = jdbi;
        this.what = what;
        this.insert = insert;
        this.buffer = new ArrayBlockingQueue<>(capacity);
        this.thread = Thread.ofPlatform().name("pinstripe-writer-" + what.replace(' ', '-')).daemon()
                .start(this::loop);
    }

    /** Hands a record to the writer; never blocks. Returns false (and counts it) when the buffer is full. */
    public boolean offer(T record) {
        if (buffer.offer(record)) {
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
        List<T> batch = new ArrayList<>(BATCH_MAX);
        while (running || !buffer.isEmpty()) {
            try {
                T first = buffer.poll(POLL.toMillis(), TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                buffer.drainTo(batch, BATCH_MAX - 1);
                write(batch);
                batch.clear();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void write(List<T> batch) throws InterruptedException {
        for (int tries = 1; ; tries++) {
            try {
                jdbi.useTransaction(h -> insert.accept(h, batch));
                written.addAndGet(batch.size());
                return;
            } catch (RuntimeException e) {
                if (tries >= WRITE_TRIES_MAX) {
                    failed.addAndGet(batch.size());
                    log.warn("Could not write {} {}; they are dropped", batch.size(), what, e);
                    return;
                }
                Thread.sleep(100L * tries);
            }
        }
    }

    /** Stops after flushing the buffer (bounded by {@link #CLOSE_WAIT}). */
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
            log.warn("The writer of {} did not flush within {}; {} dropped", what, CLOSE_WAIT, buffer.size());
        }
    }
}
