package dev.pinstripe.idempotency;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pinstripe.api.Json;
import dev.pinstripe.api.Scope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import dev.pinstripe.store.Sql;
import org.jdbi.v3.core.Handle;

/** SQL for idempotency keys. A key row is identified by (account, mode, key). */
final class IdempotencyStore {
    record KeyRow(String method, String path, byte[] requestSha256, String requestId, String recoveryPoint,
            Long lockedAtMs, Integer responseStatus, String responseBody, JsonNode state) {}

    /** Whether the key's lock was taken, and the key's row as the statement's snapshot saw it. */
    record Claim(boolean locked, Optional<KeyRow> row) {}

    private static final String COLUMNS = "request_method, request_path, request_sha256, request_id, recovery_point,"
            + " locked_at_ms, response_status, response_body, state::text";

    /**
     * Tries the key's transaction-scoped advisory lock (never waits) and reads the key's row, in one
     * round trip. The row is read with the statement's snapshot, taken before the lock: if the lock's
     * previous holder committed in between, its row is missing here, and inserting the key later
     * fails on the primary key; {@link IdempotencyService} then starts over and sees the row.
     */
    Claim claim(Handle h, long lockKey, Scope scope, String key) {
        return Sql.one(h, "SELECT pg_try_advisory_xact_lock(?), " + COLUMNS
                        + " FROM (SELECT 1) AS one LEFT JOIN idempotency_keys"
                        + " ON account_id = ? AND livemode = ? AND idempotency_key = ?",
                rs -> new Claim(rs.getBoolean(1), rs.getString(2) == null ? Optional.empty() : Optional.of(row(rs, 2))),
                lockKey, scope.accountId(), scope.livemode(), key);
    }

    /** Waits for the key's lock; used by the request that owns the key, whose peers hold it only briefly. */
    void lock(Handle h, long lockKey) {
        h.execute("SELECT pg_advisory_xact_lock(?)", lockKey);
    }

    Optional<KeyRow> find(Handle h, Scope scope, String key) {
        return h.createQuery("SELECT " + COLUMNS + " FROM idempotency_keys"
                        + " WHERE account_id = :account AND livemode = :livemode AND idempotency_key = :key")
                .bind("account", scope.accountId()).bind("livemode", scope.livemode()).bind("key", key)
                .map((rs, ctx) -> row(rs, 1))
                .findOne();
    }

    private static KeyRow row(ResultSet rs, int first) throws SQLException {
        String state = rs.getString(first + 8);
        return new KeyRow(rs.getString(first), rs.getString(first + 1), rs.getBytes(first + 2),
                rs.getString(first + 3), rs.getString(first + 4), (Long) rs.getObject(first + 5),
                (Integer) rs.getObject(first + 6), rs.getString(first + 7), state == null ? null : Json.parse(state));
    }

    void insert(Handle h, Scope scope, String key, long created, String method, String path, byte[] requestSha256,
            String requestId, String recoveryPoint, Long lockedAtMs, Integer status, String body, JsonNode state) {
        Sql.update(h, """
                        INSERT INTO idempotency_keys (account_id, livemode, idempotency_key, created, request_method,
                            request_path, request_sha256, request_id, recovery_point, locked_at_ms, response_status,
                            response_body, state)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb))""",
                scope.accountId(), scope.livemode(), key, created, method, path, requestSha256, requestId,
                recoveryPoint, lockedAtMs == null ? Sql.TypedNull.BIGINT : lockedAtMs,
                status == null ? Sql.TypedNull.INTEGER : status, body, state == null ? null : Json.compact(state));
    }

    /**
     * Moves the key to its next recovery point, only if it is still where this transaction expects
     * it (owner and point). Returns false when another request moved it meanwhile.
     */
    boolean advance(Handle h, Scope scope, String key, String expectedOwner, String expectedPoint, String requestId,
            String recoveryPoint, Long lockedAtMs, Integer status, String body, JsonNode state) {
        return Sql.update(h, """
                        UPDATE idempotency_keys
                        SET request_id = ?, recovery_point = ?, locked_at_ms = ?, response_status = ?,
                            response_body = ?, state = CAST(? AS jsonb)
                        WHERE account_id = ? AND livemode = ? AND idempotency_key = ?
                          AND request_id = ? AND recovery_point = ?""",
                requestId, recoveryPoint, lockedAtMs == null ? Sql.TypedNull.BIGINT : lockedAtMs,
                status == null ? Sql.TypedNull.INTEGER : status, body, state == null ? null : Json.compact(state),
                scope.accountId(), scope.livemode(), key, expectedOwner, expectedPoint) == 1;
    }

    void release(Handle h, Scope scope, String key, String requestId) {
        h.createUpdate("UPDATE idempotency_keys SET locked_at_ms = NULL WHERE account_id = :account"
                        + " AND livemode = :livemode AND idempotency_key = :key AND request_id = :requestId")
                .bind("account", scope.accountId()).bind("livemode", scope.livemode()).bind("key", key)
                .bind("requestId", requestId).execute();
    }

    /** Deletes up to {@code batchMax} keys created before {@code cutoff}; returns how many. */
    int deleteCreatedBefore(Handle h, long cutoff, int batchMax) {
        return h.createUpdate("""
                        DELETE FROM idempotency_keys WHERE ctid IN (
                            SELECT ctid FROM idempotency_keys WHERE created < :cutoff LIMIT :batch)""")
                .bind("cutoff", cutoff).bind("batch", batchMax).execute();
    }
}
