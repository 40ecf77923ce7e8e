package dev.pinstripe.radar;

import java.util.HashMap;
import java.util.Map;

/** Histories in a map, for training, evaluation and backtests: one thread, one replay. */
public final class MemoryHistories implements Histories {
    private static final KeyHistory EMPTY = new KeyHistory();
    private final Map<String, KeyHistory> histories = new HashMap<>();

    @Override
    public KeyHistory get(String key) {
        KeyHistory h = histories.get(key);
        return h == null ? EMPTY : h;
    }

    @Override
    public void record(String key, long time, long usdCents, boolean declined) {
        histories.computeIfAbsent(key, k -> new KeyHistory()).record(time, usdCents, declined);
    }
}
