package dev.pinstripe.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.net.Webhook;
import dev.pinstripe.events.EventJson;
import dev.pinstripe.events.StoredEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The delivery engine against a real database and a real HTTP receiver, one synchronous round at a
 * time ({@link WebhookDispatcher#runOnce()}), with the clock moved by hand between rounds.
 */
class WebhookDeliveryTest {
    static final Duration TIMEOUT = Duration.ofSeconds(2);

    final DeliveryFixture f = new DeliveryFixture();
    final Receiver receiver = new Receiver();
    RetrySchedule schedule = RetrySchedule.fast(new Random(7));
    DeliveryStore store;
    WebhookDispatcher dispatcher;

    WebhookDispatcher dispatcher(WebhookSettings settings) {
        store = f.store(settings.schedule());
        dispatcher = new WebhookDispatcher(store, settings, f.clock, null);
        return dispatcher;
    }

    WebhookDispatcher dispatcher() {
        return dispatcher(settings(TIMEOUT, true, 4096));
    }

    WebhookSettings settings(Duration timeout, boolean allowPrivateTargets, int responseBodyMax) {
        return new WebhookSettings(schedule, timeout, 16, 8, allowPrivateTargets, responseBodyMax,
                Duration.ofMillis(50));
    }

    @AfterEach
    void tearDown() {
        if (dispatcher != null) {
            dispatcher.close();
        }
        receiver.close();
        f.close();
    }

    /** Moves the clock to when the delivery is next due. */
    void advanceTo(long epochMillis) {
        f.clock.advance(Duration.ofMillis(Math.max(0, epochMillis - f.clock.millis())));
    }

    @Test
    void aDeliveryIsAPostOfTheEventSignedWithBothSecretsDuringARoll() throws Exception {
        receiver.on("/hook", Receiver.status(200));
        String previous = "whsec_previous0123456789";
        long rollEnds = f.clock.instant().getEpochSecond() + 3600;
        String endpoint = f.endpoint(receiver.url("/hook"), "whsec_current0123456789", previous, rollEnds);
        StoredEvent event = f.event();
        long delivery = f.delivery(event, endpoint);

        assertThat(dispatcher().runOnce()).isEqualTo(1);

        Receiver.Request r = receiver.requests().getFirst();
        assertThat(r.body()).isEqualTo(EventJson.payload(event, event.endpoints()));
        assertThat(r.headers().getFirst("Content-Type")).isEqualTo("application/json; charset=utf-8");
        assertThat(r.headers().getFirst("User-Agent")).isEqualTo("Stripe/1.0 (+https://stripe.com/docs/webhooks)");
        String signature = r.headers().getFirst("Stripe-Signature");
        assertThat(signature).startsWith("t=" + f.clock.instant().getEpochSecond() + ",v1=");
        assertThat(Webhook.constructEvent(r.body(), signature, "whsec_current0123456789", 300, f.clock).getId())
                .isEqualTo(event.id());
        assertThat(Webhook.constructEvent(r.body(), signature, previous, 300, f.clock).getId()).isEqualTo(event.id());
        assertThatThrownBy(() -> Webhook.constructEvent(r.body(), signature, "whsec_other", 300, f.clock))
                .isInstanceOf(SignatureVerificationException.class);
        assertThat(f.delivery(delivery).state()).isEqualTo("succeeded");
        assertThat(f.delivery(delivery).finishedAt()).isEqualTo(f.clock.millis());
        assertThat(f.attempts(delivery)).singleElement()
                .satisfies(a -> {
                    assertThat(a.attempt()).isEqualTo(1);
                    assertThat(a.statusCode()).isEqualTo(200);
                    assertThat(a.error()).isNull();
                    assertThat(a.startedAt()).isEqualTo(f.clock.millis());
                });
        assertThat(dispatcher.runOnce()).isZero();
    }

    @Test
    void aReceiverFailingThreeTimesGetsTheEventOnTheFourthAttempt() {
        AtomicInteger calls = new AtomicInteger();
        receiver.on("/hook", (exchange, body) -> Receiver.respond(exchange, calls.incrementAndGet() <= 3 ? 500 : 200,
                "call " + calls.get()));
        String endpoint = f.endpoint(receiver.url("/hook"));
        long delivery = f.delivery(f.event(), endpoint);
        dispatcher();

        long firstAttemptAt = f.clock.millis();
        for (int attempt = 1; attempt <= 3; attempt++) {
            long before = f.clock.millis();
            assertThat(dispatcher.runOnce()).isEqualTo(1);
            DeliveryFixture.Delivery d = f.delivery(delivery);
            assertThat(d.state()).isEqualTo("pending");
            assertThat(d.attempts()).isEqualTo(attempt);
            long nominal = schedule.nominalDelayAfter(attempt).toMillis();
            assertThat(d.nextAttemptAt() - before).isBetween((long) (nominal * 0.85), (long) (nominal * 1.15) + 1);
            assertThat(f.endpointRow(endpoint).get("failing_since")).isEqualTo(firstAttemptAt);
            assertThat(dispatcher.runOnce()).as("not due before its delay").isZero();
            advanceTo(d.nextAttemptAt());
        }
        assertThat(dispatcher.runOnce()).isEqualTo(1);

        assertThat(f.delivery(delivery).state()).isEqualTo("succeeded");
        assertThat(f.attempts(delivery)).extracting(DeliveryFixture.Attempt::statusCode)
                .containsExactly(500, 500, 500, 200);
        assertThat(f.attempts(delivery)).extracting(DeliveryFixture.Attempt::responseBody)
                .containsExactly("call 1", "call 2", "call 3", "call 4");
        assertThat(f.endpointRow(endpoint).get("failing_since")).as("a success clears it").isNull();
        assertThat(receiver.requests("/hook")).hasSize(4);
    }

    @Test
    void anAttemptThatTimesOutIsRetried() {
        AtomicInteger calls = new AtomicInteger();
        receiver.on("/hook", (exchange, body) -> {
            if (calls.incrementAndGet() == 1) {
                awaitQuietly(receiver); // never answers; released when the test ends
            }
            Receiver.respond(exchange, 204, "");
        });
        long delivery = f.delivery(f.event(), f.endpoint(receiver.url("/hook")));
        dispatcher(settings(Duration.ofMillis(300), true, 4096));

        assertThat(dispatcher.runOnce()).isEqualTo(1);
        DeliveryFixture.Attempt timedOut = f.attempts(delivery).getFirst();
        assertThat(timedOut.statusCode()).isNull();
        assertThat(timedOut.error()).isEqualTo("timed out after 300 ms");
        assertThat(timedOut.latencyMs()).isBetween(300, 2000);
        assertThat(f.delivery(delivery).state()).isEqualTo("pending");

        advanceTo(f.delivery(delivery).nextAttemptAt());
        assertThat(dispatcher.runOnce()).isEqualTo(1);
        assertThat(f.delivery(delivery).state()).isEqualTo("succeeded");
        assertThat(f.attempts(delivery)).extracting(DeliveryFixture.Attempt::statusCode).containsExactly(null, 204);
    }

    @Test
    void aRedirectIsNotFollowedAndCountsAsAFailure() {
        receiver.on("/hook", (exchange, body) -> {
            exchange.getResponseHeaders().add("Location", receiver.url("/elsewhere"));
            Receiver.respond(exchange, 302, "");
        });
        receiver.on("/elsewhere", Receiver.status(200));
        long delivery = f.delivery(f.event(), f.endpoint(receiver.url("/hook")));

        assertThat(dispatcher().runOnce()).isEqualTo(1);

        assertThat(receiver.requests("/elsewhere")).isEmpty();
        assertThat(f.attempts(delivery)).singleElement().extracting(DeliveryFixture.Attempt::statusCode).isEqualTo(302);
        assertThat(f.delivery(delivery).state()).isEqualTo("pending");
        assertThat(f.delivery(delivery).nextAttemptAt()).isGreaterThan(f.clock.millis());
    }

    @Test
    void several410sInOneBatchDisableTheEndpointOnceAndLeaveOtherEndpointsAlone() {
        receiver.on("/gone", Receiver.status(410));
        receiver.on("/alive", Receiver.status(200));
        String gone = f.endpoint(receiver.url("/gone"));
        String alive = f.endpoint(receiver.url("/alive"));
        long first = f.delivery(f.event(), gone);
        dispatcher();
        assertThat(dispatcher.runOnce()).isEqualTo(1);
        assertThat(f.endpointRow(gone)).containsEntry("status", "disabled");
        // Enabled again (as the API can), with three deliveries due and one to another endpoint.
        f.clock.advance(Duration.ofMinutes(1));
        List<Long> later = f.deliveries(f.event(), gone, 3);
        long other = f.delivery(f.event(), alive);
        f.sql("UPDATE webhook_endpoints SET status = 'enabled' WHERE id = '" + gone + "'");
        f.disabled.clear();

        assertThat(dispatcher.runOnce()).isEqualTo(4);

        assertThat(f.endpointRow(gone)).containsEntry("status", "disabled").containsEntry("disabled_reason", "gone");
        assertThat(f.disabled).containsExactly(new DeliveryFixture.Disabled(gone, "gone", true));
        assertThat(later).allSatisfy(id -> assertThat(f.delivery(id).state()).isEqualTo("canceled"));
        assertThat(f.delivery(first).state()).isEqualTo("canceled");
        assertThat(f.delivery(other).state()).isEqualTo("succeeded");
        assertThat(f.endpointRow(alive)).containsEntry("status", "enabled");
    }

    @Test
    void aFirst410DisablesTheEndpointWithoutFurtherAttempts() {
        receiver.on("/gone", Receiver.status(410));
        String gone = f.endpoint(receiver.url("/gone"));
        long delivery = f.delivery(f.event(), gone);
        long queued = f.deliveries(f.event(), gone, 1).getFirst();
        f.sql("UPDATE webhook_deliveries SET next_attempt_at = next_attempt_at + 60000 WHERE id = " + queued);

        assertThat(dispatcher().runOnce()).isEqualTo(1);

        assertThat(f.endpointRow(gone)).containsEntry("status", "disabled").containsEntry("disabled_reason", "gone");
        assertThat(f.disabled).containsExactly(new DeliveryFixture.Disabled(gone, "gone", true));
        assertThat(f.delivery(delivery).state()).isEqualTo("canceled");
        assertThat(f.delivery(queued).state()).isEqualTo("canceled");
        f.clock.advance(Duration.ofHours(1));
        assertThat(dispatcher.runOnce()).isZero();
        assertThat(receiver.requests()).hasSize(1);
    }

    @Test
    void anEndpointFailingForLongerThanDisableAfterIsDisabledAtItsNextFailure() {
        receiver.on("/hook", Receiver.status(503));
        String endpoint = f.endpoint(receiver.url("/hook"));
        long delivery = f.delivery(f.event(), endpoint);
        Duration disableAfter = schedule.disableAfter();
        dispatcher();

        assertThat(dispatcher.runOnce()).isEqualTo(1);
        long failingSince = f.clock.millis();
        // Just under disable-after: another failure, still enabled.
        f.clock.advance(disableAfter.minusSeconds(1));
        assertThat(dispatcher.runOnce()).isEqualTo(1);
        assertThat(f.endpointRow(endpoint)).containsEntry("status", "enabled").containsEntry("failing_since",
                failingSince);
        assertThat(f.disabled).isEmpty();

        f.clock.advance(Duration.ofSeconds(2));
        assertThat(dispatcher.runOnce()).isEqualTo(1);

        assertThat(f.endpointRow(endpoint)).containsEntry("status", "disabled")
                .containsEntry("disabled_reason", "failing");
        assertThat(f.disabled).containsExactly(new DeliveryFixture.Disabled(endpoint, "failing", true));
        assertThat(f.delivery(delivery).state()).isEqualTo("canceled");
        assertThat(f.attempts(delivery)).hasSize(3);
    }

    @Test
    void aDeliveryFailsAfterTheLastAttempt() {
        schedule = RetrySchedule.fast(new Random(3)).withDisableAfter(Duration.ofDays(30));
        receiver.on("/hook", Receiver.status(500));
        String endpoint = f.endpoint(receiver.url("/hook"));
        long delivery = f.delivery(f.event(), endpoint);
        dispatcher();

        for (int attempt = 1; attempt <= schedule.attemptsMax(); attempt++) {
            advanceTo(f.delivery(delivery).nextAttemptAt());
            assertThat(dispatcher.runOnce()).as("attempt %d", attempt).isEqualTo(1);
        }

        DeliveryFixture.Delivery d = f.delivery(delivery);
        assertThat(d.state()).isEqualTo("failed");
        assertThat(d.attempts()).isEqualTo(18);
        assertThat(d.finishedAt()).isEqualTo(f.clock.millis());
        assertThat(f.attempts(delivery)).extracting(DeliveryFixture.Attempt::attempt)
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 18).boxed().toList());
        f.clock.advance(Duration.ofDays(1));
        assertThat(dispatcher.runOnce()).isZero();
        assertThat(f.endpointRow(endpoint)).containsEntry("status", "enabled");
    }

    @Test
    void aFinishWhoseLeaseRanOutDoesNotOverwriteTheNewClaim() {
        String endpoint = f.endpoint("http://127.0.0.1:9/unused");
        long delivery = f.delivery(f.event(), endpoint);
        DeliveryStore store = f.store(schedule);
        Duration lease = Duration.ofSeconds(30);

        Claim stale = store.claim("owner-a", 10, 8, Map.of(), lease).getFirst();
        assertThat(store.claim("owner-b", 10, 8, Map.of(), lease)).as("leased").isEmpty();
        f.clock.advance(lease.plusMillis(1));
        Claim current = store.claim("owner-b", 10, 8, Map.of(), lease).getFirst();
        assertThat(current.attempt()).isEqualTo(2);

        long now = f.clock.millis();
        assertThat(store.finish("owner-a", List.of(AttemptResult.response(stale, now, 5, 200, "late")))).isZero();
        assertThat(f.delivery(delivery).state()).isEqualTo("pending");
        assertThat(f.delivery(delivery).leaseOwner()).isEqualTo("owner-b");
        // Same owner, older attempt: also fenced.
        assertThat(store.finish("owner-b", List.of(AttemptResult.response(stale, now, 5, 200, "late")))).isZero();
        assertThat(f.delivery(delivery).state()).isEqualTo("pending");
        // Current attempt number, another owner: also fenced.
        assertThat(store.finish("owner-a", List.of(AttemptResult.canceled(current, now)))).isZero();
        assertThat(f.delivery(delivery).state()).isEqualTo("pending");

        assertThat(store.finish("owner-b", List.of(AttemptResult.response(current, now, 5, 500, "")))).isEqualTo(1);
        assertThat(f.delivery(delivery).state()).isEqualTo("pending");
        assertThat(f.delivery(delivery).nextAttemptAt()).isGreaterThan(now);
        // Both attempts reached the receiver, so both are recorded.
        assertThat(f.attempts(delivery)).extracting(DeliveryFixture.Attempt::attempt).containsExactly(1, 2);
        assertThat(f.attempts(delivery)).extracting(DeliveryFixture.Attempt::statusCode).containsExactly(200, 500);
    }

    @Test
    void aClaimTakesAtMostTheRoomLeftPerEndpointAndSkipsFullEndpoints() {
        String a = f.endpoint("http://127.0.0.1:9/a");
        String b = f.endpoint("http://127.0.0.1:9/b");
        String c = f.endpoint("http://127.0.0.1:9/c");
        StoredEvent event = f.event();
        f.deliveries(event, a, 10);
        f.deliveries(event, b, 10);
        f.deliveries(event, c, 10);
        DeliveryStore store = f.store(schedule);

        List<Claim> claims = store.claim("owner", 100, 4, Map.of(a, 1, b, 4), Duration.ofSeconds(30));

        assertThat(claims).filteredOn(x -> x.endpointId().equals(a)).hasSize(3);
        assertThat(claims).filteredOn(x -> x.endpointId().equals(b)).isEmpty();
        assertThat(claims).filteredOn(x -> x.endpointId().equals(c)).hasSize(4);
        assertThat(store.claim("owner", 2, 4, Map.of(), Duration.ofSeconds(30))).hasSize(2);
    }

    @Test
    void theResponseBodyIsStoredCappedAndTheRestIsNeverRead() throws Exception {
        CountDownLatch hungUp = new CountDownLatch(1);
        receiver.on("/big", (exchange, body) -> Receiver.respond(exchange, 200, "é" + "x".repeat(10_000)));
        receiver.on("/endless", (exchange, body) -> {
            exchange.sendResponseHeaders(200, 0); // chunked, and it never ends
            byte[] chunk = "y".repeat(1024).getBytes();
            try (OutputStream out = exchange.getResponseBody()) {
                while (receiver.closing.getCount() > 0) {
                    out.write(chunk);
                    out.flush();
                }
            } catch (IOException e) {
                hungUp.countDown(); // the sender stopped reading and closed the connection
            }
        });
        long big = f.delivery(f.event(), f.endpoint(receiver.url("/big")));
        long endless = f.delivery(f.event(), f.endpoint(receiver.url("/endless")));
        dispatcher(settings(TIMEOUT, true, 100));

        assertThat(dispatcher.runOnce()).isEqualTo(2);

        assertThat(f.attempts(big).getFirst().responseBody()).isEqualTo("é" + "x".repeat(98)); // 100 bytes
        DeliveryFixture.Attempt stopped = f.attempts(endless).getFirst();
        assertThat(stopped.statusCode()).isEqualTo(200);
        assertThat(stopped.responseBody()).isEqualTo("y".repeat(100));
        assertThat(f.delivery(endless).state()).as("did not wait for the 2 s timeout").isEqualTo("succeeded");
        assertThat(hungUp.await(5, TimeUnit.SECONDS)).as("the sender closed the connection").isTrue();
    }

    @Test
    void aPrivateTargetIsRefusedWhenNotAllowedAndRetriedLikeAnyFailure() {
        receiver.on("/hook", Receiver.status(200));
        long delivery = f.delivery(f.event(), f.endpoint(receiver.url("/hook")));
        dispatcher(settings(TIMEOUT, false, 4096));

        assertThat(dispatcher.runOnce()).isEqualTo(1);

        assertThat(receiver.requests()).isEmpty();
        DeliveryFixture.Attempt refused = f.attempts(delivery).getFirst();
        assertThat(refused.statusCode()).isNull();
        assertThat(refused.error()).startsWith("target address not allowed");
        assertThat(f.delivery(delivery).state()).isEqualTo("pending");
        assertThat(f.delivery(delivery).nextAttemptAt()).isGreaterThan(f.clock.millis());
    }

    @Test
    void deliveriesToDeletedOrDisabledEndpointsAreCanceledNotSent() {
        receiver.on("/hook", Receiver.status(200));
        String deleted = f.endpoint(receiver.url("/hook"));
        String disabled = f.endpoint(receiver.url("/hook"));
        long toDeleted = f.delivery(f.event(), deleted);
        long toDisabled = f.delivery(f.event(), disabled);
        f.sql("UPDATE webhook_endpoints SET deleted_at = 1 WHERE id = '" + deleted + "'");
        f.sql("UPDATE webhook_endpoints SET status = 'disabled' WHERE id = '" + disabled + "'");

        assertThat(dispatcher().runOnce()).isEqualTo(2);

        assertThat(receiver.requests()).isEmpty();
        assertThat(f.delivery(toDeleted).state()).isEqualTo("canceled");
        assertThat(f.delivery(toDisabled).state()).isEqualTo("canceled");
        assertThat(f.attempts(toDeleted)).isEmpty();
        assertThat(f.disabled).isEmpty();
    }

    @Test
    void aRefusedConnectionIsAFailureWithAnError() {
        long delivery = f.delivery(f.event(), f.endpoint("http://127.0.0.1:9/closed-port"));

        assertThat(dispatcher().runOnce()).isEqualTo(1);

        assertThat(f.attempts(delivery).getFirst().error()).isEqualTo("connection refused");
        assertThat(f.delivery(delivery).state()).isEqualTo("pending");
    }

    static void awaitQuietly(Receiver receiver) {
        try {
            receiver.closing.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
