package dev.pinstripe.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.stripe.StripeClient;
import com.stripe.exception.CardException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.Customer;
import com.stripe.model.Event;
import com.stripe.model.PaymentIntent;
import com.stripe.net.RequestOptions;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.CustomerUpdateParams;
import com.stripe.param.EventListParams;
import com.stripe.param.PaymentIntentCaptureParams;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.RefundCreateParams;
import dev.pinstripe.api.Json;
import dev.pinstripe.testing.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Events: recorded with every change, in Stripe's order, listed and filtered as Stripe does. */
class EventsTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private record Account(String key, StripeClient stripe) {}

    private static Account freshAccount() {
        String key = server.newAccount().secretKey();
        return new Account(key, server.stripe(key));
    }

    /** Event types oldest first. */
    private static List<String> types(Account a) throws StripeException {
        List<String> types = new ArrayList<>();
        for (Event e : a.stripe().v1().events().list(EventListParams.builder().setLimit(100L).build())
                .autoPagingIterable()) {
            types.addFirst(e.getType());
        }
        return types;
    }

    private static JsonNode getJson(Account a, String path) {
        HttpResponse<String> r = server.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .header("Authorization", "Bearer " + a.key()).GET());
        return Json.parse(r.body());
    }

    private static PaymentIntent pay(Account a, String pm, boolean manual) throws StripeException {
        var b = PaymentIntentCreateParams.builder().setAmount(2000L).setCurrency("usd").setPaymentMethod(pm)
                .setConfirm(true);
        if (manual) {
            b.setCaptureMethod(PaymentIntentCreateParams.CaptureMethod.MANUAL);
        }
        return a.stripe().v1().paymentIntents().create(b.build());
    }

    @Test
    void aPaymentAndItsRefundEmitStripesEventsInStripesOrder() throws StripeException {
        Account a = freshAccount();
        PaymentIntent pi = pay(a, "pm_card_visa", false);
        a.stripe().v1().refunds().create(RefundCreateParams.builder().setPaymentIntent(pi.getId()).setAmount(500L)
                .build());

        assertThat(types(a)).containsExactly("payment_intent.created", "charge.succeeded",
                "payment_intent.succeeded", "charge.refunded", "refund.created");
        Event succeeded = a.stripe().v1().events().list(EventListParams.builder()
                .setType("payment_intent.succeeded").build()).getData().getFirst();
        PaymentIntent inEvent = (PaymentIntent) succeeded.getDataObjectDeserializer().deserializeUnsafe();
        assertThat(inEvent.getId()).isEqualTo(pi.getId());
        assertThat(inEvent.getStatus()).isEqualTo("succeeded");
        assertThat(succeeded.getApiVersion()).isNotBlank();
        assertThat(succeeded.getLivemode()).isFalse();
        assertThat(succeeded.getPendingWebhooks()).isZero();

        Event refunded = a.stripe().v1().events().list(EventListParams.builder().setType("charge.refunded").build())
                .getData().getFirst();
        JsonNode previous = Json.parse(refunded.getData().toJson()).path("previous_attributes");
        assertThat(previous.path("amount_refunded").asLong()).isZero();
    }

    @Test
    void aDeclineCommitsItsEventsThoughTheRequestFails() throws StripeException {
        Account a = freshAccount();
        assertThatThrownBy(() -> pay(a, "pm_card_chargeDeclined", false)).isInstanceOf(CardException.class);
        assertThat(types(a)).containsExactly("payment_intent.created", "charge.failed",
                "payment_intent.payment_failed");
    }

    @Test
    void manualCaptureAndCancelEmitTheirEvents() throws StripeException {
        Account a = freshAccount();
        PaymentIntent captured = pay(a, "pm_card_visa", true);
        a.stripe().v1().paymentIntents().capture(captured.getId(),
                PaymentIntentCaptureParams.builder().setAmountToCapture(1500L).build());
        PaymentIntent released = pay(a, "pm_card_visa", true);
        a.stripe().v1().paymentIntents().cancel(released.getId());
        PaymentIntent authentication = pay(a, "pm_card_threeDSecureRequired", false);
        assertThat(authentication.getStatus()).isEqualTo("requires_action");

        assertThat(types(a)).containsExactly(
                "payment_intent.created", "charge.succeeded", "payment_intent.amount_capturable_updated",
                "charge.captured", "payment_intent.succeeded",
                "payment_intent.created", "charge.succeeded", "payment_intent.amount_capturable_updated",
                "charge.refunded", "payment_intent.canceled",
                "payment_intent.created", "payment_intent.requires_action");
    }

    @Test
    void disputeCardsOpenAndCloseDisputesWithEvents() throws StripeException {
        Account a = freshAccount();
        PaymentIntent pi = pay(a, "pm_card_createDispute", false);
        String dispute = a.stripe().v1().disputes().list().getData().getFirst().getId();
        a.stripe().v1().disputes().update(dispute, com.stripe.param.DisputeUpdateParams.builder()
                .setEvidence(com.stripe.param.DisputeUpdateParams.Evidence.builder()
                        .setUncategorizedText("winning_evidence").build())
                .setSubmit(true).build());
        assertThat(pi.getStatus()).isEqualTo("succeeded");
        assertThat(types(a)).containsExactly("payment_intent.created", "charge.succeeded",
                "payment_intent.succeeded", "radar.early_fraud_warning.created", "charge.dispute.created",
                "charge.dispute.funds_withdrawn", "radar.early_fraud_warning.updated",
                "charge.dispute.updated", "charge.dispute.closed", "charge.dispute.funds_reinstated");
    }

    @Test
    void customerUpdatesCarryTheirPreviousAttributes() throws StripeException {
        Account a = freshAccount();
        Customer c = a.stripe().v1().customers().create(CustomerCreateParams.builder().setEmail("old@example.com")
                .putMetadata("plan", "basic").putMetadata("keep", "yes").build());
        a.stripe().v1().customers().update(c.getId(), CustomerUpdateParams.builder().setEmail("new@example.com")
                .putMetadata("plan", "pro").build());
        // An update that changes nothing records nothing.
        a.stripe().v1().customers().update(c.getId(), CustomerUpdateParams.builder().setEmail("new@example.com")
                .build());
        a.stripe().v1().customers().delete(c.getId());

        assertThat(types(a)).containsExactly("customer.created", "customer.updated", "customer.deleted");
        JsonNode updated = getJson(a, "/v1/events?type=customer.updated").path("data").path(0);
        assertThat(updated.path("data").path("previous_attributes").toString())
                .isEqualTo("{\"email\":\"old@example.com\",\"metadata\":{\"plan\":\"basic\"}}");
        assertThat(updated.path("data").path("object").path("email").asText()).isEqualTo("new@example.com");
    }

    @Test
    void eventsNameTheRequestAndIdempotencyKeyThatCausedThem() throws StripeException {
        Account a = freshAccount();
        Customer c = a.stripe().v1().customers().create(CustomerCreateParams.builder().build(),
                RequestOptions.builder().setIdempotencyKey("create-customer-1").build());
        Event e = a.stripe().v1().events().list().getData().getFirst();
        assertThat(e.getRequest().getId()).isEqualTo(c.getLastResponse().requestId());
        assertThat(e.getRequest().getIdempotencyKey()).isEqualTo("create-customer-1");
        assertThat(((Customer) e.getDataObjectDeserializer().deserializeUnsafe()).getId()).isEqualTo(c.getId());
    }

    @Test
    void aChangeThatFailsLeavesNoEvent() throws StripeException {
        Account a = freshAccount();
        a.stripe().v1().customers().create(CustomerCreateParams.builder().setInvoicePrefix("TAKEN").build());
        Customer other = a.stripe().v1().customers().create(CustomerCreateParams.builder().build());
        assertThatThrownBy(() -> a.stripe().v1().customers().update(other.getId(),
                CustomerUpdateParams.builder().setEmail("x@example.com").setInvoicePrefix("TAKEN").build()))
                .isInstanceOf(InvalidRequestException.class);
        assertThat(types(a)).containsExactly("customer.created", "customer.created");
    }

    @Test
    void eventsOfOneObjectCarryARisingSequence() throws StripeException {
        Account a = freshAccount();
        Customer c = a.stripe().v1().customers().create(CustomerCreateParams.builder().build());
        for (int i = 0; i < 5; i++) {
            a.stripe().v1().customers().update(c.getId(), CustomerUpdateParams.builder()
                    .putMetadata("n", String.valueOf(i)).build());
        }
        JsonNode list = getJson(a, "/v1/events?limit=100");
        List<Long> sequence = new ArrayList<>();
        list.path("data").forEach(e -> sequence.addFirst(e.path("pinstripe_sequence").asLong()));
        assertThat(sequence).hasSize(6).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void listsFilterByTypeWildcardTypesAndCreatedAndPaginate() throws StripeException {
        Account a = freshAccount();
        pay(a, "pm_card_visa", false);
        a.stripe().v1().customers().create(CustomerCreateParams.builder().build());

        assertThat(getJson(a, "/v1/events?type=charge.*").path("data")).hasSize(1);
        assertThat(getJson(a, "/v1/events?type=payment_intent.*").path("data")).hasSize(2);
        assertThat(getJson(a, "/v1/events?types[]=customer.created&types[]=charge.succeeded").path("data"))
                .hasSize(2);
        long created = server.clock.instant().getEpochSecond();
        assertThat(getJson(a, "/v1/events?created[gte]=" + created).path("data")).hasSize(4);
        assertThat(getJson(a, "/v1/events?created[gt]=" + created).path("data")).isEmpty();

        JsonNode first = getJson(a, "/v1/events?limit=3");
        assertThat(first.path("has_more").asBoolean()).isTrue();
        String last = first.path("data").path(2).path("id").asText();
        JsonNode second = getJson(a, "/v1/events?limit=3&starting_after=" + last);
        assertThat(second.path("data")).hasSize(1);
        assertThat(second.path("has_more").asBoolean()).isFalse();

        JsonNode one = getJson(a, "/v1/events/" + last);
        assertThat(one.path("object").asText()).isEqualTo("event");
        assertThat(one.path("id").asText()).isEqualTo(last);
    }

    @Test
    void eventsStayWithinTheirAccountAndBadFiltersAreClearErrors() throws StripeException {
        Account a = freshAccount();
        Account b = freshAccount();
        a.stripe().v1().customers().create(CustomerCreateParams.builder().build());
        String id = a.stripe().v1().events().list().getData().getFirst().getId();

        assertThatThrownBy(() -> b.stripe().v1().events().retrieve(id))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(404);
                    assertThat(e.getCode()).isEqualTo("resource_missing");
                });
        assertThat(getJson(b, "/v1/events").path("data")).isEmpty();
        JsonNode bad = getJson(a, "/v1/events?type=Charge%20Succeeded");
        assertThat(bad.path("error").path("param").asText()).isEqualTo("type");
        JsonNode unknown = getJson(a, "/v1/events?colour=red");
        assertThat(unknown.path("error").path("code").asText()).isEqualTo("parameter_unknown");
    }

    @Test
    void pendingWebhooksCountsTheEndpointsThatWantTheEvent() throws StripeException {
        Account a = freshAccount();
        a.stripe().v1().webhookEndpoints().create(com.stripe.param.WebhookEndpointCreateParams.builder()
                .setUrl("http://127.0.0.1:9/unreachable")
                .addEnabledEvent(com.stripe.param.WebhookEndpointCreateParams.EnabledEvent.CUSTOMER__CREATED)
                .build());
        a.stripe().v1().customers().create(CustomerCreateParams.builder().build());
        pay(a, "pm_card_visa", false);
        Map<String, Long> pending = new java.util.HashMap<>();
        for (Event e : a.stripe().v1().events().list().getData()) {
            pending.put(e.getType(), e.getPendingWebhooks());
        }
        assertThat(pending).containsEntry("customer.created", 1L).containsEntry("charge.succeeded", 0L);
    }
}
