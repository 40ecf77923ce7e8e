package dev.pinstripe.webhooks;

import dev.pinstripe.api.ApiVersions;
import dev.pinstripe.events.StoredEvent;
import dev.pinstripe.ids.Ids;
import dev.pinstripe.store.Database;
import dev.pinstripe.testing.ManualClock;
import dev.pinstripe.testing.TestDatabases;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jdbi.v3.core.Jdbi;

/**
 * A migrated test database with rows written directly in SQL (the event log is not part of the
 * delivery engine), a clock, and a listener that records disabled endpoints.
 */
final class DeliveryFixture implements AutoCloseable {
    static final String ACCOUNT = "acct_1TestAccount00";

    record Disabled(String endpointId, String reason, boolean inTransaction) {}

    record Delivery(String state, int attempts, long nextAttemptAt, String leaseOwner, Long finishedAt) {}

    record Attempt(int attempt, Integer statusCode, String error, String responseBody, long startedAt, int latencyMs) {}

    final TestDatabases.TestDatabase database = TestDatabases.create();
    final Database db = Database.open(database.url(), 16);
    final Jdbi jdbi = db.jdbi();
    final ManualClock clock = ManualClock.atTheStartOf2026();
    final List<Disabled> disabled = new CopyOnWriteArrayList<>();
    final EndpointDisabledListener listener =
            (h, endpointId, reason) -> disabled.add(new Disabled(endpointId, reason, h.isInTransaction()));

    DeliveryFixture() {
        db.migrate();
    }

    DeliveryStore store(RetrySchedule schedule) {
        return new DeliveryStore(jdbi, clock, schedule, listener);
    }

    String endpoint(String url) {
        return endpoint(url, "whsec_" + Ids.random("", 32), null, null);
    }

    String endpoint(String url, String secret, String previousSecret, Long previousSecretExpiresAt) {
        return endpoint(ACCOUNT, url, secret, previousSecret, previousSecretExpiresAt);
    }

    String endpoint(String account, String url, String secret, String previousSecret, Long previousSecretExpiresAt) {
        String id = Ids.object("we_");
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO webhook_endpoints (id, account_id, livemode, created, url, enabled_events, metadata,
                            status, secret, previous_secret, previous_secret_expires_at)
                        VALUES (:id, :account, false, :created, :url, ARRAY['*'], '{}', 'enabled', :secret,
                            :previousSecret, :previousExpires)""")
                .bind("id", id).bind("account", account).bind("created", clock.instant().getEpochSecond())
                .bind("url", url).bind("secret", secret).bind("previousSecret", previousSecret)
                .bind("previousExpires", previousSecretExpiresAt)
                .execute());
        return id;
    }

    String secret(String endpointId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT secret FROM webhook_endpoints WHERE id = :id")
                .bind("id", endpointId).mapTo(String.class).one());
    }

    StoredEvent event() {
        return event(ACCOUNT, "customer.created");
    }

    StoredEvent event(String account, String type) {
        String id = Ids.object("evt_");
        String data = "{\"object\":{\"id\":\"" + Ids.object("cus_") + "\",\"object\":\"customer\"}}";
        return jdbi.withHandle(h -> h.createQuery("""
                        INSERT INTO events (id, account_id, livemode, created, type, object_id, api_version, request_id,
                            endpoints, data)
                        VALUES (:id, :account, false, :created, :type, 'cus_x', :version, 'req_test', 1, :data)
                        RETURNING\s""" + StoredEvent.COLUMNS)
                .bind("id", id).bind("account", account).bind("created", clock.instant().getEpochSecond())
                .bind("type", type).bind("version", ApiVersions.DEFAULT).bind("data", data)
                .map(StoredEvent.MAPPER).one());
    }

    /** A pending delivery due now. */
    long delivery(StoredEvent event, String endpointId) {
        return deliveries(event, endpointId, 1).getFirst();
    }

    List<Long> deliveries(StoredEvent event, String endpointId, int count) {
        long now = clock.millis();
        return jdbi.withHandle(h -> h.createQuery("""
                        INSERT INTO webhook_deliveries (event_seq, endpoint_id, state, next_attempt_at, created_at)
                        SELECT :event, :endpoint, 'pending', :now, :now FROM generate_series(1, :count)
                        RETURNING id""")
                .bind("event", event.seq()).bind("endpoint", endpointId).bind("now", now).bind("count", count)
                .mapTo(Long.class).list());
    }

    /** {@code count} events, each with one delivery to the endpoint, due now. */
    List<Long> eventsWithDeliveries(String endpointId, int count) {
        List<Long> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ids.add(delivery(event(), endpointId));
        }
        return ids;
    }

    /** {@code count} events with one delivery each to the endpoint, due now, in one statement. */
    void bulkEventsWithDeliveries(String endpointId, int count) {
        long now = clock.millis();
        jdbi.useHandle(h -> h.createUpdate("""
                        WITH created AS (
                            INSERT INTO events (id, account_id, livemode, created, type, object_id, api_version,
                                endpoints, data)
                            SELECT :prefix || g, :account, false, :created, 'customer.created', 'cus_x', :version, 1,
                                '{"object":{"id":"cus_x","object":"customer"}}'
                            FROM generate_series(1, :count) AS g
                            RETURNING seq)
                        INSERT INTO webhook_deliveries (event_seq, endpoint_id, state, next_attempt_at, created_at)
                        SELECT seq, :endpoint, 'pending', :now, :now FROM created""")
                .bind("prefix", Ids.random("evt_", 8) + "n").bind("account", ACCOUNT)
                .bind("created", clock.instant().getEpochSecond()).bind("version", ApiVersions.DEFAULT)
                .bind("count", count).bind("endpoint", endpointId).bind("now", now)
                .execute());
    }

    Delivery delivery(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT state, attempts, next_attempt_at, lease_owner, finished_at"
                        + " FROM webhook_deliveries WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> new Delivery(rs.getString(1), rs.getInt(2), rs.getLong(3), rs.getString(4),
                        (Long) rs.getObject(5)))
                .one());
    }

    List<Attempt> attempts(long deliveryId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT attempt, status_code, error, response_body, started_at,"
                        + " latency_ms FROM webhook_attempts WHERE delivery_id = :id ORDER BY attempt")
                .bind("id", deliveryId)
                .map((rs, ctx) -> new Attempt(rs.getInt(1), (Integer) rs.getObject(2), rs.getString(3),
                        rs.getString(4), rs.getLong(5), rs.getInt(6)))
                .list());
    }

    Map<String, Object> endpointRow(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT status, disabled_reason, failing_since FROM webhook_endpoints"
                        + " WHERE id = :id")
                .bind("id", id).mapToMap().one());
    }

    void sql(String sql) {
        jdbi.useHandle(h -> h.execute(sql));
    }

    @Override
    public void close() {
        db.close();
        database.close();
    }
}
