package dev.pinstripe.accounts;

import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** SQL for accounts and their API keys. */
final class AccountStore {
    record KeyRow(String accountId, boolean livemode, ApiKeys.Kind kind, String apiVersion, Long revokedAt) {}

    void insertAccount(Handle h, String id, long created, String apiVersion, String origin) {
        h.createUpdate("INSERT INTO accounts (id, created, api_version, origin) VALUES (:id, :created, :v, :origin)")
                .bind("id", id).bind("created", created).bind("v", apiVersion).bind("origin", origin)
                .execute();
    }

    /** Inserts a key; false when a key with the same digest exists already. */
    boolean insertKey(Handle h, String id, String accountId, boolean livemode, ApiKeys.Kind kind, byte[] sha256,
            String redacted, long created) {
        return h.createUpdate("""
                        INSERT INTO api_keys (id, account_id, livemode, kind, secret_sha256, redacted, created)
                        VALUES (:id, :account, :livemode, :kind, :sha, :redacted, :created)
                        ON CONFLICT (secret_sha256) DO NOTHING""")
                .bind("id", id).bind("account", accountId).bind("livemode", livemode).bind("kind", kind.dbName)
                .bind("sha", sha256).bind("redacted", redacted).bind("created", created)
                .execute() == 1;
    }

    Optional<KeyRow> findKey(Handle h, byte[] sha256) {
        return h.createQuery("""
                        SELECT k.account_id, k.livemode, k.kind, a.api_version, k.revoked_at
                        FROM api_keys k JOIN accounts a ON a.id = k.account_id
                        WHERE k.secret_sha256 = :sha""")
                .bind("sha", sha256)
                .map((rs, ctx) -> new KeyRow(rs.getString(1), rs.getBoolean(2), ApiKeys.Kind.fromDb(rs.getString(3)),
                        rs.getString(4), (Long) rs.getObject(5)))
                .findOne();
    }

    long countAccounts(Handle h) {
        return h.createQuery("SELECT count(*) FROM accounts").mapTo(Long.class).one();
    }

    boolean accountExists(Handle h, String id) {
        return h.createQuery("SELECT EXISTS (SELECT 1 FROM accounts WHERE id = :id)").bind("id", id)
                .mapTo(Boolean.class).one();
    }
}
