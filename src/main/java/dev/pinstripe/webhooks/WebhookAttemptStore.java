package dev.pinstripe.webhooks;

import dev.pinstripe.api.ApiErrors;
import dev.pinstripe.api.ListRequest;
import dev.pinstripe.api.Page;
import dev.pinstripe.api.Scope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * SQL behind the Pinstripe extension endpoints: attempts of an event or of an endpoint, newest
 * first, and the lookups a resend needs. Every query is confined to the caller's account and mode,
 * through {@code events} or {@code webhook_endpoints}.
 */
final class WebhookAttemptStore {
    static final String ID_PREFIX = "whatt_";
    /** Most endpoints one resend (without {@code webhook_endpoint}) sends to. */
    static final int RESEND_ENDPOINTS_MAX = 1000;

    /** One row of {@code webhook_attempts}, with its event's ID. */
    record Attempt(long id, String eventId, String endpointId, int attempt, long startedAtMs, int latencyMs,
            Integer statusCode, String error, String responseBody) {}

    record EventRef(long seq, String id, String type) {}

    record EndpointRef(String id, String status, boolean deleted) {}

    Optional<EventRef> findEvent(Handle h, Scope scope, String id) {
        return h.createQuery("SELECT seq, id, type FROM events WHERE id = :id AND account_id = :account"
                        + " AND livemode = :livemode")
                .bind("id", id).bind("account", scope.accountId()).bind("livemode", scope.livemode())
                .map((rs, ctx) -> new EventRef(rs.getLong("seq"), rs.getString("id"), rs.getString("type")))
                .findOne();
    }

    /** The endpoint, deleted or not, if it belongs to the scope. */
    Optional<EndpointRef> findEndpoint(Handle h, Scope scope, String id) {
        return h.createQuery("SELECT id, status, deleted_at IS NOT NULL AS deleted FROM webhook_endpoints"
                        + " WHERE id = :id AND account_id = :account AND livemode = :livemode")
                .bind("id", id).bind("account", scope.accountId()).bind("livemode", scope.livemode())
                .map((rs, ctx) -> new EndpointRef(rs.getString("id"), rs.getString("status"), rs.getBoolean("deleted")))
                .findOne();
    }

    /** Enabled, live endpoints of the scope whose enabled_events include the type (or '*'). */
    List<String> endpointsWanting(Handle h, Scope scope, String type) {
        return h.createQuery("""
                        SELECT id FROM webhook_endpoints
                        WHERE account_id = :account AND livemode = :livemode AND status = 'enabled'
                          AND deleted_at IS NULL AND (:type = ANY(enabled_events) OR '*' = ANY(enabled_events))
                        ORDER BY created, seq
                        LIMIT :limit""")
                .bind("account", scope.accountId()).bind("livemode", scope.livemode()).bind("type", type)
                .bind("limit", RESEND_ENDPOINTS_MAX)
                .mapTo(String.class)
                .list();
    }

    Page<Attempt> forEvent(Handle h, EventRef event, ListRequest request) {
        return page(h, "a.event_seq = :key", event.seq(), request);
    }

    Page<Attempt> forEndpoint(Handle h, String endpointId, ListRequest request) {
        return page(h, "a.endpoint_id = :key", endpointId, request);
    }

    /** Keyset pagination on the attempt's row ID, which rises with time. */
    private static Page<Attempt> page(Handle h, String condition, Object key, ListRequest request) {
        StringBuilder sql = new StringBuilder("""
                SELECT a.id, e.id AS event_id, a.endpoint_id, a.attempt, a.started_at, a.latency_ms, a.status_code,
                       a.error, a.response_body
                FROM webhook_attempts a JOIN events e ON e.seq = a.event_seq
                WHERE\s""").append(condition);
        Long cursor = null;
        if (request.cursor() != null) {
            cursor = cursor(h, condition, key, request);
            sql.append(request.backwards() ? " AND a.id > :cursor" : " AND a.id < :cursor");
        }
        sql.append(request.backwards() ? " ORDER BY a.id ASC" : " ORDER BY a.id DESC").append(" LIMIT :limitPlusOne");
        Query q = h.createQuery(sql.toString()).bind("key", key).bind("limitPlusOne", request.limit() + 1);
        if (cursor != null) {
            q.bind("cursor", cursor);
        }
        List<Attempt> rows = new ArrayList<>(q.map((rs, ctx) -> attempt(rs)).list());
        boolean hasMore = rows.size() > request.limit();
        if (hasMore) {
            rows.removeLast();
        }
        if (request.backwards()) {
            Collections.reverse(rows);
        }
        return new Page<>(rows, hasMore);
    }

    /** The cursor's row ID; it must be an attempt of the same event or endpoint. */
    private static long cursor(Handle h, String condition, Object key, ListRequest request) {
        String cursor = request.cursor();
        String param = request.backwards() ? "ending_before" : "starting_after";
        Long id = parseId(cursor);
        boolean found = id != null && h.createQuery("SELECT count(*) FROM webhook_attempts a WHERE a.id = :id AND "
                        + condition)
                .bind("id", id).bind("key", key)
                .mapTo(Long.class).one() > 0;
        if (!found) {
            throw ApiErrors.resourceMissing("pinstripe.webhook_attempt", cursor, param);
        }
        return id;
    }

    private static Long parseId(String id) {
        if (!id.startsWith(ID_PREFIX) || id.length() == ID_PREFIX.length() || id.length() > ID_PREFIX.length() + 18) {
            return null;
        }
        for (int i = ID_PREFIX.length(); i < id.length(); i++) {
            char c = id.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
        }
        return Long.parseLong(id.substring(ID_PREFIX.length()));
    }

    private static Attempt attempt(ResultSet rs) throws SQLException {
        int status = rs.getInt("status_code");
        Integer statusCode = rs.wasNull() ? null : status;
        return new Attempt(rs.getLong("id"), rs.getString("event_id"), rs.getString("endpoint_id"),
                rs.getInt("attempt"), rs.getLong("started_at"), rs.getInt("latency_ms"), statusCode,
                rs.getString("error"), rs.getString("response_body"));
    }
}
