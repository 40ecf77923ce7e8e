package dev.pinstripe.radar;

/**
 * Where {@link KeyHistory} states live: in memory for training and evaluation, in PostgreSQL (with a
 * cache) for the server. Feature code only reads and records through this, so both paths compute
 * features the same way.
 */
public interface Histories {
    /** The history under {@code key}; an empty one when the key was never seen. Never null. */
    KeyHistory get(String key);

    /** Records one payment attempt under {@code key}. */
    void record(String key, long time, long usdCents, boolean declined);
}
