package dev.pinstripe.ratelimit;

/**
 * The worker-utilisation shedder's priorities, highest first, as in Stripe's "Scaling your API with
 * rate limiters": critical methods, then other writes, then reads, then test-mode traffic. A request
 * of a priority is admitted only while fewer than {@code percentOfWorkers}% of the worker permits are
 * busy, so as the workers saturate, test mode is shed first and critical live writes last.
 */
public enum Priority {
    /** Live-mode {@link Criticality#CRITICAL_WRITE}s: may use every permit. */
    CRITICAL(100),
    /** Other live-mode writes. */
    WRITE(90),
    /** Live-mode reads. */
    READ(80),
    /** Everything in test mode, writes and reads. */
    TEST(70);

    private final int percentOfWorkers;

    Priority(int percentOfWorkers) {
        this.percentOfWorkers = percentOfWorkers;
    }

    public int percentOfWorkers() {
        return percentOfWorkers;
    }

    /** Permits this priority may bring the busy count up to, out of {@code workersMax}; at least one. */
    int permitsOf(int workersMax) {
        return Math.max(1, (int) ((long) workersMax * percentOfWorkers / 100));
    }

    public static Priority of(RequestTraits traits) {
        if (!traits.livemode()) {
            return TEST;
        }
        return switch (traits.criticality()) {
            case CRITICAL_WRITE -> CRITICAL;
            case WRITE -> WRITE;
            case READ -> READ;
        };
    }
}
