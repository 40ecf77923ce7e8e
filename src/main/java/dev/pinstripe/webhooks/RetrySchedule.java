package dev.pinstripe.webhooks;

import java.time.Duration;
import java.util.Random;

/**
 * When a failed webhook delivery is tried again: exponential backoff from one minute, doubling up to
 * eight hours, with jitter, for {@value #ATTEMPTS_MAX} attempts over about three days. The standard
 * schedule (attempt 1 is the first try, at once):
 *
 * <table>
 *   <caption>Standard schedule (nominal delays; each is jittered by ±15%)</caption>
 *   <tr><th>Attempt</th><th>Delay after the previous attempt</th><th>Since the first attempt</th></tr>
 *   <tr><td>1</td><td>-</td><td>0</td></tr>
 *   <tr><td>2</td><td>1 min</td><td>1 min</td></tr>
 *   <tr><td>3</td><td>2 min</td><td>3 min</td></tr>
 *   <tr><td>4</td><td>4 min</td><td>7 min</td></tr>
 *   <tr><td>5</td><td>8 min</td><td>15 min</td></tr>
 *   <tr><td>6</td><td>16 min</td><td>31 min</td></tr>
 *   <tr><td>7</td><td>32 min</td><td>1 h 03 min</td></tr>
 *   <tr><td>8</td><td>1 h 04 min</td><td>2 h 07 min</td></tr>
 *   <tr><td>9</td><td>2 h 08 min</td><td>4 h 15 min</td></tr>
 *   <tr><td>10</td><td>4 h 16 min</td><td>8 h 31 min</td></tr>
 *   <tr><td>11 to 18</td><td>8 h each</td><td>16 h 31 min, ..., 72 h 31 min</td></tr>
 * </table>
 *
 * <p>After attempt {@value #ATTEMPTS_MAX} fails the delivery is {@code failed}. Separately, an endpoint
 * whose attempts have all failed for longer than {@link #disableAfter()} (3 days) is disabled at its
 * next failure.
 *
 * <p>The fast schedule ({@code PINSTRIPE_WEBHOOK_RETRY=fast}, for development and tests) has the same
 * number of attempts and the same shape, every delay scaled so that the whole schedule takes two
 * minutes (the first retry after about 28 ms, the last ones about 13 s apart); its disable-after
 * duration is scaled the same way (about 119 s).
 *
 * <p>Jitter comes from the given {@link Random}, so tests seed it. {@code java.util.Random} is
 * thread-safe.
 */
public final class RetrySchedule {
    public static final int ATTEMPTS_MAX = 18;
    static final long FIRST_DELAY_MS = Duration.ofMinutes(1).toMillis();
    static final long DELAY_MAX_MS = Duration.ofHours(8).toMillis();
    /** Each delay is multiplied by a uniform factor in [1 - JITTER, 1 + JITTER]. */
    public static final double JITTER = 0.15;
    public static final Duration DISABLE_AFTER_STANDARD = Duration.ofDays(3);
    public static final Duration FAST_TOTAL = Duration.ofMinutes(2);

    private final String name;
    private final double scale;
    private final Duration disableAfter;
    private final Random random;

    private RetrySchedule(String name, double scale, Duration disableAfter, Random random) {
        if (disableAfter.isNegative() || disableAfter.isZero()) {
            throw new IllegalArgumentException("disable-after must be positive, not " + disableAfter);
        }
        this.name = name;
        this.scale = scale;
        this.disableAfter = disableAfter;
        this.random = random;
    }

    /** About three days, as Stripe. */
    public static RetrySchedule standard(Random random) {
        return new RetrySchedule("standard", 1.0, DISABLE_AFTER_STANDARD, random);
    }

    /** The standard schedule compressed into {@link #FAST_TOTAL}. */
    public static RetrySchedule fast(Random random) {
        double scale = (double) FAST_TOTAL.toMillis() / nominalTotalMs(1.0);
        return new RetrySchedule("fast", scale, scaled(DISABLE_AFTER_STANDARD, scale), random);
    }

    /** {@code standard} or {@code fast} (the values of {@code PINSTRIPE_WEBHOOK_RETRY}). */
    public static RetrySchedule named(String name, Random random) {
        return switch (name) {
            case "standard" -> standard(random);
            case "fast" -> fast(random);
            default -> throw new IllegalArgumentException("webhook retry schedule must be standard or fast, not '"
                    + name + "'");
        };
    }

    /** The same delays with another disable-after duration. */
    public RetrySchedule withDisableAfter(Duration disableAfter) {
        return new RetrySchedule(name, scale, disableAfter, random);
    }

    public String name() {
        return name;
    }

    public int attemptsMax() {
        return ATTEMPTS_MAX;
    }

    /** How long an endpoint may fail without any success before it is disabled. */
    public Duration disableAfter() {
        return disableAfter;
    }

    /** The delay after failed attempt {@code attempt} (1 to {@link #ATTEMPTS_MAX} - 1), without jitter. */
    public Duration nominalDelayAfter(int attempt) {
        return Duration.ofMillis(Math.round(nominalMs(attempt, scale)));
    }

    /** The delay after failed attempt {@code attempt}, with jitter; at least one millisecond. */
    public Duration delayAfter(int attempt) {
        double factor = 1.0 + JITTER * (2.0 * random.nextDouble() - 1.0);
        return Duration.ofMillis(Math.max(1, Math.round(nominalMs(attempt, scale) * factor)));
    }

    /** The nominal time from the first attempt to the last. */
    public Duration nominalTotal() {
        return Duration.ofMillis(Math.round(nominalTotalMs(scale)));
    }

    private static double nominalMs(int attempt, double scale) {
        if (attempt < 1 || attempt >= ATTEMPTS_MAX) {
            throw new IllegalArgumentException("no retry follows attempt " + attempt + " (attempts are 1 to "
                    + ATTEMPTS_MAX + ")");
        }
        // 1 min * 2^(attempt - 1), capped; the exponent is capped first so the shift cannot overflow.
        long unscaled = Math.min(FIRST_DELAY_MS << Math.min(attempt - 1, 30), DELAY_MAX_MS);
        return unscaled * scale;
    }

    private static double nominalTotalMs(double scale) {
        double total = 0;
        for (int attempt = 1; attempt < ATTEMPTS_MAX; attempt++) {
            total += nominalMs(attempt, scale);
        }
        return total;
    }

    private static Duration scaled(Duration d, double scale) {
        return Duration.ofMillis(Math.round(d.toMillis() * scale));
    }

    @Override
    public String toString() {
        return name + " (" + ATTEMPTS_MAX + " attempts over " + nominalTotal() + ", disable after " + disableAfter
                + ")";
    }
}
