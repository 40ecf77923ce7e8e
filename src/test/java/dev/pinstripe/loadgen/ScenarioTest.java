package dev.pinstripe.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class ScenarioTest {

    @Test
    void creatingACustomerPostsAFormWithAUniqueEmailAndTheRunId() {
        RequestSpec request = new CustomersCreate("lgabc123", true).request(42);

        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v1/customers");
        assertThat(request.formBody()).isEqualTo("email=loadgen-42@example.com&name=Load+Gen&metadata[run]=lgabc123");
    }

    @Test
    void everyCreateCarriesItsOwnIdempotencyKeyUnlessTurnedOff() {
        CustomersCreate withKeys = new CustomersCreate("run", true);
        Set<String> keys = new HashSet<>();
        for (long i = 0; i < 1_000; i++) {
            keys.add(withKeys.request(i).idempotencyKey());
        }

        assertThat(keys).hasSize(1_000).allSatisfy(key -> UUID.fromString(key));
        assertThat(new CustomersCreate("run", false).request(0).idempotencyKey()).isNull();
    }

    @Test
    void retrievingSpreadsRequestsOverAllTheCreatedCustomers() {
        List<String> ids = List.of("cus_a", "cus_b", "cus_c", "cus_d");
        CustomersRetrieve scenario = new CustomersRetrieve(ids, 7);

        Set<String> paths = new HashSet<>();
        LongStream.range(0, 200).forEach(i -> paths.add(scenario.request(i).path()));

        assertThat(paths).containsExactlyInAnyOrder(
                "/v1/customers/cus_a", "/v1/customers/cus_b", "/v1/customers/cus_c", "/v1/customers/cus_d");
        assertThat(scenario.request(5)).isEqualTo(scenario.request(5));
        assertThat(scenario.request(5).method()).isEqualTo("GET");
    }

    @Test
    void listingAsksForTenCustomers() {
        assertThat(new CustomersList().request(3)).isEqualTo(RequestSpec.get("/v1/customers?limit=10"));
    }

    @Test
    void scenarioNamesAreParsedByTheirDottedLabels() {
        assertThat(ScenarioName.parse("customers.retrieve")).isEqualTo(ScenarioName.CUSTOMERS_RETRIEVE);
        assertThat(ScenarioName.parse("payments.checkout")).isEqualTo(ScenarioName.PAYMENTS_CHECKOUT);
        assertThat(ScenarioName.parse("payments.confirm_two_step")).isEqualTo(ScenarioName.PAYMENTS_CONFIRM_TWO_STEP);
        assertThatThrownBy(() -> ScenarioName.parse("CUSTOMERS_RETRIEVE"))
                .hasMessageContaining("customers.create, customers.retrieve, customers.list, payments.checkout, "
                        + "payments.confirm_two_step");
    }

    @Test
    void checkoutIsShortForPaymentsCheckoutWhichIsTheNameReported() {
        assertThat(ScenarioName.parse("checkout")).isEqualTo(ScenarioName.PAYMENTS_CHECKOUT);
        assertThat(ScenarioName.PAYMENTS_CHECKOUT.label()).isEqualTo("payments.checkout");
        assertThat(new ScenarioName.Labels()).doesNotContain("checkout").contains("payments.checkout");
        assertThatThrownBy(() -> ScenarioName.parse("payments")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCheckoutCreatesAndConfirmsAPaymentIntentInOneRequestWithItsOwnIdempotencyKey() {
        RequestSpec checkout = PaymentRequests.checkout();

        assertThat(checkout.method()).isEqualTo("POST");
        assertThat(checkout.path()).isEqualTo("/v1/payment_intents");
        assertThat(checkout.formBody()).isEqualTo("amount=2000&currency=usd&payment_method=pm_card_visa&confirm=true");
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            keys.add(PaymentRequests.checkout().idempotencyKey());
        }
        assertThat(keys).hasSize(100).allSatisfy(key -> UUID.fromString(key));
    }

    @Test
    void theTwoStepFlowCreatesWithoutConfirmingThenConfirmsByIdWithAnotherKey() {
        RequestSpec create = PaymentRequests.create();
        RequestSpec confirm = PaymentRequests.confirm("pi_123");

        assertThat(create.path()).isEqualTo("/v1/payment_intents");
        assertThat(create.formBody()).isEqualTo("amount=2000&currency=usd&payment_method=pm_card_visa");
        assertThat(confirm.method()).isEqualTo("POST");
        assertThat(confirm.path()).isEqualTo("/v1/payment_intents/pi_123/confirm");
        assertThat(confirm.formBody()).isEmpty();
        assertThat(confirm.idempotencyKey()).isNotNull().isNotEqualTo(create.idempotencyKey());
    }

    @Test
    void aPaymentSucceedsOnlyWithHttp200AndASucceededPaymentIntent() {
        RequestSpec checkout = PaymentRequests.checkout();
        String succeeded = "{\n  \"id\": \"pi_1\",\n  \"object\": \"payment_intent\",\n  \"status\": \"succeeded\"\n}";
        String needsAction = "{\n  \"id\": \"pi_2\",\n  \"status\": \"requires_action\"\n}";

        assertThat(PaymentRequests.judgePayment(checkout, 200, succeeded)).isEqualTo(Outcome.success(200));
        Outcome notYet = PaymentRequests.judgePayment(checkout, 200, needsAction);
        assertThat(notYet.succeeded()).isFalse();
        assertThat(notYet.status()).isEqualTo(200);
        assertThat(notYet.detail()).startsWith("POST /v1/payment_intents: HTTP 200, the PaymentIntent did not succeed: ")
                .contains("\"status\": \"requires_action\"").doesNotContain("\n");
        assertThat(PaymentRequests.judgePayment(checkout, 402, "{\"error\": {\"code\": \"card_declined\"}}").succeeded())
                .isFalse();
        assertThat(PaymentRequests.judgePayment(checkout, 500, succeeded).succeeded()).isFalse();
    }

    @Test
    void theIntentIdIsTheFirstIdOfTheCreatedObject() {
        assertThat(PaymentRequests.intentId("{\n  \"id\": \"pi_3Abc\",\n  \"customer\": {\"id\": \"cus_1\"}\n}"))
                .isEqualTo("pi_3Abc");
        assertThat(PaymentRequests.intentId("{\"error\": {}}")).isNull();
        assertThat(PaymentRequests.intentId("{\n  \"id\": \"cus_1\"\n}")).isNull();
    }
}
