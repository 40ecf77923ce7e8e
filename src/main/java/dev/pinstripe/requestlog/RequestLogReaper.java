package dev.pinstripe.requestlog;

import java.time.Clock;
import java.time.Duration;
import org.jdbi.v3.core.Jdbi;

/** Deletes request log entries older than the retention, in bounded batches (a db-scheduler job). */
public final class RequestLogReaper {
    static final int BATCH_ROWS_MAX = 10_000;
    static final int BATCHES_PER_RUN_MAX = 100;

    private final Jdbi jdbi;
    private final Clock clock;
    private final Duration retention;
    private final RequestLogStore store = new RequestLogStore();

    public RequestLogReaper(Jdbi jdbi, Clock clock, Duration retention) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.retention = retention;
    }

    /** Returns how many entries were deleted. */
    public int reap() {
        long before = clock.millis() - retention.toMillis();
        int total = 0;
        for (int i = 0; i < BATCHES_PER_RUN_MAX; i++) {
            int deleted = jdbi.inTransaction(h -> store.deleteOlderThan(h, before, BATCH_ROWS_MAX));
            total += deleted;
            if (deleted < BATCH_ROWS_MAX) {
                break;
            }
        }
        return total;
    }
}
