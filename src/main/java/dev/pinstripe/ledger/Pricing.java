package dev.pinstripe.ledger;

/**
 * An account's processing fee: a percentage in basis points plus a fixed amount in minor units of
 * the charge currency (default 2.9% + 30).
 */
public record Pricing(int percentBps, long fixedMinor) {
    public static final Pricing DEFAULT = new Pricing(290, 30);
    static final int BPS_PER_WHOLE = 10_000;

    public Pricing {
        if (percentBps < 0 || percentBps > BPS_PER_WHOLE || fixedMinor < 0) {
            throw new IllegalArgumentException("invalid pricing " + percentBps + " bps + " + fixedMinor);
        }
    }

    /**
     * The fee on a captured amount: the percentage rounded half up to a whole minor unit, plus the
     * fixed part, never more than the amount itself (so a tiny charge cannot leave a negative net).
     */
    public long processingFee(long amount) {
        if (amount < 0) {
            throw new IllegalArgumentException("negative amount " + amount);
        }
        // amount <= 1e11 and percentBps <= 1e4, so the product stays far below Long.MAX_VALUE.
        long percent = Math.addExact(Math.multiplyExact(amount, (long) percentBps), BPS_PER_WHOLE / 2) / BPS_PER_WHOLE;
        return Math.min(amount, Math.addExact(percent, fixedMinor));
    }
}
