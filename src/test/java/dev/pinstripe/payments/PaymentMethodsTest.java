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
import com.stripe.param.ChargeCaptureParams;
import com.stripe.param.ChargeCreateParams;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.PaymentMethodAttachParams;
import com.stripe.param.PaymentMethodCreateParams;
import com.stripe.param.PaymentMethodListParams;
import com.stripe.param.PaymentMethodUpdateParams;
import dev.pinstripe.testing.TestServer;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Payment methods, the legacy Charges API, and idempotent payments. */
class PaymentMethodsTest {
    static TestServer server;
    static StripeClient stripe;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        stripe = server.stripe();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static PaymentMethod card(StripeClient client, String number, long expMonth, long expYear, String cvc)
            throws StripeException {
        return client.v1().paymentMethods().create(PaymentMethodCreateParams.builder()
                .setType(PaymentMethodCreateParams.Type.CARD)
                .setCard(PaymentMethodCreateParams.CardDetails.builder().setNumber(number).setExpMonth(expMonth)
                        .setExpYear(expYear).setCvc(cvc).build())
                .build());
    }

    @Test
    void aRawTestCardBecomesAPaymentMethodWithStripesCardDetails() throws StripeException {
        PaymentMethod pm = card(stripe, "4242 4242 4242 4242", 12, 2034, "123");
        assertThat(pm.getId()).startsWith("pm_");
        assertThat(pm.getType()).isEqualTo("card");
        assertThat(pm.getCard().getBrand()).isEqualTo("visa");
        assertThat(pm.getCard().getLast4()).isEqualTo("4242");
        assertThat(pm.getCard().getFunding()).isEqualTo("credit");
        assertThat(pm.getCard().getCountry()).isEqualTo("US");
        assertThat(pm.getCard().getExpYear()).isEqualTo(2034L);
        assertThat(pm.getCard().getFingerprint()).hasSize(16);
        assertThat(pm.getCard().getChecks().getCvcCheck()).isEqualTo("unchecked");

        PaymentMethod again = card(stripe, "4242424242424242", 1, 2030, "999");
        assertThat(again.getCard().getFingerprint()).isEqualTo(pm.getCard().getFingerprint());
        PaymentMethod other = card(server.stripe(server.newAccount().secretKey()), "4242424242424242", 1, 2030, "999");
        assertThat(other.getCard().getFingerprint()).isNotEqualTo(pm.getCard().getFingerprint());
        assertThat(card(stripe, "5555555555554444", 1, 2030, "999").getCard().getBrand()).isEqualTo("mastercard");
    }

    @Test
    void theCardNumberIsNeverStored() throws StripeException {
        card(stripe, "4000056655665556", 12, 2034, "123");
        long found = server.pinstripe().database().jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM payment_methods WHERE card::text LIKE '%4000056655665556%'"
                        + " OR network_profile LIKE '%4000056655665556%' OR billing_details::text LIKE '%4000056655665556%'")
                .mapTo(Long.class).one());
        long inKeys = server.pinstripe().database().jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM idempotency_keys WHERE response_body LIKE '%4000056655665556%'")
                .mapTo(Long.class).one());
        assertThat(found + inKeys).isZero();
    }

    @Test
    void invalidCardDataGetsStripesCardErrors() {
        CardException number = catchThrowableOfType(CardException.class,
                () -> card(stripe, "4242424242424241", 12, 2034, "123"));
        assertThat(number.getStatusCode()).isEqualTo(402);
        assertThat(number.getCode()).isEqualTo("incorrect_number");
        assertThat(number.getParam()).isEqualTo("number");
        assertThat(catchThrowableOfType(CardException.class, () -> card(stripe, "4242424242424242", 13, 2034, "123"))
                .getCode()).isEqualTo("invalid_expiry_month");
        assertThat(catchThrowableOfType(CardException.class, () -> card(stripe, "4242424242424242", 12, 2020, "123"))
                .getCode()).isEqualTo("invalid_expiry_year");
        assertThat(catchThrowableOfType(CardException.class, () -> card(stripe, "4242424242424242", 12, 2034, "12"))
                .getCode()).isEqualTo("invalid_cvc");
    }

    @Test
    void paymentMethodsAttachToCustomersAndDetach() throws StripeException {
        Customer customer = stripe.v1().customers().create(CustomerCreateParams.builder().setEmail("a@b.c").build());
        PaymentMethod pm = stripe.v1().paymentMethods().attach("pm_card_visa",
                PaymentMethodAttachParams.builder().setCustomer(customer.getId()).build());
        assertThat(pm.getId()).startsWith("pm_").isNotEqualTo("pm_card_visa");
        assertThat(pm.getCustomer()).isEqualTo(customer.getId());
        assertThat(pm.getCard().getChecks().getCvcCheck()).isEqualTo("pass");

        assertThat(stripe.v1().customers().paymentMethods().list(customer.getId()).getData())
                .extracting(PaymentMethod::getId).containsExactly(pm.getId());
        assertThat(stripe.v1().paymentMethods().list(PaymentMethodListParams.builder()
                .setCustomer(customer.getId()).setType(PaymentMethodListParams.Type.CARD).build()).getData())
                .hasSize(1);

        PaymentMethod updated = stripe.v1().paymentMethods().update(pm.getId(), PaymentMethodUpdateParams.builder()
                .setCard(PaymentMethodUpdateParams.Card.builder().setExpMonth(3L).setExpYear(2031L).build())
                .putMetadata("k", "v").build());
        assertThat(updated.getCard().getExpMonth()).isEqualTo(3L);
        assertThat(updated.getMetadata()).containsEntry("k", "v");

        Customer other = stripe.v1().customers().create(CustomerCreateParams.builder().build());
        assertThatThrownBy(() -> stripe.v1().paymentMethods().attach(pm.getId(),
                PaymentMethodAttachParams.builder().setCustomer(other.getId()).build()))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("already been attached");

        // A saved card needs its customer on the payment.
        assertThatThrownBy(() -> stripe.v1().paymentIntents().create(PaymentIntentCreateParams.builder()
                .setAmount(1000L).setCurrency("usd").setPaymentMethod(pm.getId()).build()))
                .isInstanceOf(InvalidRequestException.class);
        PaymentIntent paid = stripe.v1().paymentIntents().create(PaymentIntentCreateParams.builder()
                .setAmount(1000L).setCurrency("usd").setCustomer(customer.getId()).setPaymentMethod(pm.getId())
                .setConfirm(true).build());
        assertThat(paid.getStatus()).isEqualTo("succeeded");

        PaymentMethod detached = stripe.v1().paymentMethods().detach(pm.getId());
        assertThat(detached.getCustomer()).isNull();
        assertThat(stripe.v1().customers().paymentMethods().list(customer.getId()).getData()).isEmpty();
        assertThatThrownBy(() -> stripe.v1().paymentMethods().detach(pm.getId()))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> stripe.v1().paymentMethods().update(pm.getId(),
                PaymentMethodUpdateParams.builder().putMetadata("k", "w").build()))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("save this PaymentMethod");
    }

    @Test
    void aCardThatDeclinesOnAttachIsRefusedButChargeCustomerFailAttaches() throws StripeException {
        Customer customer = stripe.v1().customers().create(CustomerCreateParams.builder().build());
        CardException declined = catchThrowableOfType(CardException.class, () -> stripe.v1().paymentMethods()
                .attach("pm_card_chargeDeclined", PaymentMethodAttachParams.builder()
                        .setCustomer(customer.getId()).build()));
        assertThat(declined.getCode()).isEqualTo("card_declined");
        PaymentMethod attached = stripe.v1().paymentMethods().attach("pm_card_chargeCustomerFail",
                PaymentMethodAttachParams.builder().setCustomer(customer.getId()).build());
        CardException charge = catchThrowableOfType(CardException.class, () -> stripe.v1().paymentIntents().create(
                PaymentIntentCreateParams.builder().setAmount(1000L).setCurrency("usd")
                        .setCustomer(customer.getId()).setPaymentMethod(attached.getId()).setConfirm(true).build()));
        assertThat(charge.getCode()).isEqualTo("card_declined");
    }

    @Test
    void theLegacyChargesApiChargesATokenAndCapturesLater() throws StripeException {
        Charge charge = stripe.v1().charges().create(ChargeCreateParams.builder().setAmount(2500L).setCurrency("usd")
                .setSource("tok_visa").setDescription("legacy").build());
        assertThat(charge.getStatus()).isEqualTo("succeeded");
        assertThat(charge.getPaymentIntent()).isNull();
        assertThat(charge.getBalanceTransaction()).startsWith("txn_");
        assertThat(((com.stripe.model.Card) charge.getSource()).getBrand()).isEqualTo("Visa");

        Charge held = stripe.v1().charges().create(ChargeCreateParams.builder().setAmount(2500L).setCurrency("usd")
                .setSource("tok_mastercard").setCapture(false).build());
        assertThat(held.getCaptured()).isFalse();
        Charge captured = stripe.v1().charges().capture(held.getId(),
                ChargeCaptureParams.builder().setAmount(2000L).build());
        assertThat(captured.getCaptured()).isTrue();
        assertThat(captured.getAmountCaptured()).isEqualTo(2000L);
        assertThat(captured.getAmountRefunded()).isEqualTo(500L);

        HttpResponse<String> rawCard = server.post("/v1/charges", "amount=1200&currency=usd&source[object]=card"
                + "&source[number]=5555555555554444&source[exp_month]=12&source[exp_year]=2031&source[cvc]=123");
        assertThat(rawCard.statusCode()).as(rawCard.body()).isEqualTo(200);
        assertThat(rawCard.body()).contains("\"brand\": \"MasterCard\"").doesNotContain("5555555555554444");

        CardException declined = catchThrowableOfType(CardException.class, () -> stripe.v1().charges().create(
                ChargeCreateParams.builder().setAmount(2500L).setCurrency("usd").setSource("tok_chargeDeclined")
                        .build()));
        assertThat(declined.getCode()).isEqualTo("card_declined");
        assertThat(stripe.v1().charges().retrieve(declined.getCharge()).getStatus()).isEqualTo("failed");
    }

    @Test
    void aRetriedPaymentWithTheSameKeyChargesOnce() {
        String body = "amount=1500&currency=usd&payment_method=pm_card_visa&confirm=true";
        HttpResponse<String> first = server.post("/v1/payment_intents", body, "checkout-42");
        HttpResponse<String> second = server.post("/v1/payment_intents", body, "checkout-42");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(second.headers().firstValue("Idempotent-Replayed")).contains("true");

        String declinedBody = "amount=1500&currency=usd&payment_method=pm_card_chargeDeclined&confirm=true";
        HttpResponse<String> declined = server.post("/v1/payment_intents", declinedBody, "checkout-43");
        HttpResponse<String> replay = server.post("/v1/payment_intents", declinedBody, "checkout-43");
        assertThat(declined.statusCode()).isEqualTo(402);
        assertThat(replay.statusCode()).isEqualTo(402);
        assertThat(replay.body()).isEqualTo(declined.body()).contains("\"decline_code\": \"generic_decline\"");
        long charges = server.pinstripe().database().jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM charges WHERE amount = 1500").mapTo(Long.class).one());
        assertThat(charges).isEqualTo(2);
    }
}
