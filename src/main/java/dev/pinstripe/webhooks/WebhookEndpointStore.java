package dev.pinstripe.webhooks;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.pinstripe.api.ListRequest;
import dev.pinstripe.api.Page;
import dev.pinstripe.api.Scope;
import dev.pinstripe.store.Keyset;
import dev.pinstripe.store.StoredJson;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/** SQL for webhook endpoints. */
final class WebhookEndpointStore {
    static final String COLUMNS = "id, livemode, created, url, description, enabled_events, api_version,"
            + " metadata::text, status, secret, previous_secret, previous_secret_expires_at, disabled_reason";
    private static final TypeReference<Map<String, String>> METADATA = new TypeReference<>() {};

    void insert(Handle h, Scope scope, WebhookEndpoint e) {
        h.createUpdate("""
                        INSERT INTO webhook_endpoints (id, account_id, livemode, created, url, description,
                            enabled_events, api_version, metadata, status, secret)
                        VALUES (:id, :account, :livemode, :created, :url, :description, :events, :version,
                            CAST(:metadata AS jsonb), :status, :secret)""")
                .bind("id", e.id()).bind("account", scope.accountId()).bind("livemode", scope.livemode())
                .bind("created", e.created()).bind("url", e.url()).bind("description", e.description())
                .bind("events", e.enabledEvents().toArray(String[]::new)).bind("version", e.apiVersion())
                .bind("metadata", StoredJson.write(e.metadata())).bind("status", e.status())
                .bind("secret", e.secret())
                .execute();
    }

    /**
     * Writes what an update or roll may change. Enabling again forgets the failure history, so a
     * re-enabled endpoint gets the full disable-after period.
     */
    void update(Handle h, Scope scope, WebhookEndpoint e) {
        h.createUpdate("""
                        UPDATE webhook_endpoints SET url = :url, description = :description, enabled_events = :events,
                            metadata = CAST(:metadata AS jsonb), status = :status, secret = :secret,
                            previous_secret = :previousSecret, previous_secret_expires_at = :previousExpires,
                            disabled_reason = :reason,
                            failing_since = CASE WHEN :status = 'enabled' AND status = 'disabled' THEN NULL
                                                 ELSE failing_since END
                        WHERE id = :id AND account_id = :account AND livemode = :livemode""")
                .bind("id", e.id()).bind("account", scope.accountId()).bind("livemode", scope.livemode())
                .bind("url", e.url()).bind("description", e.description())
                .bind("events", e.enabledEvents().toArray(String[]::new))
                .bind("metadata", StoredJson.write(e.metadata())).bind("status", e.status())
                .bind("secret", e.secret()).bind("previousSecret", e.previousSecret())
                .bind("previousExpires", e.previousSecretExpiresAt()).bind("reason", e.disabledReason())
                .execute();
    }

    /** Marks the endpoint deleted and cancels what was still queued for it. */
    void markDeleted(Handle h, Scope scope, String id, long now, long nowMillis) {
        h.createUpdate("UPDATE webhook_endpoints SET deleted_at = :now"
                        + " WHERE id = :id AND account_id = :account AND livemode = :livemode")
                .bind("now", now).bind("id", id).bind("account", scope.accountId()).bind("livemode", scope.livemode())
                .execute();
        cancelPending(h, id, nowMillis);
    }

    static void cancelPending(Handle h, String endpointId, long nowMillis) {
        h.createUpdate("UPDATE webhook_deliveries SET state = 'canceled', finished_at = :now"
                        + " WHERE endpoint_id = :id AND state = 'pending'")
                .bind("id", endpointId).bind("now", nowMillis)
                .execute();
    }

    Optional<WebhookEndpoint> find(Handle h, Scope scope, String id, boolean forUpdate) {
        return h.createQuery("SELECT " + COLUMNS + " FROM webhook_endpoints WHERE id = :id AND account_id = :account"
                        + " AND livemode = :livemode AND deleted_at IS NULL" + (forUpdate ? " FOR UPDATE" : ""))
                .bind("id", id).bind("account", scope.accountId()).bind("livemode", scope.livemode())
                .map(WebhookEndpointStore::map)
                .findOne();
    }

    /** The account and mode an endpoint belongs to, whatever its state. */
    static Optional<Scope> scopeOf(Handle h, String id) {
        return h.createQuery("SELECT account_id, livemode FROM webhook_endpoints WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> new Scope(rs.getString(1), rs.getBoolean(2)))
                .findOne();
    }

    Page<WebhookEndpoint> list(Handle h, Scope scope, ListRequest request) {
        return Keyset.page(h, scope, request, "webhook_endpoints", COLUMNS, "deleted_at IS NULL", Map.of(),
                WebhookEndpointStore::map, "webhook_endpoint");
    }

    static WebhookEndpoint map(ResultSet rs, StatementContext ctx) throws SQLException {
        Array events = rs.getArray(6);
        long previousExpires = rs.getLong(12);
        return new WebhookEndpoint(rs.getString(1), rs.getBoolean(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                Arrays.asList((String[]) events.getArray()), rs.getString(7), StoredJson.read(rs.getString(8), METADATA),
                rs.getString(9), rs.getString(10), rs.getString(11), rs.wasNull() ? null : previousExpires,
                rs.getString(13));
    }
}
