package dev.pinstripe.radar;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import dev.pinstripe.api.Scope;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The server's histories: cached in memory, kept in PostgreSQL ({@code radar_histories}). A payment
 * reads and updates the cached state, so scoring never waits on a lock another payment holds; what
 * it adds is also kept as a pending delta that {@link #flush} merges into the stored state under a
 * row lock. Deltas add up, so several server processes sharing a database each contribute their
 * payments; each sees the others' once its cached copy is reloaded ({@link #RELOAD_AFTER}).
 *
 * <p>Histories are derived data that only shape scores: a crash loses at most the deltas of the
 * last flush interval, which is documented (docs/radar.md), and never a payment.
 */
public final class StoredHistories {
    /** A cached history is reloaded from the database this long after it was loaded. */
    static final Duration RELOAD_AFTER = Duration.ofSeconds(30);
    static final long CACHE_MAX = 200_000;

    private record Key(String accountId, boolean livemode, String key) {}

    /** The state a process sees, and what it added since the last flush. */
    private static final class Entry {
        final KeyHistory state;
        KeyHistory pending;

        Entry(KeyHistory state) {
            this.state = state;
        }
    }

    private final Jdbi jdbi;
    private final Clock clock;
    private final Cache<Key, Entry> cache;
    private final Map<Key, KeyHistory> evictedPending = new ConcurrentHashMap<>();

    public StoredHistories(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.cache = Caffeine.newBuilder().maximumSize(CACHE_MAX).expireAfterWrite(RELOAD_AFTER)
                .removalListener((Key k, Entry e, RemovalCause cause) -> {
                    if (k != null && e != null) {
                        synchronized (e) {
                            if (e.pending != null) {
                                evictedPending.merge(k, e.pending, (a, b) -> {
                                    a.merge(b);
                                    return a;
                                });
                                e.pending = null;
                            }
                        }
                    }
                }).build();
    }

    /** The histories of one account and mode, loading what is not cached through {@code h}. */
    public Histories of(Handle h, Scope scope) {
        return new Histories() {
            @Override
            public KeyHistory get(String key) {
                Entry e = entry(h, scope, key);
                synchronized (e) {
                    return e.state.copy();
                }
            }

            @Override
            public void record(String key, long time, long usdCents, boolean declined) {
                Entry e = entry(h, scope, key);
                synchronized (e) {
                    e.state.record(time, usdCents, declined);
                    if (e.pending == null) {
                        e.pending = new KeyHistory();
                    }
                    e.pending.record(time, usdCents, declined);
                }
            }
        };
    }

    private Entry entry(Handle h, Scope scope, String key) {
        Key k = new Key(scope.accountId(), scope.livemode(), key);
        return cache.get(k, x -> new Entry(load(h, x)));
    }

    private static KeyHistory load(Handle h, Key k) {
        return h.createQuery("SELECT state FROM radar_histories WHERE account_id = ? AND livemode = ? AND key = ?")
                .bind(0, k.accountId()).bind(1, k.livemode()).bind(2, k.key())
                .mapTo(byte[].class).findOne().map(KeyHistory::fromBytes).orElseGet(KeyHistory::new);
    }

    /** Merges every pending delta into the stored histories; returns how many keys it wrote. */
    public int flush() {
        Map<Key, KeyHistory> deltas = new HashMap<>();
        evictedPending.keySet().forEach(k -> {
            KeyHistory d = evictedPending.remove(k);
            if (d != null) {
                deltas.put(k, d);
            }
        });
        cache.asMap().forEach((k, e) -> {
            synchronized (e) {
                if (e.pending != null) {
                    deltas.merge(k, e.pending, (a, b) -> {
                        a.merge(b);
                        return a;
                    });
                    e.pending = null;
                }
            }
        });
        if (deltas.isEmpty()) {
            return 0;
        }
        List<Key> keys = new ArrayList<>(deltas.keySet());
        // One lock order for every flusher, so that two processes flushing the same keys cannot deadlock.
        keys.sort(Comparator.comparing(Key::accountId).thenComparing(Key::livemode).thenComparing(Key::key));
        long now = clock.instant().getEpochSecond();
        try {
            write(keys, deltas, now);
        } catch (RuntimeException e) {
            // Keep the deltas for the next flush rather than lose them.
            deltas.forEach((k, d) -> evictedPending.merge(k, d, (a, b) -> {
                a.merge(b);
                return a;
            }));
            throw e;
        }
        return keys.size();
    }

    private void write(List<Key> keys, Map<Key, KeyHistory> deltas, long now) {
        jdbi.useTransaction(h -> {
            for (Key k : keys) {
                h.createUpdate("INSERT INTO radar_histories (account_id, livemode, key, state, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
                        .bind(0, k.accountId()).bind(1, k.livemode()).bind(2, k.key()).bind(3, new byte[0])
                        .bind(4, now).execute();
                KeyHistory stored = h.createQuery("SELECT state FROM radar_histories WHERE account_id = ?"
                                + " AND livemode = ? AND key = ? FOR UPDATE")
                        .bind(0, k.accountId()).bind(1, k.livemode()).bind(2, k.key())
                        .mapTo(byte[].class).findOne().map(KeyHistory::fromBytes).orElseGet(KeyHistory::new);
                stored.merge(deltas.get(k));
                h.createUpdate("UPDATE radar_histories SET state = ?, updated_at = ? WHERE account_id = ?"
                                + " AND livemode = ? AND key = ?")
                        .bind(0, stored.toBytes()).bind(1, now).bind(2, k.accountId()).bind(3, k.livemode())
                        .bind(4, k.key()).execute();
            }
        });
    }

    /**
     * Drops histories nobody has added to for longer than any feature looks back (the longest is how
     * long a card has been seen, capped at {@link FeatureExtractor#AGE_CAP_DAYS}); returns how many.
     */
    public int deleteIdle() {
        long before = clock.instant().getEpochSecond() - (long) ((FeatureExtractor.AGE_CAP_DAYS + 1) * 86_400);
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM radar_histories WHERE updated_at < ?")
                .bind(0, before).execute());
    }
}
