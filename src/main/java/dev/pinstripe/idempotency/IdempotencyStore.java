package dev.pinstripe.idempotency;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pinstripe.api.Json;
import dev.pinstripe.api.Scope;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** SQL for idempotency keys. */
final class IdempotencyStore {
    record KeyRow(long id, String method, String path, byte[] requestSha256, String requestId, String recoveryPoint,
            Long lockedAtMs, Integer responseStatus, String responseBody, JsonNode state) {}

    /** Serialises requests for one key across every Pinstripe process; false if another holds it. */
    boolean tryLock(Handle h, long lockKey) {
        return h.createQuery("SELECT pg_try_advisory_xact_lock(:k)").bind("k", lockKey).mapTo(Boolean.class).one();
    }

    /** Waits for the key's lock; used by the request that owns the key, whose peers hold it only briefly. */
    void lock(Handle h, long lockKey) {
        h.execute("SELECT pg_advisory_xact_lock(?)", lockKey);
    }

    Optional<KeyRow> find(Handle h, Scope scope, String key) {
        return h.createQuery("""
                        SELECT id, request_method, request_path, request_sha256, request_id, recovery_point,
                               locked_at_ms, response_status, response_body, state::text
                        FROM idempotency_keys
                        WHERE account_id = :account AND livemode = :livemode AND idempotency_key = :key""")
                .bind("account", scope.accountId()).bind("livemode", scope.livemode()).bind("key", key)
                .map((rs, ctx) -> new KeyRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBytes(4),
                        rs.getString(5), rs.getString(6), (Long) rs.getObject(7), (Integer) rs.getObject(8),
                        rs.getString(9), rs.getString(10) == null ? null : Json.parse(rs.getString(10))))
                .findOne();
    }

    void insert(Handle h, Scope scope, String key, long created, String method, String path, byte[] requestSha256,
            String requestId, String recoveryPoint, Long lockedAtMs, Integer status, String body, JsonNode state) {
        h.createUpdate("""
                        INSERT INTO idempotency_keys (account_id, livemode, idempotency_key, created, request_method,
                            request_path, request_sha256, request_id, recovery_point, locked_at_ms, response_status,
                            response_body, state)
                        VALUES (:account, :livemode, :key, :created, :method, :path, :sha, :requestId, :point,
                            :lockedAt, :status, :body, CAST(:state AS jsonb))""")
                .bind("account", scope.accountId()).bind("livemode", scope.livemode()).bind("key", key)
                .bind("created", created).bind("method", method).bind("path", path).bind("sha", requestSha256)
                .bind("requestId", requestId).bind("point", recoveryPoint).bind("lockedAt", lockedAtMs)
                .bind("status", status).bind("body", body).bind("state", state == null ? null : Json.compact(state))
                .execute();
    }

    void advance(Handle h, long id, String requestId, String recoveryPoint, Long lockedAtMs, Integer status,
            String body, JsonNode state) {
        int updated = h.createUpdate("""
                        UPDATE idempotency_keys
                        SET request_id = :requestId, recovery_point = :point, locked_at_ms = :lockedAt,
                            response_status = :status, response_body = :body, state = CAST(:state AS jsonb)
                        WHERE id = :id""")
                .bind("id", id).bind("requestId", requestId).bind("point", recoveryPoint).bind("lockedAt", lockedAtMs)
                .bind("status", status).bind("body", body).bind("state", state == null ? null : Json.compact(state))
                .execute();
        if (updated != 1) {
            throw new IllegalStateException("idempotency key row " + id + " vanished while its request held it");
        }
    }

    void release(Handle h, long id, String requestId) {
        h.createUpdate("UPDATE idempotency_keys SET locked_at_ms = NULL WHERE id = :id AND request_id = :requestId")
                .bind("id", id).bind("requestId", requestId).execute();
    }

    /** Deletes up to {@code batchMax} keys created before {@code cutoff}; returns how many. */
    int deleteCreatedBefore(Handle h, long cutoff, int batchMax) {
        return h.createUpdate("""
                        DELETE FROM idempotency_keys WHERE id IN (
                            SELECT id FROM idempotency_keys WHERE created < :cutoff LIMIT :batch)""")
                .bind("cutoff", cutoff).bind("batch", batchMax).execute();
    }
}
