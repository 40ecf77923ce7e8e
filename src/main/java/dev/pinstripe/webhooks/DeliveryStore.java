package dev.pinstripe.webhooks;

import dev.pinstripe.events.StoredEvent;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SQL for the webhook delivery queue, {@code webhook_deliveries}: claiming due deliveries, writing
 * attempts' results, and disabling endpoints. The queue lives in the database; several processes
 * may work on it at once. All times are epoch milliseconds from the injected clock, never the
 * database's {@code now()}.
 *
 * <p>Locks are always taken endpoint first, then its deliveries ({@link #finish} locks the batch's
 * endpoints in ID order before anything else), so concurrent finishers cannot deadlock.
 */
public final class DeliveryStore {
    private static final Logger log = LoggerFactory.getLogger(DeliveryStore.class);
    /** The PostgreSQL channel notified when deliveries become due (by the event log, by resends). */
    public static final String CHANNEL = dev.pinstripe.events.EventLog.CHANNEL;
    public static final String DISABLED_GONE = "gone";
    public static final String DISABLED_FAILING = "failing";
    /** Most deliveries one claim takes. */
    public static final int CLAIM_ROWS_MAX = 256;
    /**
     * Most due rows one claim looks at to pick deliveries within each endpoint's room: a backlog of
     * one endpoint beyond it is seen by later claims, once the endpoint is excluded as full.
     */
    public static final int CLAIM_SCAN_ROWS_MAX = 2048;
    /** Most attempt results written in one transaction. */
    public static final int FINISH_BATCH_MAX = 256;
    /** Longest error text kept for an attempt. */
    public static final int ERROR_LENGTH_MAX = 1000;

    private static final String EVENT_COLUMNS = Arrays.stream(StoredEvent.COLUMNS.split(","))
            .map(c -> "e." + c.strip())
            .collect(Collectors.joining(", "));

    private static final String CLAIM = """
            WITH due AS (
                SELECT id, endpoint_id, next_attempt_at FROM webhook_deliveries
                WHERE state = 'pending' AND next_attempt_at <= :now AND endpoint_id <> ALL(:full)
                ORDER BY next_attempt_at
                LIMIT :scanRows
            ), ranked AS (
                SELECT due.id,
                       row_number() OVER (PARTITION BY due.endpoint_id ORDER BY due.next_attempt_at, due.id) AS rank,
                       :perEndpointMax - coalesce(used.n, 0) AS room
                FROM due
                LEFT JOIN unnest(CAST(:usedEndpoints AS text[]), CAST(:usedCounts AS integer[])) AS used(endpoint_id, n)
                    ON used.endpoint_id = due.endpoint_id
            ), chosen AS (
                SELECT d.id FROM webhook_deliveries d
                WHERE d.id = ANY(ARRAY(SELECT id FROM ranked WHERE rank <= room))
                  AND d.state = 'pending' AND d.next_attempt_at <= :now
                ORDER BY d.next_attempt_at
                LIMIT :rowsMax
                FOR UPDATE SKIP LOCKED
            ), claimed AS (
                UPDATE webhook_deliveries d
                SET next_attempt_at = :leaseUntil, lease_owner = :owner, attempts = d.attempts + 1
                FROM chosen WHERE d.id = chosen.id
                RETURNING d.id, d.attempts, d.endpoint_id, d.event_seq
            )
            SELECT c.id AS delivery_id, c.attempts AS delivery_attempt, c.endpoint_id AS delivery_endpoint_id,
                   c.event_seq AS delivery_event_seq, e.seq IS NOT NULL AS event_found, %s,
                   w.url AS endpoint_url, w.secret AS endpoint_secret, w.previous_secret AS endpoint_previous_secret,
                   w.previous_secret_expires_at AS endpoint_previous_secret_expires_at,
                   (w.status = 'enabled' AND w.deleted_at IS NULL) IS TRUE AS endpoint_live
            FROM claimed c
            LEFT JOIN events e ON e.seq = c.event_seq
            LEFT JOIN webhook_endpoints w ON w.id = c.endpoint_id
            ORDER BY c.id""".formatted(EVENT_COLUMNS);

    private final Jdbi jdbi;
    private final Clock clock;
    private final RetrySchedule schedule;
    private final EndpointDisabledListener listener;

    public DeliveryStore(Jdbi jdbi, Clock clock, RetrySchedule schedule, EndpointDisabledListener listener) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.schedule = schedule;
        this.listener = listener;
    }

    public RetrySchedule schedule() {
        return schedule;
    }

    /**
     * Claims up to {@code rowsMax} due deliveries for {@code owner} in one statement, oldest due
     * first, skipping rows other claimants hold, and at most {@code perEndpointMax} minus its
     * in-flight count per endpoint. Each claimed delivery's {@code attempts} rises by one and its
     * {@code next_attempt_at} moves to the end of the lease.
     *
     * @param inFlightByEndpoint deliveries this claimant already has in flight, by endpoint
     */
    public List<Claim> claim(String owner, int rowsMax, int perEndpointMax, Map<String, Integer> inFlightByEndpoint,
            Duration lease) {
        if (rowsMax < 1 || rowsMax > CLAIM_ROWS_MAX) {
            throw new IllegalArgumentException("a claim takes 1-" + CLAIM_ROWS_MAX + " rows, not " + rowsMax);
        }
        long now = clock.millis();
        List<String> full = new ArrayList<>();
        List<String> usedEndpoints = new ArrayList<>();
        List<Integer> usedCounts = new ArrayList<>();
        inFlightByEndpoint.forEach((endpoint, n) -> {
            if (n >= perEndpointMax) {
                full.add(endpoint); // left out of the scan, so its backlog does not fill it
            }
            usedEndpoints.add(endpoint);
            usedCounts.add(n);
        });
        int scanRows = Math.min(CLAIM_SCAN_ROWS_MAX, Math.max(rowsMax * 4, 256));
        return jdbi.inTransaction(h -> asynchronousCommit(h).createQuery(CLAIM)
                .bind("now", now)
                .bind("leaseUntil", now + lease.toMillis())
                .bind("owner", owner)
                .bind("rowsMax", rowsMax)
                .bind("scanRows", scanRows)
                .bind("perEndpointMax", perEndpointMax)
                .bindArray("full", String.class, full)
                .bindArray("usedEndpoints", String.class, usedEndpoints)
                .bindArray("usedCounts", Integer.class, usedCounts)
                .map((rs, ctx) -> claimOf(rs))
                .list());
    }

    private static Claim claimOf(ResultSet rs) throws SQLException {
        StoredEvent event = rs.getBoolean("event_found") ? StoredEvent.MAPPER.map(rs, null) : null;
        long expires = rs.getLong("endpoint_previous_secret_expires_at");
        Long previousExpiresAt = rs.wasNull() ? null : expires;
        return new Claim(rs.getLong("delivery_id"), rs.getInt("delivery_attempt"), rs.getString("delivery_endpoint_id"),
                rs.getLong("delivery_event_seq"), event, rs.getString("endpoint_url"), rs.getString("endpoint_secret"),
                rs.getString("endpoint_previous_secret"), previousExpiresAt, rs.getBoolean("endpoint_live"));
    }

    /**
     * Writes a batch of results in one transaction: an attempt row for every attempt made; each
     * delivery's new state, but only while {@code owner} still holds that claim (same owner, same
     * attempt, still pending); the endpoints' {@code failing_since}; and disables endpoints that
     * answered 410 or have failed for longer than the schedule's disable-after duration.
     *
     * @return how many deliveries' states were written (the others' claims had been lost)
     */
    public int finish(String owner, List<AttemptResult> results) {
        if (results.isEmpty()) {
            return 0;
        }
        if (results.size() > FINISH_BATCH_MAX) {
            throw new IllegalArgumentException("at most " + FINISH_BATCH_MAX + " results per batch, not "
                    + results.size());
        }
        return jdbi.inTransaction(h -> finish(asynchronousCommit(h), owner, results));
    }

    /**
     * Claims and results commit without waiting for the WAL flush. Losing one to a PostgreSQL crash
     * is safe: a lost claim makes the delivery due again (it is sent again, as at-least-once allows);
     * a lost result leaves the delivery claimed until its lease ends, and it is sent again. Waiting
     * for the disk here would add its flush latency to every delivery, and it buys nothing.
     */
    private static Handle asynchronousCommit(Handle h) {
        h.execute("SET LOCAL synchronous_commit TO off");
        return h;
    }

    private int finish(Handle h, String owner, List<AttemptResult> results) {
        long now = clock.millis();
        TreeSet<String> endpoints = new TreeSet<>();
        results.forEach(r -> endpoints.add(r.endpointId()));
        h.createQuery("SELECT id FROM webhook_endpoints WHERE id = ANY(:ids) ORDER BY id FOR NO KEY UPDATE")
                .bindArray("ids", String.class, List.copyOf(endpoints))
                .mapTo(String.class)
                .list();

        insertAttempts(h, results);
        int written = updateDeliveries(h, owner, results, now);

        // Per endpoint: any success in the batch means it is not failing; otherwise the first
        // failure's start is when it began failing (unless it already was).
        TreeSet<String> succeeded = new TreeSet<>();
        TreeMap<String, Long> firstFailure = new TreeMap<>();
        TreeSet<String> gone = new TreeSet<>();
        for (AttemptResult r : results) {
            switch (r.outcome()) {
                case SUCCEEDED -> succeeded.add(r.endpointId());
                case FAILED, GONE -> firstFailure.merge(r.endpointId(), r.startedAtMs(), Math::min);
                case CANCELED -> { }
            }
            if (r.outcome() == AttemptResult.Outcome.GONE) {
                gone.add(r.endpointId());
            }
        }
        firstFailure.keySet().removeAll(succeeded);
        if (!succeeded.isEmpty()) {
            h.createUpdate("UPDATE webhook_endpoints SET failing_since = NULL"
                            + " WHERE id = ANY(:ids) AND failing_since IS NOT NULL")
                    .bindArray("ids", String.class, List.copyOf(succeeded))
                    .execute();
        }
        TreeSet<String> failingTooLong = new TreeSet<>();
        if (!firstFailure.isEmpty()) {
            long failingSinceMax = now - schedule.disableAfter().toMillis();
            failingTooLong.addAll(h.createQuery("""
                            UPDATE webhook_endpoints w SET failing_since = coalesce(w.failing_since, f.since)
                            FROM unnest(CAST(:ids AS text[]), CAST(:since AS bigint[])) AS f(id, since)
                            WHERE w.id = f.id
                            RETURNING w.id, w.failing_since""")
                    .bindArray("ids", String.class, List.copyOf(firstFailure.keySet()))
                    .bindArray("since", Long.class, List.copyOf(firstFailure.values()))
                    .map((rs, ctx) -> rs.getLong("failing_since") < failingSinceMax ? rs.getString("id") : null)
                    .list().stream().filter(id -> id != null).toList());
        }
        for (String endpoint : gone) {
            disable(h, endpoint, DISABLED_GONE, now);
        }
        failingTooLong.removeAll(gone);
        for (String endpoint : failingTooLong) {
            disable(h, endpoint, DISABLED_FAILING, now);
        }
        return written;
    }

    private static void insertAttempts(Handle h, List<AttemptResult> results) {
        List<AttemptResult> attempted = results.stream().filter(AttemptResult::attempted).toList();
        if (attempted.isEmpty()) {
            return;
        }
        h.createUpdate("""
                        INSERT INTO webhook_attempts (delivery_id, attempt, endpoint_id, event_seq, started_at,
                            latency_ms, status_code, error, response_body)
                        SELECT * FROM unnest(CAST(:deliveries AS bigint[]), CAST(:attempts AS integer[]),
                            CAST(:endpoints AS text[]), CAST(:events AS bigint[]), CAST(:started AS bigint[]),
                            CAST(:latencies AS integer[]), CAST(:statuses AS integer[]), CAST(:errors AS text[]),
                            CAST(:bodies AS text[]))
                        ON CONFLICT (delivery_id, attempt) DO NOTHING""")
                .bindArray("deliveries", Long.class, attempted.stream().map(AttemptResult::deliveryId).toList())
                .bindArray("attempts", Integer.class, attempted.stream().map(AttemptResult::attempt).toList())
                .bindArray("endpoints", String.class, attempted.stream().map(AttemptResult::endpointId).toList())
                .bindArray("events", Long.class, attempted.stream().map(AttemptResult::eventSeq).toList())
                .bindArray("started", Long.class, attempted.stream().map(AttemptResult::startedAtMs).toList())
                .bindArray("latencies", Integer.class, attempted.stream().map(AttemptResult::latencyMs).toList())
                .bindArray("statuses", Integer.class, nullable(attempted, AttemptResult::statusCode))
                .bindArray("errors", String.class, nullable(attempted, r -> storable(r.error(), ERROR_LENGTH_MAX)))
                .bindArray("bodies", String.class, nullable(attempted, r -> storable(r.responseBody(), Integer.MAX_VALUE)))
                .execute();
    }

    private int updateDeliveries(Handle h, String owner, List<AttemptResult> results, long now) {
        List<Long> ids = new ArrayList<>(results.size());
        List<Integer> attempts = new ArrayList<>(results.size());
        List<String> states = new ArrayList<>(results.size());
        List<Long> nextAttempts = new ArrayList<>(results.size());
        List<Long> finished = new ArrayList<>(results.size());
        for (AttemptResult r : results) {
            ids.add(r.deliveryId());
            attempts.add(r.attempt());
            switch (r.outcome()) {
                case SUCCEEDED -> add(states, nextAttempts, finished, "succeeded", now, now);
                case CANCELED -> add(states, nextAttempts, finished, "canceled", now, now);
                case FAILED, GONE -> {
                    if (r.attempt() >= schedule.attemptsMax()) {
                        add(states, nextAttempts, finished, "failed", now, now);
                    } else {
                        add(states, nextAttempts, finished, "pending",
                                now + schedule.delayAfter(r.attempt()).toMillis(), null);
                    }
                }
            }
        }
        return h.createUpdate("""
                        UPDATE webhook_deliveries d
                        SET state = r.state, next_attempt_at = r.next_attempt_at, finished_at = r.finished_at
                        FROM unnest(CAST(:ids AS bigint[]), CAST(:attempts AS integer[]), CAST(:states AS text[]),
                            CAST(:nextAttempts AS bigint[]), CAST(:finished AS bigint[]))
                            AS r(id, attempt, state, next_attempt_at, finished_at)
                        WHERE d.id = r.id AND d.attempts = r.attempt AND d.lease_owner = :owner
                          AND d.state = 'pending'""")
                .bind("owner", owner)
                .bindArray("ids", Long.class, ids)
                .bindArray("attempts", Integer.class, attempts)
                .bindArray("states", String.class, states)
                .bindArray("nextAttempts", Long.class, nextAttempts)
                .bindArray("finished", Long.class, finished)
                .execute();
    }

    private static void add(List<String> states, List<Long> nextAttempts, List<Long> finished, String state,
            long nextAttempt, Long finishedAt) {
        states.add(state);
        nextAttempts.add(nextAttempt);
        finished.add(finishedAt);
    }

    /**
     * Disables an enabled endpoint, cancels its pending deliveries and tells the listener, in the
     * caller's transaction. False if it was already disabled or deleted.
     */
    public boolean disable(Handle h, String endpointId, String reason, long nowMs) {
        int changed = h.createUpdate("UPDATE webhook_endpoints SET status = 'disabled', disabled_reason = :reason"
                        + " WHERE id = :id AND status = 'enabled' AND deleted_at IS NULL")
                .bind("reason", reason)
                .bind("id", endpointId)
                .execute();
        if (changed == 0) {
            return false;
        }
        h.createUpdate("UPDATE webhook_deliveries SET state = 'canceled', finished_at = :now"
                        + " WHERE endpoint_id = :id AND state = 'pending'")
                .bind("now", nowMs)
                .bind("id", endpointId)
                .execute();
        listener.disabled(h, endpointId, reason);
        log.warn("Disabled webhook endpoint {} ({}); its pending deliveries are canceled", endpointId,
                reason.equals(DISABLED_GONE) ? "it answered 410 Gone" : "failing for longer than "
                        + schedule.disableAfter());
        return true;
    }

    /**
     * New pending deliveries of an event to endpoints, due now, in the caller's transaction, and a
     * notification to the dispatchers (sent when the transaction commits).
     */
    public int enqueue(Handle h, long eventSeq, List<String> endpointIds) {
        if (endpointIds.isEmpty()) {
            return 0;
        }
        long now = clock.millis();
        int inserted = h.createUpdate("""
                        INSERT INTO webhook_deliveries (event_seq, endpoint_id, state, next_attempt_at, created_at)
                        SELECT :event, e, 'pending', :now, :now FROM unnest(CAST(:endpoints AS text[])) AS e""")
                .bind("event", eventSeq)
                .bind("now", now)
                .bindArray("endpoints", String.class, endpointIds)
                .execute();
        notifyDispatchers(h);
        return inserted;
    }

    /** Wakes every dispatcher listening on {@link #CHANNEL} when the caller's transaction commits. */
    public static void notifyDispatchers(Handle h) {
        h.createQuery("SELECT pg_notify('" + CHANNEL + "', '')").mapTo(String.class).one();
    }

    private static <T> List<T> nullable(List<AttemptResult> results, java.util.function.Function<AttemptResult, T> f) {
        List<T> values = new ArrayList<>(results.size());
        results.forEach(r -> values.add(f.apply(r)));
        return values;
    }

    /** Text PostgreSQL can store (no NUL characters), at most {@code lengthMax} characters. */
    static String storable(String text, int lengthMax) {
        if (text == null) {
            return null;
        }
        String cut = text.length() > lengthMax ? text.substring(0, lengthMax) : text;
        return cut.indexOf('\0') < 0 ? cut : cut.replace('\0', '\uFFFD');
    }
}
