package dev.pinstripe.radar;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes this process's history deltas to the database every {@code interval}, and once more when
 * closed, so a graceful shutdown keeps everything. Per process, not a cluster job: each process
 * flushes what it saw.
 */
public final class HistoryFlusher implements AutoCloseable {
    public static final Duration INTERVAL = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(HistoryFlusher.class);

    private final StoredHistories histories;
    private final ScheduledExecutorService executor;

    public HistoryFlusher(StoredHistories histories, Duration interval) {
        this.histories = histories;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "radar-history-flusher");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::flushQuietly, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void flushQuietly() {
        try {
            histories.flush();
        } catch (RuntimeException e) {
            log.warn("Radar could not write its histories; it keeps them and tries again: {}", e.toString());
        }
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flushQuietly();
    }
}
