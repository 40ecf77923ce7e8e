package dev.pinstripe.accounts;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.pinstripe.api.ApiErrors;
import dev.pinstripe.api.ApiVersions;
import dev.pinstripe.ids.Ids;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accounts and API keys: creating them, and resolving a presented key to the account and mode it
 * grants. Keys are looked up by their SHA-256 digest; a bounded cache keeps authentication off the
 * database on the hot path.
 */
public final class AccountService {
    private static final Logger log = LoggerFactory.getLogger(AccountService.class);
    /** How long a resolved key is trusted without asking the database again. */
    public static final Duration KEY_CACHE_TTL = Duration.ofSeconds(30);
    public static final long KEY_CACHE_ENTRIES_MAX = 100_000;

    /** Who a request acts as. */
    public record Caller(String accountId, boolean livemode, ApiKeys.Kind kind, String accountApiVersion) {}

    /** A new account and the keys made for it (shown once; only digests are stored). */
    public record NewAccount(String accountId, String secretKey, String publishableKey) {}

    public enum Origin { FIRST_START, BOOTSTRAP, CLI, OPEN_MODE, TEST }

    private final Jdbi jdbi;
    private final Clock clock;
    private final boolean openMode;
    private final AccountStore store = new AccountStore();
    private final Cache<String, Caller> callers = Caffeine.newBuilder()
            .maximumSize(KEY_CACHE_ENTRIES_MAX)
            .expireAfterWrite(KEY_CACHE_TTL)
            .build();

    public AccountService(Jdbi jdbi, Clock clock, boolean openMode) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.openMode = openMode;
    }

    /** Creates an account with a test-mode secret and publishable key; {@code secretKey} may be chosen. */
    public NewAccount createAccount(Origin origin, String secretKey) {
        if (secretKey != null && (!ApiKeys.wellFormed(secretKey) || !secretKey.startsWith("sk_"))) {
            throw new IllegalArgumentException("Not a secret key (expected sk_test_... or sk_live_...): "
                    + ApiKeys.redact(secretKey));
        }
        String sk = secretKey != null ? secretKey : ApiKeys.generate(ApiKeys.Kind.SECRET, false);
        String pk = ApiKeys.generate(ApiKeys.Kind.PUBLISHABLE, ApiKeys.livemodeOf(sk));
        String accountId = Ids.random("acct_", 16);
        long now = clock.instant().getEpochSecond();
        jdbi.useTransaction(h -> {
            store.insertAccount(h, accountId, now, ApiVersions.DEFAULT, origin.name().toLowerCase());
            if (!store.insertKey(h, Ids.random("key_", 24), accountId, ApiKeys.livemodeOf(sk), ApiKeys.Kind.SECRET,
                    ApiKeys.sha256(sk), ApiKeys.redact(sk), now)) {
                throw new IllegalStateException("That API key belongs to another account already.");
            }
            store.insertKey(h, Ids.random("key_", 24), accountId, ApiKeys.livemodeOf(pk), ApiKeys.Kind.PUBLISHABLE,
                    ApiKeys.sha256(pk), ApiKeys.redact(pk), now);
        });
        return new NewAccount(accountId, sk, pk);
    }

    /** Adds a key to an existing account and returns it (shown once). */
    public String createKey(String accountId, ApiKeys.Kind kind, boolean livemode) {
        String key = ApiKeys.generate(kind, livemode);
        long now = clock.instant().getEpochSecond();
        jdbi.useTransaction(h -> {
            if (!store.accountExists(h, accountId)) {
                throw new IllegalArgumentException("No such account: " + accountId);
            }
            store.insertKey(h, Ids.random("key_", 24), accountId, livemode, kind, ApiKeys.sha256(key),
                    ApiKeys.redact(key), now);
        });
        return key;
    }

    /**
     * Makes sure an account with exactly this secret key exists (for CI and scripts); true if it
     * was created now.
     */
    public boolean ensureBootstrapKey(String secretKey) {
        if (jdbi.withHandle(h -> store.findKey(h, ApiKeys.sha256(secretKey))).isPresent()) {
            return false;
        }
        createAccount(Origin.BOOTSTRAP, secretKey);
        return true;
    }

    public boolean hasAccounts() {
        return jdbi.withHandle(store::countAccounts) > 0;
    }

    /**
     * Resolves a presented key. Unknown keys fail with Stripe's 401, except in open mode, where an
     * unseen {@code sk_test_} key gets a fresh account of its own on first use.
     */
    public Caller authenticate(String key) {
        if (!ApiKeys.wellFormed(key)) {
            throw ApiErrors.apiKeyInvalid(ApiKeys.redact(key));
        }
        byte[] sha = ApiKeys.sha256(key);
        String cacheKey = HexFormat.of().formatHex(sha);
        Caller cached = callers.getIfPresent(cacheKey);
        if (cached != null) {
            return cached;
        }
        Optional<AccountStore.KeyRow> row = jdbi.withHandle(h -> store.findKey(h, sha));
        if (row.isEmpty() && openMode && key.startsWith("sk_test_")) {
            row = Optional.of(openModeAccount(key, sha));
        }
        AccountStore.KeyRow found = row.filter(r -> r.revokedAt() == null)
                .orElseThrow(() -> ApiErrors.apiKeyInvalid(ApiKeys.redact(key)));
        Caller caller = new Caller(found.accountId(), found.livemode(), found.kind(), found.apiVersion());
        callers.put(cacheKey, caller);
        return caller;
    }

    private AccountStore.KeyRow openModeAccount(String key, byte[] sha) {
        String accountId = Ids.random("acct_", 16);
        long now = clock.instant().getEpochSecond();
        // Two first requests with the same new key race here; the key's unique digest picks one winner
        // and the loser rolls back its account.
        try {
            return jdbi.inTransaction(h -> {
                store.insertAccount(h, accountId, now, ApiVersions.DEFAULT, "open_mode");
                if (!store.insertKey(h, Ids.random("key_", 24), accountId, false, ApiKeys.Kind.SECRET, sha,
                        ApiKeys.redact(key), now)) {
                    throw new KeyTakenMeanwhile();
                }
                log.info("Open mode: created account {} for a new key {}", accountId, ApiKeys.redact(key));
                return store.findKey(h, sha).orElseThrow();
            });
        } catch (KeyTakenMeanwhile e) {
            return jdbi.withHandle(h -> store.findKey(h, sha)).orElseThrow();
        }
    }

    private static final class KeyTakenMeanwhile extends RuntimeException {
        KeyTakenMeanwhile() {
            super(null, null, false, false);
        }
    }
}
