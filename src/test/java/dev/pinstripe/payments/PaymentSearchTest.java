package dev.pinstripe.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.stripe.StripeClient;
import com.stripe.exception.CardException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.Charge;
import com.stripe.model.Customer;
import com.stripe.model.PaymentIntent;
import com.stripe.model.PaymentMethod;
import com.stripe.model.StripeSearchResult;
import com.stripe.param.ChargeCreateParams;
import com.stripe.param.ChargeSearchParams;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.PaymentIntentCaptureParams;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.PaymentIntentSearchParams;
import com.stripe.param.PaymentMethodCreateParams;
import com.stripe.param.RefundCreateParams;
import dev.pinstripe.testing.TestServer;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code GET /v1/payment_intents/search} and {@code GET /v1/charges/search}, driven by stripe-java. */
class PaymentSearchTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Each test gets its own account, so searches see only what the test made. */
    private static StripeClient freshAccount() {
        return server.stripe(server.newAccount().secretKey());
    }

    private static PaymentIntentCreateParams.Builder intent(long amount, String currency) {
        return PaymentIntentCreateParams.builder().setAmount(amount).setCurrency(currency);
    }

    private static PaymentIntent pay(StripeClient stripe, long amount, String paymentMethod) throws StripeException {
        return stripe.v1().paymentIntents().create(intent(amount, "usd").setPaymentMethod(paymentMethod)
                .setConfirm(true).build());
    }

    private static List<String> intents(StripeClient stripe, String query) throws StripeException {
        return stripe.v1().paymentIntents().search(PaymentIntentSearchParams.builder().setQuery(query).setLimit(100L)
                .build()).getData().stream().map(PaymentIntent::getId).toList();
    }

    private static List<String> charges(StripeClient stripe, String query) throws StripeException {
        return stripe.v1().charges().search(ChargeSearchParams.builder().setQuery(query).setLimit(100L).build())
                .getData().stream().map(Charge::getId).toList();
    }

    private static void assertQueryRejected(ThrowingSearch search, String message) {
        assertThatThrownBy(search::run).isInstanceOfSatisfying(InvalidRequestException.class, e -> {
            assertThat(e.getStatusCode()).isEqualTo(400);
            assertThat(e.getParam()).isEqualTo("query");
            assertThat(e.getStripeError().getType()).isEqualTo("invalid_request_error");
            assertThat(e.getStripeError().getMessage()).isEqualTo(message);
        });
    }

    @FunctionalInterface
    private interface ThrowingSearch {
        void run() throws StripeException;
    }

    @Test
    void paymentIntentsAreFoundByStatusAmountCurrencyCustomerMetadataAndCreated() throws StripeException {
        StripeClient stripe = freshAccount();
        Customer customer = stripe.v1().customers().create(CustomerCreateParams.builder().setName("Ada").build());
        PaymentIntent succeeded = stripe.v1().paymentIntents().create(intent(1000, "usd")
                .setPaymentMethod("pm_card_visa").setConfirm(true).setCustomer(customer.getId())
                .putMetadata("order", "A-1").build());
        server.clock.advance(Duration.ofSeconds(10));
        PaymentIntent unpaid = stripe.v1().paymentIntents().create(intent(2500, "eur").putMetadata("order", "B-2")
                .build());
        server.clock.advance(Duration.ofSeconds(10));
        long cutoff = server.clock.instant().getEpochSecond();
        PaymentIntent held = stripe.v1().paymentIntents().create(intent(5000, "usd").setPaymentMethod("pm_card_visa")
                .setConfirm(true).setCaptureMethod(PaymentIntentCreateParams.CaptureMethod.MANUAL).build());
        server.clock.advance(Duration.ofSeconds(10));
        PaymentIntent canceled = stripe.v1().paymentIntents().cancel(
                stripe.v1().paymentIntents().create(intent(700, "usd").build()).getId());
        assertThat(List.of(succeeded.getStatus(), unpaid.getStatus(), held.getStatus(), canceled.getStatus()))
                .containsExactly("succeeded", "requires_payment_method", "requires_capture", "canceled");

        StripeSearchResult<PaymentIntent> result = stripe.v1().paymentIntents().search(
                PaymentIntentSearchParams.builder().setQuery("status:\"succeeded\"").build());
        assertThat(result.getObject()).isEqualTo("search_result");
        assertThat(result.getUrl()).isEqualTo("/v1/payment_intents/search");
        assertThat(result.getHasMore()).isFalse();
        assertThat(result.getNextPage()).isNull();
        assertThat(result.getData()).singleElement().satisfies(pi -> {
            assertThat(pi.getId()).isEqualTo(succeeded.getId());
            assertThat(pi.getAmountReceived()).isEqualTo(1000L);
            assertThat(pi.getLatestCharge()).isEqualTo(succeeded.getLatestCharge());
        });

        assertThat(intents(stripe, "status:'REQUIRES_CAPTURE'")).containsExactly(held.getId());
        assertThat(intents(stripe, "-status:\"succeeded\""))
                .containsExactly(canceled.getId(), held.getId(), unpaid.getId());
        assertThat(intents(stripe, "status:\"succeeded\" OR status:\"canceled\""))
                .containsExactly(canceled.getId(), succeeded.getId());
        assertThat(intents(stripe, "amount>=1000 AND amount<5000")).containsExactly(unpaid.getId(), succeeded.getId());
        assertThat(intents(stripe, "amount:700")).containsExactly(canceled.getId());
        assertThat(intents(stripe, "amount>=\"5000\"")).containsExactly(held.getId());
        assertThat(intents(stripe, "currency:\"eur\"")).containsExactly(unpaid.getId());
        assertThat(intents(stripe, "-currency:\"usd\"")).containsExactly(unpaid.getId());
        assertThat(intents(stripe, "customer:\"" + customer.getId() + "\"")).containsExactly(succeeded.getId());
        assertThat(intents(stripe, "customer:null")).containsExactly(canceled.getId(), held.getId(), unpaid.getId());
        assertThat(intents(stripe, "metadata[\"order\"]:\"a-1\"")).containsExactly(succeeded.getId());
        assertThat(intents(stripe, "metadata['order']:null")).containsExactly(canceled.getId(), held.getId());
        assertThat(intents(stripe, "created>=" + cutoff)).containsExactly(canceled.getId(), held.getId());
        assertThat(intents(stripe, "created<" + cutoff + " currency:'usd'")).containsExactly(succeeded.getId());

        // Items of a search result expand like a list's.
        PaymentIntent withCustomer = stripe.v1().paymentIntents().search(PaymentIntentSearchParams.builder()
                .setQuery("status:'succeeded'").addExpand("data.customer").build()).getData().getFirst();
        assertThat(withCustomer.getCustomerObject().getName()).isEqualTo("Ada");
    }

    @Test
    void chargesAreFoundByStatusDisputedRefundedAndCard() throws StripeException {
        StripeClient stripe = freshAccount();
        Charge visa = stripe.v1().charges().retrieve(pay(stripe, 1000, "pm_card_visa").getLatestCharge());
        server.clock.advance(Duration.ofSeconds(1));
        Charge refunded = stripe.v1().charges().retrieve(pay(stripe, 2000, "pm_card_mastercard").getLatestCharge());
        stripe.v1().refunds().create(RefundCreateParams.builder().setCharge(refunded.getId()).build());
        server.clock.advance(Duration.ofSeconds(1));
        Charge partlyRefunded = stripe.v1().charges().retrieve(pay(stripe, 3000, "pm_card_amex").getLatestCharge());
        stripe.v1().refunds().create(RefundCreateParams.builder().setCharge(partlyRefunded.getId()).setAmount(1000L)
                .build());
        server.clock.advance(Duration.ofSeconds(1));
        Charge disputed = stripe.v1().charges().retrieve(pay(stripe, 4000, "pm_card_createDispute").getLatestCharge());
        server.clock.advance(Duration.ofSeconds(1));
        CardException declined = catchThrowableOfType(CardException.class,
                () -> pay(stripe, 1500, "pm_card_chargeDeclined"));
        Charge failed = stripe.v1().charges().retrieve(declined.getCharge());
        server.clock.advance(Duration.ofSeconds(1));
        PaymentIntent held = stripe.v1().paymentIntents().create(intent(5000, "usd").setPaymentMethod("pm_card_visa")
                .setConfirm(true).setCaptureMethod(PaymentIntentCreateParams.CaptureMethod.MANUAL).build());
        stripe.v1().paymentIntents().capture(held.getId(), PaymentIntentCaptureParams.builder()
                .setAmountToCapture(3000L).build());
        Charge partlyCaptured = stripe.v1().charges().retrieve(held.getLatestCharge());

        assertThat(refunded.getId()).isNotEqualTo(partlyRefunded.getId());
        assertThat(stripe.v1().charges().retrieve(refunded.getId()).getRefunded()).isTrue();
        assertThat(stripe.v1().charges().retrieve(disputed.getId()).getDisputed()).isTrue();
        assertThat(partlyCaptured.getAmountRefunded()).isEqualTo(2000L);
        assertThat(partlyCaptured.getRefunded()).isFalse();

        StripeSearchResult<Charge> result = stripe.v1().charges().search(ChargeSearchParams.builder()
                .setQuery("disputed:\"true\"").build());
        assertThat(result.getObject()).isEqualTo("search_result");
        assertThat(result.getUrl()).isEqualTo("/v1/charges/search");
        assertThat(result.getData()).extracting(Charge::getId).containsExactly(disputed.getId());

        List<String> undisputed = List.of(partlyCaptured.getId(), failed.getId(), partlyRefunded.getId(),
                refunded.getId(), visa.getId());
        assertThat(charges(stripe, "disputed:'false'")).containsExactlyElementsOf(undisputed);
        assertThat(charges(stripe, "-disputed:'TRUE'")).containsExactlyElementsOf(undisputed);

        // Stripe: refunded:"true" is fully refunded, "false" partly refunded, null not refunded.
        assertThat(charges(stripe, "refunded:\"true\"")).containsExactly(refunded.getId());
        assertThat(charges(stripe, "refunded:\"false\"")).containsExactly(partlyCaptured.getId(), partlyRefunded.getId());
        assertThat(charges(stripe, "refunded:null")).containsExactly(failed.getId(), disputed.getId(), visa.getId());
        assertThat(charges(stripe, "-refunded:null"))
                .containsExactly(partlyCaptured.getId(), partlyRefunded.getId(), refunded.getId());
        assertThat(charges(stripe, "-refunded:\"true\"")).hasSize(5).doesNotContain(refunded.getId());

        assertThat(charges(stripe, "status:\"failed\"")).containsExactly(failed.getId());
        assertThat(charges(stripe, "status:\"succeeded\" AND amount>2500"))
                .containsExactly(partlyCaptured.getId(), disputed.getId(), partlyRefunded.getId());
        assertThat(charges(stripe, "currency:'usd' amount<=1000")).containsExactly(visa.getId());

        assertThat(charges(stripe, "payment_method_details.card.last4:\"4444\"")).containsExactly(refunded.getId());
        assertThat(charges(stripe, "payment_method_details.card.last4:4242"))
                .containsExactly(partlyCaptured.getId(), visa.getId());
        assertThat(charges(stripe, "payment_method_details.card.brand:\"amex\"")).containsExactly(partlyRefunded.getId());
        assertThat(charges(stripe, "payment_method_details.card.brand:\"MasterCard\"")).containsExactly(refunded.getId());
        Charge.PaymentMethodDetails.Card visaCard = visa.getPaymentMethodDetails().getCard();
        assertThat(charges(stripe, "payment_method_details.card.fingerprint:\"" + visaCard.getFingerprint() + "\""))
                .containsExactly(partlyCaptured.getId(), visa.getId());
        assertThat(charges(stripe, "payment_method_details.card.exp_month:" + visaCard.getExpMonth()
                + " AND payment_method_details.card.exp_year:\"" + visaCard.getExpYear() + "\""))
                .contains(visa.getId(), partlyCaptured.getId());
        // Valid at Stripe, but Pinstripe has no card-present payments.
        assertThat(charges(stripe, "payment_method_details.card_present.last4:\"4242\"")).isEmpty();
        assertThat(charges(stripe, "payment_method_details.interac_present.brand:null")).hasSize(6);
    }

    @Test
    void chargesAreFoundByBillingPostalCodeCustomerAndMetadata() throws StripeException {
        StripeClient stripe = freshAccount();
        Customer customer = stripe.v1().customers().create(CustomerCreateParams.builder().build());
        PaymentMethod withAddress = stripe.v1().paymentMethods().create(PaymentMethodCreateParams.builder()
                .setType(PaymentMethodCreateParams.Type.CARD)
                .setCard(PaymentMethodCreateParams.Token.builder().setToken("tok_visa").build())
                .setBillingDetails(PaymentMethodCreateParams.BillingDetails.builder()
                        .setAddress(PaymentMethodCreateParams.BillingDetails.Address.builder()
                                .setPostalCode("94107").setCountry("US").build())
                        .build())
                .build());
        PaymentIntent fromSf = pay(stripe, 1200, withAddress.getId());
        PaymentIntent forCustomer = stripe.v1().paymentIntents().create(intent(1300, "usd")
                .setPaymentMethod("pm_card_visa").setConfirm(true).setCustomer(customer.getId())
                .putMetadata("order_id", "6735").build());

        assertThat(charges(stripe, "billing_details.address.postal_code:\"94107\""))
                .containsExactly(fromSf.getLatestCharge());
        assertThat(charges(stripe, "billing_details.address.postal_code:94107"))
                .containsExactly(fromSf.getLatestCharge());
        assertThat(charges(stripe, "billing_details.address.postal_code:null"))
                .containsExactly(forCustomer.getLatestCharge());
        assertThat(charges(stripe, "customer:'" + customer.getId() + "'")).containsExactly(forCustomer.getLatestCharge());
        // Stripe's own example for charges.
        assertThat(charges(stripe, "amount>999 AND metadata['order_id']:'6735'"))
                .containsExactly(forCustomer.getLatestCharge());
    }

    @Test
    void legacyChargesAreSearchedWithTheOthers() throws StripeException {
        StripeClient stripe = freshAccount();
        Charge legacy = stripe.v1().charges().create(ChargeCreateParams.builder().setAmount(4321L).setCurrency("usd")
                .setSource("tok_mastercard").putMetadata("via", "charges-api").build());
        PaymentIntent modern = pay(stripe, 1234, "pm_card_visa");

        assertThat(charges(stripe, "payment_method_details.card.brand:'mastercard' AND metadata['via']:'charges-api'"))
                .containsExactly(legacy.getId());
        assertThat(charges(stripe, "amount>1000 AND refunded:null"))
                .containsExactly(modern.getLatestCharge(), legacy.getId());
    }

    @Test
    void resultsPageNewestFirstWithPageTokensAndReportTheTotalCount() throws StripeException {
        StripeClient stripe = freshAccount();
        List<String> created = new ArrayList<>();
        // All in the same second, so the order falls back to creation order.
        for (int i = 1; i <= 5; i++) {
            created.add(pay(stripe, 100L * i, "pm_card_visa").getId());
        }
        List<String> newestFirst = created.reversed();

        StripeSearchResult<PaymentIntent> first = stripe.v1().paymentIntents().search(PaymentIntentSearchParams
                .builder().setQuery("currency:'usd'").setLimit(2L).build());
        assertThat(first.getData()).extracting(PaymentIntent::getId).containsExactlyElementsOf(newestFirst.subList(0, 2));
        assertThat(first.getHasMore()).isTrue();
        assertThat(first.getNextPage()).isNotBlank();
        assertThat(first.getRawJsonObject().has("total_count")).isFalse();

        StripeSearchResult<PaymentIntent> second = stripe.v1().paymentIntents().search(PaymentIntentSearchParams
                .builder().setQuery("currency:'usd'").setLimit(2L).setPage(first.getNextPage()).build());
        assertThat(second.getData()).extracting(PaymentIntent::getId)
                .containsExactlyElementsOf(newestFirst.subList(2, 4));

        List<String> all = new ArrayList<>();
        first.autoPagingIterable().forEach(pi -> all.add(pi.getId()));
        assertThat(all).containsExactlyElementsOf(newestFirst);

        StripeSearchResult<PaymentIntent> counted = stripe.v1().paymentIntents().search(PaymentIntentSearchParams
                .builder().setQuery("amount>100").setLimit(1L).addExpand("total_count").build());
        assertThat(counted.getData()).hasSize(1);
        assertThat(counted.getRawJsonObject().get("total_count").getAsLong()).isEqualTo(4);

        List<String> charges = new ArrayList<>();
        stripe.v1().charges().search(ChargeSearchParams.builder().setQuery("status:'succeeded'").setLimit(1L).build())
                .autoPagingIterable().forEach(c -> charges.add(c.getPaymentIntent()));
        assertThat(charges).containsExactlyElementsOf(newestFirst);
        assertThat(stripe.v1().charges().search(ChargeSearchParams.builder().setQuery("amount<=200")
                .addExpand("total_count").build()).getRawJsonObject().get("total_count").getAsLong()).isEqualTo(2);

        // A page token belongs to its resource and query.
        for (ThrowingSearch misuse : List.<ThrowingSearch>of(
                () -> stripe.v1().paymentIntents().search(PaymentIntentSearchParams.builder()
                        .setQuery("currency:'eur'").setPage(first.getNextPage()).build()),
                () -> stripe.v1().charges().search(ChargeSearchParams.builder()
                        .setQuery("currency:'usd'").setPage(first.getNextPage()).build()),
                () -> stripe.v1().paymentIntents().search(PaymentIntentSearchParams.builder()
                        .setQuery("currency:'usd'").setPage("not-a-token").build()))) {
            assertThatThrownBy(misuse::run).isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                assertThat(e.getStatusCode()).isEqualTo(400);
                assertThat(e.getParam()).isEqualTo("page");
            });
        }
    }

    @Test
    void searchesSeeOnlyTheirOwnAccount() throws StripeException {
        StripeClient one = freshAccount();
        StripeClient other = freshAccount();
        PaymentIntent paid = pay(one, 1000, "pm_card_visa");

        assertThat(intents(one, "amount:1000")).containsExactly(paid.getId());
        assertThat(intents(other, "amount:1000")).isEmpty();
        assertThat(charges(one, "amount:1000")).containsExactly(paid.getLatestCharge());
        assertThat(charges(other, "amount:1000")).isEmpty();
    }

    @Test
    void unsupportedFieldsAndBadValuesAreRefusedWithStripesMessages() {
        StripeClient stripe = freshAccount();
        assertQueryRejected(() -> stripe.v1().paymentIntents().search(PaymentIntentSearchParams.builder()
                .setQuery("planet:'mars'").build()),
                "Field `planet` is an unsupported search field for resource `payment_intents`. See"
                        + " http://stripe.com/docs/search#query-fields-for-payment-intents for a list of supported fields.");
        assertQueryRejected(() -> stripe.v1().paymentIntents().search(PaymentIntentSearchParams.builder()
                .setQuery("disputed:'true'").build()),
                "Field `disputed` is an unsupported search field for resource `payment_intents`. See"
                        + " http://stripe.com/docs/search#query-fields-for-payment-intents for a list of supported fields.");
        assertQueryRejected(() -> stripe.v1().charges().search(ChargeSearchParams.builder()
                .setQuery("payment_method_details.card.cvc_check:'pass'").build()),
                "Field `payment_method_details.card.cvc_check` is an unsupported search field for resource `charges`."
                        + " See http://stripe.com/docs/search#query-fields-for-charges for a list of supported fields.");
        assertQueryRejected(() -> stripe.v1().charges().search(ChargeSearchParams.builder()
                .setQuery("disputed:'yes'").build()),
                "The value for `disputed` must be \"true\" or \"false\", as in `disputed:\"true\"`.");
        assertQueryRejected(() -> stripe.v1().charges().search(ChargeSearchParams.builder()
                .setQuery("refunded>'true'").build()),
                "The `>` operator isn't supported for `refunded`, which is a token field; use `:`.");
        assertQueryRejected(() -> stripe.v1().paymentIntents().search(PaymentIntentSearchParams.builder()
                .setQuery("amount~'100'").build()),
                "The `~` operator isn't supported for `amount`, which is a numeric field; use `:`, `>`, `>=`, `<`, `<=`.");
        assertQueryRejected(() -> stripe.v1().paymentIntents().search(PaymentIntentSearchParams.builder()
                .setQuery("status~'succ'").build()),
                "The `~` operator isn't supported for `status`, which is a token field; use `:`.");
        assertThatThrownBy(() -> stripe.v1().charges().search(ChargeSearchParams.builder()
                .setQuery("disputed:true").build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.getParam()).isEqualTo("query");
                    assertThat(e.getStripeError().getMessage()).startsWith("We were unable to parse your search query.");
                });
    }

    @Test
    void searchRoutesComeBeforeTheIdRoutes() throws StripeException {
        // Without a query, a search is a 400 about the query, not a missing object named "search".
        for (String path : List.of("/v1/payment_intents/search", "/v1/charges/search")) {
            HttpResponse<String> response = server.get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(400);
            assertThat(response.body()).as(path).contains("\"param\": \"query\"");
        }
        HttpResponse<String> limited = server.get("/v1/charges/search?limit=101&query="
                + URLEncoder.encode("amount>1", StandardCharsets.UTF_8));
        assertThat(limited.statusCode()).isEqualTo(400);
        assertThat(limited.body()).contains("\"param\": \"limit\"");
        HttpResponse<String> unknown = server.get("/v1/payment_intents/search?colour=red&query="
                + URLEncoder.encode("amount>1", StandardCharsets.UTF_8));
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("colour");

        PaymentIntent paid = pay(server.stripe(), 1000, "pm_card_visa");
        assertThat(server.stripe().v1().paymentIntents().retrieve(paid.getId()).getId()).isEqualTo(paid.getId());
        assertThat(server.stripe().v1().charges().retrieve(paid.getLatestCharge()).getId())
                .isEqualTo(paid.getLatestCharge());
    }
}
