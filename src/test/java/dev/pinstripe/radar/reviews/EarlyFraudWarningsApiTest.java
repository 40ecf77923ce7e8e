package dev.pinstripe.radar.reviews;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.stripe.StripeClient;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.PaymentIntent;
import com.stripe.model.StripeCollection;
import com.stripe.model.radar.EarlyFraudWarning;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.RefundCreateParams;
import com.stripe.param.radar.EarlyFraudWarningListParams;
import com.stripe.param.radar.EarlyFraudWarningRetrieveParams;
import dev.pinstripe.accounts.AccountService;
import dev.pinstripe.api.Json;
import dev.pinstripe.api.Scope;
import dev.pinstripe.events.EventLog;
import dev.pinstripe.testing.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /v1/radar/early_fraud_warnings} driven by stripe-java; warnings are opened through the
 * service, as the card network simulation will.
 */
class EarlyFraudWarningsApiTest {
    static TestServer server;
    static Jdbi jdbi;
    static EarlyFraudWarningService warnings;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        jdbi = server.pinstripe().database().jdbi();
        warnings = new EarlyFraudWarningService(server.clock, new EventLog(server.clock));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private record Account(String key, StripeClient stripe, Scope scope) {}

    private static Account freshAccount() {
        AccountService.NewAccount a = server.newAccount();
        return new Account(a.secretKey(), server.stripe(a.secretKey()), new Scope(a.accountId(), false));
    }

    private static PaymentIntent pay(Account a, String paymentMethod) throws StripeException {
        return a.stripe().v1().paymentIntents().create(PaymentIntentCreateParams.builder()
                .setAmount(2000L).setCurrency("usd").setPaymentMethod(paymentMethod).setConfirm(true).build());
    }

    private static dev.pinstripe.radar.reviews.EarlyFraudWarning open(Account a, String chargeId, String fraudType) {
        return jdbi.inTransaction(h -> warnings.open(h, a.scope(), chargeId, null, fraudType));
    }

    private static void markNotActionable(Account a, String chargeId) {
        jdbi.useTransaction(h -> warnings.markNotActionable(h, a.scope(), chargeId));
    }

    private static JsonNode getJson(Account a, String path) {
        HttpResponse<String> r = server.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .header("Authorization", "Bearer " + a.key()).GET());
        return Json.parse(r.body());
    }

    /** The events of {@code type}, oldest first. */
    private static List<JsonNode> events(Account a, String type) {
        List<JsonNode> events = new ArrayList<>();
        getJson(a, "/v1/events?limit=100&type=" + type).path("data").forEach(events::addFirst);
        return events;
    }

    private static EarlyFraudWarning retrieve(Account a, String id) throws StripeException {
        return a.stripe().v1().radar().earlyFraudWarnings().retrieve(id);
    }

    private static List<String> listIds(Account a, EarlyFraudWarningListParams params) throws StripeException {
        return a.stripe().v1().radar().earlyFraudWarnings().list(params).getData().stream()
                .map(EarlyFraudWarning::getId).toList();
    }

    private static void assertMissing(ThrowingCall call, String param) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(InvalidRequestException.class, e -> {
            assertThat(e.getStatusCode()).isEqualTo(404);
            assertThat(e.getCode()).isEqualTo("resource_missing");
            assertThat(e.getParam()).isEqualTo(param);
        });
    }

    @FunctionalInterface
    private interface ThrowingCall {
        void run() throws Exception;
    }

    @Test
    void aNewWarningIsActionableAndHasStripesShape() throws StripeException {
        Account a = freshAccount();
        PaymentIntent pi = pay(a, "pm_card_visa");
        var opened = open(a, pi.getLatestCharge(), "made_with_stolen_card");

        EarlyFraudWarning w = retrieve(a, opened.id());
        assertThat(w.getId()).startsWith("issfr_").isEqualTo(opened.id());
        assertThat(w.getObject()).isEqualTo("radar.early_fraud_warning");
        assertThat(w.getActionable()).isTrue();
        assertThat(w.getCharge()).isEqualTo(pi.getLatestCharge());
        assertThat(w.getPaymentIntent()).isEqualTo(pi.getId());
        assertThat(w.getFraudType()).isEqualTo("made_with_stolen_card");
        assertThat(w.getCreated()).isEqualTo(server.clock.instant().getEpochSecond());
        assertThat(w.getLivemode()).isFalse();

        List<String> fields = new ArrayList<>();
        getJson(a, "/v1/radar/early_fraud_warnings/" + opened.id()).fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("id", "object", "actionable", "charge", "created", "fraud_type",
                "livemode", "payment_intent");

        assertThat(events(a, "radar.early_fraud_warning.created")).singleElement().satisfies(e -> {
            JsonNode o = e.path("data").path("object");
            assertThat(o.path("id").asText()).isEqualTo(opened.id());
            assertThat(o.path("object").asText()).isEqualTo("radar.early_fraud_warning");
            assertThat(o.path("actionable").asBoolean()).isTrue();
            assertThat(o.path("fraud_type").asText()).isEqualTo("made_with_stolen_card");
        });
    }

    @Test
    void markNotActionableUpdatesEveryActionableWarningOfThatChargeOnce() throws StripeException {
        Account a = freshAccount();
        String charge = pay(a, "pm_card_visa").getLatestCharge();
        String otherCharge = pay(a, "pm_card_visa").getLatestCharge();
        var first = open(a, charge, "misc");
        var second = open(a, charge, "card_never_received");
        var other = open(a, otherCharge, "misc");

        markNotActionable(a, charge);
        assertThat(retrieve(a, first.id()).getActionable()).isFalse();
        assertThat(retrieve(a, second.id()).getActionable()).isFalse();
        assertThat(retrieve(a, other.id()).getActionable()).isTrue();

        List<JsonNode> updated = events(a, "radar.early_fraud_warning.updated");
        assertThat(updated).extracting(e -> e.path("data").path("object").path("id").asText())
                .containsExactlyInAnyOrder(first.id(), second.id());
        assertThat(updated).allSatisfy(e -> {
            assertThat(e.path("data").path("object").path("actionable").asBoolean()).isFalse();
            assertThat(e.path("data").path("previous_attributes").toString()).isEqualTo("{\"actionable\":true}");
        });

        // Already not actionable, or no warnings at all: nothing changes and nothing is recorded.
        markNotActionable(a, charge);
        markNotActionable(a, pay(a, "pm_card_visa").getLatestCharge());
        assertThat(events(a, "radar.early_fraud_warning.updated")).hasSize(2);
    }

    @Test
    void aWarningOnAChargeAlreadyRefundedOrDisputedIsNotActionable() throws StripeException {
        Account a = freshAccount();
        PaymentIntent refunded = pay(a, "pm_card_visa");
        a.stripe().v1().refunds().create(RefundCreateParams.builder().setPaymentIntent(refunded.getId()).build());
        PaymentIntent partly = pay(a, "pm_card_visa");
        a.stripe().v1().refunds().create(RefundCreateParams.builder().setPaymentIntent(partly.getId())
                .setAmount(500L).build());
        PaymentIntent disputed = pay(a, "pm_card_createDispute");

        assertThat(open(a, refunded.getLatestCharge(), "misc").actionable()).isFalse();
        assertThat(open(a, disputed.getLatestCharge(), "misc").actionable()).isFalse();
        var partial = open(a, partly.getLatestCharge(), "misc");
        assertThat(partial.actionable()).isTrue();
        assertThat(retrieve(a, partial.id()).getActionable()).isTrue();
    }

    @Test
    void listsFilterByChargePaymentIntentAndCreatedAndPage() throws StripeException {
        Account a = freshAccount();
        PaymentIntent p1 = pay(a, "pm_card_visa");
        PaymentIntent p2 = pay(a, "pm_card_visa");
        var w1 = open(a, p1.getLatestCharge(), "misc");
        server.clock.advance(Duration.ofSeconds(10));
        var w2 = open(a, p2.getLatestCharge(), "made_with_lost_card");
        server.clock.advance(Duration.ofSeconds(10));
        var w3 = open(a, p1.getLatestCharge(), "unauthorized_use_of_card");

        assertThat(listIds(a, EarlyFraudWarningListParams.builder().build()))
                .containsExactly(w3.id(), w2.id(), w1.id());
        assertThat(listIds(a, EarlyFraudWarningListParams.builder().setCharge(p1.getLatestCharge()).build()))
                .containsExactly(w3.id(), w1.id());
        assertThat(listIds(a, EarlyFraudWarningListParams.builder().setPaymentIntent(p2.getId()).build()))
                .containsExactly(w2.id());
        assertThat(listIds(a, EarlyFraudWarningListParams.builder().setCharge(p2.getLatestCharge())
                .setPaymentIntent(p1.getId()).build())).isEmpty();
        assertThat(listIds(a, EarlyFraudWarningListParams.builder()
                .setCreated(EarlyFraudWarningListParams.Created.builder().setLt(w3.created()).build()).build()))
                .containsExactly(w2.id(), w1.id());
        assertThat(listIds(a, EarlyFraudWarningListParams.builder().setCreated(w2.created()).build()))
                .containsExactly(w2.id());

        StripeCollection<EarlyFraudWarning> page1 = a.stripe().v1().radar().earlyFraudWarnings()
                .list(EarlyFraudWarningListParams.builder().setLimit(2L).build());
        assertThat(page1.getData()).extracting(EarlyFraudWarning::getId).containsExactly(w3.id(), w2.id());
        assertThat(page1.getHasMore()).isTrue();
        StripeCollection<EarlyFraudWarning> page2 = a.stripe().v1().radar().earlyFraudWarnings()
                .list(EarlyFraudWarningListParams.builder().setLimit(2L).setStartingAfter(w2.id()).build());
        assertThat(page2.getData()).extracting(EarlyFraudWarning::getId).containsExactly(w1.id());
        assertThat(page2.getHasMore()).isFalse();
        assertThat(listIds(a, EarlyFraudWarningListParams.builder().setLimit(1L).setEndingBefore(w1.id()).build()))
                .containsExactly(w2.id());
        List<String> all = new ArrayList<>();
        a.stripe().v1().radar().earlyFraudWarnings().list(EarlyFraudWarningListParams.builder().setLimit(1L).build())
                .autoPagingIterable().forEach(w -> all.add(w.getId()));
        assertThat(all).containsExactly(w3.id(), w2.id(), w1.id());
        assertThat(getJson(a, "/v1/radar/early_fraud_warnings?colour=red").path("error").path("code").asText())
                .isEqualTo("parameter_unknown");
    }

    @Test
    void expandLoadsTheChargeAndThePaymentIntent() throws StripeException {
        Account a = freshAccount();
        PaymentIntent pi = pay(a, "pm_card_visa");
        var w = open(a, pi.getLatestCharge(), "misc");

        EarlyFraudWarning expanded = a.stripe().v1().radar().earlyFraudWarnings().retrieve(w.id(),
                EarlyFraudWarningRetrieveParams.builder().addExpand("charge").addExpand("payment_intent").build());
        assertThat(expanded.getChargeObject().getId()).isEqualTo(pi.getLatestCharge());
        assertThat(expanded.getChargeObject().getAmountCaptured()).isEqualTo(2000L);
        assertThat(expanded.getPaymentIntentObject().getId()).isEqualTo(pi.getId());
        assertThat(expanded.getPaymentIntentObject().getAmount()).isEqualTo(2000L);

        StripeCollection<EarlyFraudWarning> list = a.stripe().v1().radar().earlyFraudWarnings().list(
                EarlyFraudWarningListParams.builder().addExpand("data.payment_intent").build());
        assertThat(list.getData()).singleElement()
                .satisfies(x -> assertThat(x.getPaymentIntentObject().getId()).isEqualTo(pi.getId()));
    }

    @Test
    void anotherAccountSeesNoneOfTheWarnings() throws StripeException {
        Account a = freshAccount();
        Account b = freshAccount();
        String charge = pay(a, "pm_card_visa").getLatestCharge();
        var w = open(a, charge, "misc");

        assertMissing(() -> retrieve(b, w.id()), "early_fraud_warning");
        assertThat(listIds(b, EarlyFraudWarningListParams.builder().build())).isEmpty();
        assertThat(listIds(b, EarlyFraudWarningListParams.builder().setCharge(charge).build())).isEmpty();
        assertThat(events(b, "radar.early_fraud_warning.created")).isEmpty();

        // b cannot touch a's warnings or warn about a's charge through the service either.
        markNotActionable(b, charge);
        assertThat(retrieve(a, w.id()).getActionable()).isTrue();
        assertThatThrownBy(() -> open(b, charge, "misc"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(charge);
    }

    @Test
    void unknownWarningsAreResourceMissingAndBadInputIsAProgrammerError() throws StripeException {
        Account a = freshAccount();
        assertMissing(() -> retrieve(a, "issfr_doesnotexist"), "early_fraud_warning");
        assertMissing(() -> a.stripe().v1().radar().earlyFraudWarnings().list(EarlyFraudWarningListParams.builder()
                .setStartingAfter("issfr_doesnotexist").build()), "starting_after");

        PaymentIntent pi = pay(a, "pm_card_visa");
        PaymentIntent other = pay(a, "pm_card_visa");
        assertThatThrownBy(() -> open(a, pi.getLatestCharge(), "shoplifting"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fraud_type");
        assertThatThrownBy(() -> jdbi.useTransaction(h -> warnings.open(h, a.scope(), pi.getLatestCharge(),
                other.getId(), "misc"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> open(a, "ch_doesnotexist", "misc")).isInstanceOf(IllegalArgumentException.class);
        assertThat(listIds(a, EarlyFraudWarningListParams.builder().build())).isEmpty();
        assertThat(events(a, "radar.early_fraud_warning.created")).isEmpty();
    }
}
