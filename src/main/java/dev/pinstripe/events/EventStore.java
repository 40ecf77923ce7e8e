package dev.pinstripe.events;

import dev.pinstripe.api.ListRequest;
import dev.pinstripe.api.Page;
import dev.pinstripe.api.Scope;
import dev.pinstripe.store.Keyset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Reads of the {@code events} table; writes go through {@link EventLog}. */
final class EventStore {
    /** Stripe's pending_webhooks: deliveries not (yet) acknowledged with a 2xx. */
    private static final String COLUMNS = StoredEvent.COLUMNS + ", (SELECT count(*) FROM webhook_deliveries d"
            + " WHERE d.event_seq = events.seq AND d.state IN ('pending', 'failed')) AS pending_webhooks";

    record Row(StoredEvent event, long pendingWebhooks) {}

    Optional<Row> find(Handle h, Scope scope, String id) {
        return h.createQuery("SELECT " + COLUMNS + " FROM events WHERE id = :id AND account_id = :account"
                        + " AND livemode = :livemode")
                .bind("id", id)
                .bind("account", scope.accountId())
                .bind("livemode", scope.livemode())
                .map((rs, ctx) -> new Row(StoredEvent.MAPPER.map(rs, ctx), rs.getLong("pending_webhooks")))
                .findOne();
    }

    /**
     * @param typePrefix a type with a trailing {@code *} as prefix (without the star), or null
     * @param types      exact types, or empty for all
     * @param deliverySuccess true: every delivery acknowledged; false: some not; null: either
     */
    Page<Row> list(Handle h, Scope scope, ListRequest request, String typePrefix, List<String> types,
            Boolean deliverySuccess) {
        StringBuilder where = new StringBuilder();
        Map<String, Object> binds = new LinkedHashMap<>();
        if (typePrefix != null) {
            where.append("starts_with(type, :typePrefix)");
            binds.put("typePrefix", typePrefix);
        }
        if (!types.isEmpty()) {
            where.append(where.isEmpty() ? "" : " AND ").append("type = ANY(:types)");
            binds.put("types", types.toArray(String[]::new));
        }
        if (deliverySuccess != null) {
            where.append(where.isEmpty() ? "" : " AND ").append(deliverySuccess ? "NOT " : "")
                    .append("EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.event_seq = events.seq"
                            + " AND d.state IN ('pending', 'failed'))");
        }
        return Keyset.page(h, scope, request, "events", COLUMNS, where.toString(), binds,
                (rs, ctx) -> new Row(StoredEvent.MAPPER.map(rs, ctx), rs.getLong("pending_webhooks")), "event");
    }
}
