package dev.pinstripe.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.stripe.StripeClient;
import com.stripe.model.Customer;
import com.stripe.model.Event;
import com.stripe.model.WebhookEndpoint;
import com.stripe.net.Webhook;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.EventListParams;
import com.stripe.param.WebhookEndpointCreateParams;
import dev.pinstripe.api.Json;
import dev.pinstripe.app.Pinstripe;
import dev.pinstripe.app.Settings;
import dev.pinstripe.testing.ManualClock;
import dev.pinstripe.testing.TestDatabases;
import dev.pinstripe.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Webhooks through the whole server: the API records, the dispatcher delivers, the SDK verifies. */
class WebhooksEndToEndTest {
    private static final Pattern EVENT_ID = Pattern.compile("^\\{\"id\":\"(evt_[A-Za-z0-9]+)\"");
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static WebhookEndpoint endpoint(StripeClient stripe, String url,
            WebhookEndpointCreateParams.EnabledEvent type) throws Exception {
        return stripe.v1().webhookEndpoints().create(WebhookEndpointCreateParams.builder().setUrl(url)
                .addEnabledEvent(type).build());
    }

    @Test
    void stripeJavaVerifiesARealDeliveryAndTheAttemptIsRecorded() throws Exception {
        try (Receiver receiver = new Receiver().on("/hook", Receiver.status(200))) {
            String key = server.newAccount().secretKey();
            StripeClient stripe = server.stripe(key);
            WebhookEndpoint we = endpoint(stripe, receiver.url("/hook"),
                    WebhookEndpointCreateParams.EnabledEvent.CUSTOMER__CREATED);
            Customer customer = stripe.v1().customers().create(CustomerCreateParams.builder().build());

            await().atMost(Duration.ofSeconds(20)).until(() -> !receiver.requests("/hook").isEmpty());
            Receiver.Request delivery = receiver.requests("/hook").getFirst();
            Event event = Webhook.constructEvent(delivery.body(), delivery.headers().getFirst("Stripe-Signature"),
                    we.getSecret(), Webhook.DEFAULT_TOLERANCE, server.clock);
            assertThat(event.getType()).isEqualTo("customer.created");
            assertThat(((Customer) event.getDataObjectDeserializer().deserializeUnsafe()).getId())
                    .isEqualTo(customer.getId());
            assertThat(delivery.headers().getFirst("User-Agent")).startsWith("Stripe/");

            await().atMost(Duration.ofSeconds(20)).until(() -> stripe.v1().events().retrieve(event.getId())
                    .getPendingWebhooks() == 0);
            JsonNode attempts = get(key, "/pinstripe/v1/events/" + event.getId() + "/attempts");
            assertThat(attempts.path("data")).hasSize(1);
            assertThat(attempts.path("data").path(0).path("status_code").asInt()).isEqualTo(200);
            assertThat(attempts.path("data").path(0).path("webhook_endpoint").asText()).isEqualTo(we.getId());
        }
    }

    @Test
    void anEndpointAnswering410IsDisabledWithAnEventOtherEndpointsReceive() throws Exception {
        try (Receiver receiver = new Receiver().on("/gone", Receiver.status(410)).on("/all", Receiver.status(200))) {
            String key = server.newAccount().secretKey();
            StripeClient stripe = server.stripe(key);
            WebhookEndpoint gone = endpoint(stripe, receiver.url("/gone"),
                    WebhookEndpointCreateParams.EnabledEvent.CUSTOMER__CREATED);
            endpoint(stripe, receiver.url("/all"), WebhookEndpointCreateParams.EnabledEvent.ALL);
            stripe.v1().customers().create(CustomerCreateParams.builder().build());

            await().atMost(Duration.ofSeconds(20)).until(() -> stripe.v1().webhookEndpoints().retrieve(gone.getId())
                    .getStatus().equals("disabled"));
            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.requests("/all").stream()
                    .anyMatch(r -> r.body().contains("\"type\":\"webhook_endpoint.disabled\"")));
            Event disabled = stripe.v1().events().list(EventListParams.builder()
                    .setType("webhook_endpoint.disabled").build()).getData().getFirst();
            assertThat(Json.parse(disabled.toJson()).path("data").path("object").path("id").asText())
                    .isEqualTo(gone.getId());
            assertThat(receiver.requests("/gone")).hasSize(1);
        }
    }

    @Test
    void twoServersOnOneDatabaseDeliverEveryEventExactlyOnce() throws Exception {
        Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
        try (Receiver receiver = new Receiver().on("/hook", (exchange, body) -> {
                    Matcher m = EVENT_ID.matcher(body);
                    if (m.find()) {
                        received.computeIfAbsent(m.group(1), k -> new AtomicInteger()).incrementAndGet();
                    }
                    Receiver.respond(exchange, 200, "");
                });
                TestDatabases.TestDatabase db = TestDatabases.create()) {
            String key = "sk_test_two" + UUID.randomUUID().toString().replace("-", "");
            try (Pinstripe one = startOn(db.url(), key); Pinstripe two = startOn(db.url(), key)) {
                StripeClient first = client(key, one.port());
                StripeClient second = client(key, two.port());
                endpoint(first, receiver.url("/hook"), WebhookEndpointCreateParams.EnabledEvent.ALL);
                int customers = 200;
                for (int i = 0; i < customers; i++) {
                    (i % 2 == 0 ? first : second).v1().customers().create(CustomerCreateParams.builder().build());
                }
                await().atMost(Duration.ofSeconds(60)).until(() -> received.size() == customers);
                long owners = one.database().jdbi().withHandle(h -> h.createQuery(
                        "SELECT count(DISTINCT lease_owner) FROM webhook_deliveries").mapTo(Long.class).one());
                assertThat(received.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
                assertThat(owners).as("both processes delivered").isEqualTo(2);
            }
        }
    }

    private static Pinstripe startOn(String url, String key) {
        Settings d = Settings.defaults();
        Settings s = new Settings("127.0.0.1", 0, Path.of("unused"), url, key, false, 8, d.bodyBytesMax(),
                d.idempotencyRetention(), d.idempotencyLease(), false, WebhookSettings.defaults(), true);
        return Pinstripe.start(s, ManualClock.atTheStartOf2026(), new PrintStream(new ByteArrayOutputStream()));
    }

    private static StripeClient client(String key, int port) {
        return StripeClient.builder().setApiKey(key).setApiBase("http://127.0.0.1:" + port).build();
    }

    private static JsonNode get(String key, String path) {
        HttpResponse<String> r = server.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .header("Authorization", "Bearer " + key).GET());
        return Json.parse(r.body());
    }
}
