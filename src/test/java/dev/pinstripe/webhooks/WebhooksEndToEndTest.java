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
import dev.pinstripe.testing.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Webhooks through the whole server: the API records, the dispatcher delivers, the SDK verifies. */
class WebhooksEndToEndTest {
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

    private static JsonNode get(String key, String path) {
        HttpResponse<String> r = server.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .header("Authorization", "Bearer " + key).GET());
        return Json.parse(r.body());
    }
}
