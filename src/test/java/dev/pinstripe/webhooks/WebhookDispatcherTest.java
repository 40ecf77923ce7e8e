package dev.pinstripe.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pinstripe.events.StoredEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The dispatcher running on its own threads: notifications, concurrency limits, several processes. */
class WebhookDispatcherTest {
    static final Duration WAIT = Duration.ofSeconds(10);

    final DeliveryFixture f = new DeliveryFixture();
    final Receiver receiver = new Receiver();
    final List<WebhookDispatcher> dispatchers = new ArrayList<>();

    WebhookDispatcher start(int concurrencyMax, int perEndpointMax, Duration pollInterval, boolean listen) {
        WebhookSettings settings = new WebhookSettings(RetrySchedule.fast(new Random(11)), Duration.ofSeconds(10),
                concurrencyMax, perEndpointMax, true, 4096, pollInterval);
        WebhookDispatcher d = new WebhookDispatcher(f.store(settings.schedule()), settings, f.clock,
                listen ? f.database.url() : null);
        dispatchers.add(d);
        d.start();
        return d;
    }

    @AfterEach
    void tearDown() {
        receiver.close(); // first: releases handlers that block
        dispatchers.forEach(WebhookDispatcher::close);
        f.close();
    }

    @Test
    void twoDispatchersNeverClaimTheSameDeliveryTwiceAndDeliverEverything() throws Exception {
        int perEndpoint = 500;
        int endpoints = 4;
        int total = perEndpoint * endpoints;
        Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
        CountDownLatch all = new CountDownLatch(total);
        receiver.on("/hook", (exchange, body) -> {
            String eventId = body.substring(7, body.indexOf('"', 7)); // {"id":"evt_..."
            if (received.computeIfAbsent(eventId, k -> new AtomicInteger()).incrementAndGet() == 1) {
                all.countDown();
            }
            Receiver.respond(exchange, 200, "");
        });
        for (int i = 0; i < endpoints; i++) {
            f.bulkEventsWithDeliveries(f.endpoint(receiver.url("/hook")), perEndpoint);
        }

        long start = System.nanoTime();
        WebhookDispatcher one = start(64, 16, Duration.ofMillis(50), false);
        WebhookDispatcher two = start(64, 16, Duration.ofMillis(50), false);
        assertThat(all.await(30, TimeUnit.SECONDS)).as("all delivered").isTrue();
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        one.close();
        two.close();
        System.out.printf("webhooks: %d deliveries by two dispatchers in %d ms (%.0f/s)%n", total, elapsedMs,
                total * 1000.0 / Math.max(1, elapsedMs));

        assertThat(received).hasSize(total);
        assertThat(received.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
        f.jdbi.useHandle(h -> {
            assertThat(h.createQuery("SELECT count(*) FROM webhook_deliveries WHERE state = 'succeeded'"
                    + " AND attempts = 1").mapTo(Integer.class).one()).isEqualTo(total);
            assertThat(h.createQuery("SELECT count(*) FROM webhook_attempts").mapTo(Integer.class).one())
                    .isEqualTo(total);
            assertThat(h.createQuery("SELECT DISTINCT lease_owner FROM webhook_deliveries").mapTo(String.class).list())
                    .containsExactlyInAnyOrder(one.owner(), two.owner());
        });
    }

    @Test
    void aSlowEndpointAtItsLimitDoesNotHoldUpOtherEndpoints() {
        CountDownLatch releaseSlow = new CountDownLatch(1);
        AtomicInteger slowNow = new AtomicInteger();
        AtomicInteger slowMax = new AtomicInteger();
        receiver.on("/slow", (exchange, body) -> {
            slowMax.accumulateAndGet(slowNow.incrementAndGet(), Math::max);
            try {
                releaseSlow.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            slowNow.decrementAndGet();
            Receiver.respond(exchange, 200, "");
        });
        receiver.on("/fast", Receiver.status(200));
        String slow = f.endpoint(receiver.url("/slow"));
        String fast = f.endpoint(receiver.url("/fast"));
        StoredEvent event = f.event();
        List<Long> slowDeliveries = f.deliveries(event, slow, 6);
        List<Long> fastDeliveries = f.deliveries(event, fast, 6);

        WebhookDispatcher d = start(8, 2, Duration.ofMillis(20), false);

        await().atMost(WAIT).until(() -> fastDeliveries.stream()
                .allMatch(id -> f.delivery(id).state().equals("succeeded")));
        assertThat(receiver.requests("/slow").size()).isLessThanOrEqualTo(2);
        assertThat(slowDeliveries).allSatisfy(id -> assertThat(f.delivery(id).state()).isEqualTo("pending"));
        assertThat(d.inFlight()).isEqualTo(2);

        releaseSlow.countDown();
        await().atMost(WAIT).until(() -> slowDeliveries.stream()
                .allMatch(id -> f.delivery(id).state().equals("succeeded")));
        assertThat(slowMax.get()).isEqualTo(2);
        assertThat(receiver.requests("/slow")).hasSize(6);
    }

    @Test
    void anUnexpectedErrorInOneDeliveryIsRecordedAndTheOthersGoOn() {
        receiver.on("/hook", Receiver.status(200));
        // An empty signing secret makes the HMAC key invalid: an exception inside the attempt.
        String broken = f.endpoint(receiver.url("/hook"), "", null, null);
        long bad = f.delivery(f.event(), broken);
        List<Long> good = f.eventsWithDeliveries(f.endpoint(receiver.url("/hook")), 3);

        start(8, 4, Duration.ofMillis(20), false);

        await().atMost(WAIT).until(() -> good.stream().allMatch(id -> f.delivery(id).state().equals("succeeded"))
                && !f.attempts(bad).isEmpty());
        assertThat(f.attempts(bad).getFirst().error()).isEqualTo("internal error: IllegalArgumentException");
        assertThat(f.delivery(bad).state()).isEqualTo("pending");
    }

    @Test
    void aNotificationStartsTheDeliveryWithoutWaitingForThePoll() throws Exception {
        BlockingQueue<Long> receivedAt = new ArrayBlockingQueue<>(100);
        receiver.on("/hook", (exchange, body) -> {
            receivedAt.add(System.nanoTime());
            Receiver.respond(exchange, 200, "");
        });
        String endpoint = f.endpoint(receiver.url("/hook"));
        // Polling once a minute: only the notification can explain a prompt delivery.
        start(8, 4, Duration.ofMinutes(1), true);
        await().atMost(WAIT).until(() -> listenerPid() != null);

        List<Long> latenciesMs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            long committed = insertAndNotify(endpoint);
            Long at = receivedAt.poll(5, TimeUnit.SECONDS);
            assertThat(at).as("delivery %d arrived", i).isNotNull();
            latenciesMs.add((at - committed) / 1_000_000);
        }
        System.out.println("webhooks: commit-to-receipt latencies (ms) " + latenciesMs);
        assertThat(latenciesMs).allSatisfy(ms -> assertThat(ms).isLessThan(5_000));
    }

    @Test
    void theListenerReconnectsWhenItsConnectionIsKilled() throws Exception {
        BlockingQueue<String> received = new ArrayBlockingQueue<>(10);
        receiver.on("/hook", (exchange, body) -> {
            received.add(body);
            Receiver.respond(exchange, 200, "");
        });
        String endpoint = f.endpoint(receiver.url("/hook"));
        start(8, 4, Duration.ofMinutes(1), true);
        await().atMost(WAIT).until(() -> listenerPid() != null);
        Integer first = listenerPid();

        f.sql("SELECT pg_terminate_backend(" + first + ")");
        await().atMost(WAIT).until(() -> listenerPid() != null && !listenerPid().equals(first));

        insertAndNotify(endpoint);
        assertThat(received.poll(5, TimeUnit.SECONDS)).as("delivered after reconnecting").isNotNull();
    }

    /** The backend PID of the dispatcher's LISTEN connection, once it is listening. */
    Integer listenerPid() {
        return f.jdbi.withHandle(h -> h.createQuery("""
                        SELECT pid FROM pg_stat_activity
                        WHERE datname = current_database() AND application_name = 'pinstripe-webhook-listener'
                          AND query LIKE 'LISTEN%'""")
                .mapTo(Integer.class).findOne().orElse(null));
    }

    /** An event and its delivery, committed with a notification as the event log does; returns the commit time. */
    long insertAndNotify(String endpoint) {
        return f.jdbi.inTransaction(h -> {
            StoredEvent event = h.createQuery("INSERT INTO events (id, account_id, livemode, created, type, object_id,"
                            + " api_version, endpoints, data) VALUES ('evt_' || md5(random()::text), :account, false, 0,"
                            + " 'customer.created', 'cus_x', '2026-10-28.endive', 1, '{\"object\":{}}') RETURNING "
                            + StoredEvent.COLUMNS)
                    .bind("account", DeliveryFixture.ACCOUNT).map(StoredEvent.MAPPER).one();
            h.createUpdate("INSERT INTO webhook_deliveries (event_seq, endpoint_id, state, next_attempt_at, created_at)"
                            + " VALUES (:seq, :endpoint, 'pending', :now, :now)")
                    .bind("seq", event.seq()).bind("endpoint", endpoint).bind("now", f.clock.millis()).execute();
            DeliveryStore.notifyDispatchers(h);
            return null;
        }) == null ? System.nanoTime() : 0;
    }
}
