package dev.pinstripe.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pinstripe.accounts.AccountService;
import dev.pinstripe.api.Expansions;
import dev.pinstripe.api.Json;
import dev.pinstripe.events.StoredEvent;
import dev.pinstripe.http.ApiServer;
import dev.pinstripe.idempotency.IdempotencyService;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Pinstripe extension endpoints over real HTTP, on an API server with only these routes. */
class WebhookAttemptRoutesTest {
    final DeliveryFixture f = new DeliveryFixture();
    final Receiver receiver = new Receiver();
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    final AtomicInteger calls = new AtomicInteger();
    AccountService.NewAccount mine;
    AccountService.NewAccount theirs;
    ApiServer server;
    WebhookDispatcher dispatcher;
    StoredEvent event;
    String endpoint;
    long delivery;

    @BeforeEach
    void setUp() {
        AccountService accounts = new AccountService(f.jdbi, f.clock, false);
        mine = accounts.createAccount(AccountService.Origin.TEST, null);
        theirs = accounts.createAccount(AccountService.Origin.TEST, null);
        WebhookSettings settings = new WebhookSettings(RetrySchedule.fast(new Random(5)), Duration.ofSeconds(2), 8, 4,
                true, 4096, Duration.ofMillis(50));
        DeliveryStore store = f.store(settings.schedule());
        dispatcher = new WebhookDispatcher(store, settings, f.clock, null);
        server = new ApiServer(new ApiServer.Settings("127.0.0.1", 0, 1 << 20), accounts,
                new IdempotencyService(f.jdbi, f.clock, Duration.ofSeconds(60)), new Expansions(), ApiServer.Observer.NONE,
                new dev.pinstripe.ratelimit.Limiters(dev.pinstripe.ratelimit.LimitSettings.off(), f.clock));
        new WebhookAttemptRoutes(store).register(server);
        server.start();

        // Three attempts: 500, 500, then 200.
        receiver.on("/hook", (exchange, body) -> Receiver.respond(exchange, calls.incrementAndGet() <= 2 ? 500 : 200,
                "call " + calls.get()));
        endpoint = f.endpoint(mine.accountId(), receiver.url("/hook"), "whsec_test", null, null);
        event = f.event(mine.accountId(), "customer.created");
        delivery = f.delivery(event, endpoint);
        for (int i = 0; i < 3; i++) {
            f.clock.advance(Duration.ofMillis(Math.max(0, f.delivery(delivery).nextAttemptAt() - f.clock.millis())));
            dispatcher.runOnce();
        }
    }

    @AfterEach
    void tearDown() {
        http.close(); // closes its keep-alive connections, so the server stops at once
        server.stop();
        dispatcher.close();
        receiver.close();
        f.close();
    }

    @Test
    void anEventsAttemptsAreListedNewestFirst() throws Exception {
        JsonNode list = get(mine, "/pinstripe/v1/events/" + event.id() + "/attempts");

        assertThat(list.path("object").asText()).isEqualTo("list");
        assertThat(list.path("url").asText()).isEqualTo("/pinstripe/v1/events/" + event.id() + "/attempts");
        assertThat(list.path("has_more").asBoolean()).isFalse();
        assertThat(list.path("data")).extracting(a -> a.path("attempt").asInt()).containsExactly(3, 2, 1);
        assertThat(list.path("data")).extracting(a -> a.path("status_code").asInt()).containsExactly(200, 500, 500);
        JsonNode newest = list.path("data").get(0);
        assertThat(newest.path("id").asText()).startsWith("whatt_");
        assertThat(newest.path("object").asText()).isEqualTo("pinstripe.webhook_attempt");
        assertThat(newest.path("event").asText()).isEqualTo(event.id());
        assertThat(newest.path("webhook_endpoint").asText()).isEqualTo(endpoint);
        assertThat(newest.path("response_body").asText()).isEqualTo("call 3");
        assertThat(newest.path("error").isNull()).isTrue();
        assertThat(newest.path("livemode").asBoolean()).isFalse();
        assertThat(newest.path("started_at_ms").asLong()).isEqualTo(f.clock.millis());
        assertThat(newest.path("started_at").asLong()).isEqualTo(f.clock.millis() / 1000);
        assertThat(newest.has("latency_ms")).isTrue();
    }

    @Test
    void attemptsArePaginatedWithLimitAndCursors() throws Exception {
        String base = "/pinstripe/v1/webhook_endpoints/" + endpoint + "/attempts";
        JsonNode first = get(mine, base + "?limit=2");
        assertThat(first.path("data")).extracting(a -> a.path("attempt").asInt()).containsExactly(3, 2);
        assertThat(first.path("has_more").asBoolean()).isTrue();

        String last = first.path("data").get(1).path("id").asText();
        JsonNode second = get(mine, base + "?limit=2&starting_after=" + last);
        assertThat(second.path("data")).extracting(a -> a.path("attempt").asInt()).containsExactly(1);
        assertThat(second.path("has_more").asBoolean()).isFalse();
        assertThat(second.path("data").get(0).path("event").asText()).isEqualTo(event.id());

        String oldest = second.path("data").get(0).path("id").asText();
        JsonNode back = get(mine, base + "?limit=1&ending_before=" + oldest);
        assertThat(back.path("data")).extracting(a -> a.path("attempt").asInt()).containsExactly(2);
        assertThat(back.path("has_more").asBoolean()).isTrue();
    }

    @Test
    void anotherAccountsObjectsAreMissing() throws Exception {
        HttpResponse<String> event = send(theirs, "GET", "/pinstripe/v1/events/" + this.event.id() + "/attempts", null);
        HttpResponse<String> endpoint = send(theirs, "GET", "/pinstripe/v1/webhook_endpoints/" + this.endpoint
                + "/attempts", null);
        HttpResponse<String> resend = send(theirs, "POST", "/pinstripe/v1/events/" + this.event.id() + "/resend", "");

        for (HttpResponse<String> r : List.of(event, endpoint, resend)) {
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(Json.parse(r.body()).path("error").path("code").asText()).isEqualTo("resource_missing");
        }
    }

    @Test
    void badListParametersAreRejected() throws Exception {
        String base = "/pinstripe/v1/events/" + event.id() + "/attempts";
        assertThat(send(mine, "GET", base + "?limit=101", null).statusCode()).isEqualTo(400);
        assertThat(send(mine, "GET", base + "?colour=blue", null).body()).contains("parameter_unknown");
        HttpResponse<String> badCursor = send(mine, "GET", base + "?starting_after=whatt_999999", null);
        assertThat(badCursor.statusCode()).isEqualTo(404);
        assertThat(badCursor.body()).contains("starting_after");
    }

    @Test
    void resendQueuesANewDeliveryDueNow() throws Exception {
        String other = f.endpoint(mine.accountId(), receiver.url("/hook"), "whsec_other", null, null);

        JsonNode resent = post(mine, "/pinstripe/v1/events/" + event.id() + "/resend", "webhook_endpoint=" + endpoint);
        assertThat(resent.path("object").asText()).isEqualTo("pinstripe.event_resend");
        assertThat(resent.path("deliveries").asInt()).isEqualTo(1);
        assertThat(dispatcher.runOnce()).isEqualTo(1);
        assertThat(calls.get()).isEqualTo(4);

        JsonNode toAll = post(mine, "/pinstripe/v1/events/" + event.id() + "/resend", "");
        assertThat(toAll.path("webhook_endpoints")).extracting(JsonNode::asText).containsExactly(endpoint, other);
        assertThat(dispatcher.runOnce()).isEqualTo(2);
        assertThat(get(mine, "/pinstripe/v1/events/" + event.id() + "/attempts").path("data")).hasSize(6);
    }

    @Test
    void resendToADisabledOrUnknownEndpointIsRefused() throws Exception {
        f.sql("UPDATE webhook_endpoints SET status = 'disabled' WHERE id = '" + endpoint + "'");
        String theirEndpoint = f.endpoint(theirs.accountId(), receiver.url("/hook"), "whsec_x", null, null);
        String path = "/pinstripe/v1/events/" + event.id() + "/resend";

        HttpResponse<String> disabled = send(mine, "POST", path, "webhook_endpoint=" + endpoint);
        HttpResponse<String> foreign = send(mine, "POST", path, "webhook_endpoint=" + theirEndpoint);

        assertThat(disabled.statusCode()).isEqualTo(400);
        assertThat(Json.parse(disabled.body()).path("error").path("param").asText()).isEqualTo("webhook_endpoint");
        assertThat(foreign.statusCode()).isEqualTo(404);
        assertThat(dispatcher.runOnce()).isZero();
    }

    JsonNode get(AccountService.NewAccount account, String path) throws Exception {
        HttpResponse<String> r = send(account, "GET", path, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Json.parse(r.body());
    }

    JsonNode post(AccountService.NewAccount account, String path, String form) throws Exception {
        HttpResponse<String> r = send(account, "POST", path, form);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Json.parse(r.body());
    }

    HttpResponse<String> send(AccountService.NewAccount account, String method, String path, String form)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Authorization", "Bearer " + account.secretKey());
        if (form == null) {
            b.GET();
        } else {
            b.header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
