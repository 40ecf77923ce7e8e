package dev.pinstripe.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pinstripe.api.ApiVersions;
import dev.pinstripe.api.Json;
import dev.pinstripe.api.RequestOrigin;
import dev.pinstripe.api.Scope;
import dev.pinstripe.ids.Ids;
import dev.pinstripe.store.Sql;
import java.time.Clock;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;

/**
 * The transactional outbox. Every state change records its event through here, on the handle of the
 * transaction that makes the change: the event and its webhook deliveries commit with the change or
 * not at all. Call it while holding the changed object's row lock, so that events of one object get
 * rising {@code pinstripe_sequence} numbers in commit order.
 */
public final class EventLog {
    /** The channel the webhook dispatcher listens on; notified when an event has deliveries. */
    public static final String CHANNEL = "pinstripe_webhooks";

    // Plain JDBC (store/Sql), positional: three of these run in every checkout, where JDBI's named
    // binding and row mapping cost more than the statement (docs/performance.md).
    private static final String INSERT = """
            WITH w AS (
                SELECT id FROM webhook_endpoints
                WHERE account_id = ? AND livemode = ? AND status = 'enabled' AND deleted_at IS NULL
                  AND enabled_events && ARRAY['*', ?]::text[]
            ), e AS (
                INSERT INTO events (id, account_id, livemode, created, type, object_id, api_version, request_id,
                                    idempotency_key, endpoints, data)
                SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT count(*) FROM w), ?
                RETURNING seq, endpoints
            ), d AS (
                INSERT INTO webhook_deliveries (event_seq, endpoint_id, state, next_attempt_at, created_at)
                SELECT e.seq, w.id, 'pending', ?, ? FROM e CROSS JOIN w
                RETURNING 1
            )
            SELECT (SELECT count(*) FROM d) AS deliveries,
                   (SELECT count(*) FROM (SELECT pg_notify(?, '') FROM e WHERE e.endpoints > 0) n) AS notified
            """;

    private final Clock clock;
    private final Consumer<String> recorded;

    public EventLog(Clock clock) {
        this(clock, type -> { });
    }

    /** @param recorded told each recorded event's type (for metrics) */
    public EventLog(Clock clock, Consumer<String> recorded) {
        this.clock = clock;
        this.recorded = recorded;
    }

    /** Records an event about {@code object} as it is now (a create, a state change, a deletion). */
    public void record(Handle h, Scope scope, String type, ObjectNode object) {
        insert(h, scope, type, object, null);
    }

    /**
     * Records an {@code *.updated}-style event with {@code previous_attributes}: the fields that
     * changed, with their values before. Nothing changed, no event.
     */
    public void recordUpdate(Handle h, Scope scope, String type, ObjectNode before, ObjectNode after) {
        ObjectNode previous = PreviousAttributes.between(before, after);
        if (!previous.isEmpty()) {
            insert(h, scope, type, after, previous);
        }
    }

    private void insert(Handle h, Scope scope, String type, ObjectNode object, JsonNode previous) {
        ObjectNode data = Json.object();
        data.set("object", object);
        if (previous != null) {
            data.set("previous_attributes", previous);
        }
        RequestOrigin origin = RequestOrigin.of(h);
        long now = clock.millis();
        String account = scope.accountId();
        boolean livemode = scope.livemode();
        String objectId = object.has("id") ? object.path("id").asText() : object.path("object").asText();
        Sql.one(h, INSERT, rs -> rs.getLong(1),
                account, livemode, type,
                Ids.object("evt_"), account, livemode, now / 1000, type, objectId, ApiVersions.DEFAULT,
                origin.requestId(), origin.idempotencyKey(), Json.compact(data),
                now, now,
                CHANNEL);
        recorded.accept(type);
    }
}
