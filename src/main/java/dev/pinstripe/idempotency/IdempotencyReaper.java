package dev.pinstripe.idempotency;

import java.time.Clock;
import java.time.Duration;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Deletes idempotency keys older than their retention, in bounded batches. */
public final class IdempotencyReaper {
    private static final Logger log = LoggerFactory.getLogger(IdempotencyReaper.class);
    public static final int BATCH_ROWS_MAX = 10_000;
    public static final int BATCHES_PER_RUN_MAX = 100;

    private final Jdbi jdbi;
    private final Clock clock;
    private final Duration retention;
    private final IdempotencyStore store = new IdempotencyStore();

    /** @param retention how long keys are kept; Stripe keeps them at least 24 hours */
    public IdempotencyReaper(Jdbi jdbi, Clock clock, Duration retention) {
        if (retention.compareTo(Duration.ofHours(24)) < 0) {
            throw new IllegalArgumentException("idempotency keys must be kept at least 24 hours, not " + retention);
        }
        this.jdbi = jdbi;
        this.clock = clock;
        this.retention = retention;
    }

    /** Runs one reaping pass; returns the number of keys deleted. */
    public long reap() {
        long cutoff = clock.instant().minus(retention).getEpochSecond();
        long deleted = 0;
        for (int batch = 0; batch < BATCHES_PER_RUN_MAX; batch++) {
            int n = jdbi.inTransaction(h -> store.deleteCreatedBefore(h, cutoff, BATCH_ROWS_MAX));
            deleted += n;
            if (n < BATCH_ROWS_MAX) {
                break;
            }
        }
        if (deleted > 0) {
            log.info("Reaped {} idempotency keys created before {}", deleted, cutoff);
        }
        return deleted;
    }
}
