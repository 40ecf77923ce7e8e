package dev.pinstripe.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stripe.StripeClient;
import com.stripe.exception.CardException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.Balance;
import com.stripe.model.BalanceTransaction;
import com.stripe.model.Charge;
import com.stripe.model.Dispute;
import com.stripe.model.PaymentIntent;
import com.stripe.model.Refund;
import com.stripe.param.BalanceTransactionListParams;
import com.stripe.param.DisputeListParams;
import com.stripe.param.DisputeUpdateParams;
import com.stripe.param.PaymentIntentCaptureParams;
import com.stripe.param.PaymentIntentConfirmParams;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.RefundCreateParams;
import dev.pinstripe.testing.TestServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** PaymentIntents, charges, refunds, disputes and the balance, driven by stripe-java. */
class PaymentsTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Each test gets its own account, so balances start at zero. */
    private static StripeClient freshAccount() {
        return server.stripe(server.newAccount().secretKey());
    }

    private static PaymentIntent pay(StripeClient stripe, long amount, String paymentMethod) throws StripeException {
        return stripe.v1().paymentIntents().create(PaymentIntentCreateParams.builder()
                .setAmount(amount).setCurrency("usd").setPaymentMethod(paymentMethod).setConfirm(true).build());
    }

    private static long available(Balance balance, String currency) {
        return balance.getAvailable().stream().filter(f -> f.getCurrency().equals(currency))
                .mapToLong(Balance.Available::getAmount).sum();
    }

    private static long pending(Balance balance, String currency) {
        return balance.getPending().stream().filter(f -> f.getCurrency().equals(currency))
                .mapToLong(Balance.Pending::getAmount).sum();
    }

    @Test
    void theQuickStartPaysRefundsAndShowsTheBalance() throws StripeException {
        StripeClient stripe = freshAccount();
        PaymentIntent pi = stripe.v1().paymentIntents().create(PaymentIntentCreateParams.builder()
                .setAmount(2000L).setCurrency("usd")
                .setAutomaticPaymentMethods(PaymentIntentCreateParams.AutomaticPaymentMethods.builder()
                        .setEnabled(true).build())
                .build());
        assertThat(pi.getId()).startsWith("pi_");
        assertThat(pi.getStatus()).isEqualTo("requires_payment_method");
        assertThat(pi.getClientSecret()).startsWith(pi.getId() + "_secret_");

        PaymentIntent confirmed = stripe.v1().paymentIntents().confirm(pi.getId(),
                PaymentIntentConfirmParams.builder().setPaymentMethod("pm_card_visa").build());
        assertThat(confirmed.getStatus()).isEqualTo("succeeded");
        assertThat(confirmed.getAmountReceived()).isEqualTo(2000L);
        assertThat(confirmed.getPaymentMethod()).startsWith("pm_").isNotEqualTo("pm_card_visa");

        Charge charge = stripe.v1().charges().retrieve(confirmed.getLatestCharge());
        assertThat(charge.getStatus()).isEqualTo("succeeded");
        assertThat(charge.getPaid()).isTrue();
        assertThat(charge.getCaptured()).isTrue();
        assertThat(charge.getAmountCaptured()).isEqualTo(2000L);
        assertThat(charge.getOutcome().getNetworkStatus()).isEqualTo("approved_by_network");
        assertThat(charge.getOutcome().getType()).isEqualTo("authorized");
        assertThat(charge.getPaymentMethodDetails().getCard().getBrand()).isEqualTo("visa");
        assertThat(charge.getPaymentMethodDetails().getCard().getLast4()).isEqualTo("4242");

        BalanceTransaction txn = stripe.v1().balanceTransactions().retrieve(charge.getBalanceTransaction());
        assertThat(txn.getType()).isEqualTo("charge");
        assertThat(txn.getAmount()).isEqualTo(2000L);
        assertThat(txn.getFee()).isEqualTo(88L); // 2.9% of 2000 = 58, plus 30
        assertThat(txn.getNet()).isEqualTo(1912L);
        assertThat(txn.getFeeDetails()).singleElement()
                .satisfies(f -> assertThat(f.getType()).isEqualTo("stripe_fee"));
        assertThat(txn.getStatus()).isEqualTo("pending");
        assertThat(txn.getSource()).isEqualTo(charge.getId());

        Balance before = stripe.v1().balance().retrieve();
        assertThat(pending(before, "usd")).isEqualTo(1912L);
        assertThat(available(before, "usd")).isZero();

        server.clock.advance(Duration.ofDays(3));
        Balance settled = stripe.v1().balance().retrieve();
        assertThat(available(settled, "usd")).isEqualTo(1912L);
        assertThat(pending(settled, "usd")).isZero();
        assertThat(stripe.v1().balanceTransactions().retrieve(txn.getId()).getStatus()).isEqualTo("available");

        Refund refund = stripe.v1().refunds().create(RefundCreateParams.builder().setPaymentIntent(pi.getId()).build());
        assertThat(refund.getStatus()).isEqualTo("succeeded");
        assertThat(refund.getAmount()).isEqualTo(2000L);
        assertThat(refund.getCharge()).isEqualTo(charge.getId());
        BalanceTransaction refundTxn = stripe.v1().balanceTransactions().retrieve(refund.getBalanceTransaction());
        assertThat(refundTxn.getType()).isEqualTo("refund");
        assertThat(refundTxn.getNet()).isEqualTo(-2000L);
        // The processing fee is not returned: the merchant is 88 short.
        assertThat(available(stripe.v1().balance().retrieve(), "usd")).isEqualTo(-88L);
        assertThat(stripe.v1().charges().retrieve(charge.getId()).getRefunded()).isTrue();

        assertThat(stripe.v1().balanceTransactions().list(BalanceTransactionListParams.builder().build()).getData())
                .extracting(BalanceTransaction::getType).containsExactly("refund", "charge");
        assertThat(stripe.v1().balanceTransactions().list(BalanceTransactionListParams.builder().setType("charge")
                .build()).getData()).hasSize(1);
    }

    @ParameterizedTest
    @CsvSource({
        "pm_card_chargeDeclined, card_declined, generic_decline, Your card was declined.",
        "pm_card_chargeDeclinedInsufficientFunds, card_declined, insufficient_funds, Your card has insufficient funds.",
        "pm_card_visa_chargeDeclinedLostCard, card_declined, lost_card, Your card was declined.",
        "pm_card_visa_chargeDeclinedStolenCard, card_declined, stolen_card, Your card was declined.",
        "pm_card_chargeDeclinedExpiredCard, expired_card, , Your card has expired.",
        "pm_card_chargeDeclinedIncorrectCvc, incorrect_cvc, , Your card's security code is incorrect.",
        "pm_card_chargeDeclinedProcessingError, processing_error, , An error occurred while processing your card. Try again in a little bit.",
    })
    void aDeclinedCardFailsWithItsCodeAndRecordsAFailedCharge(String card, String code, String declineCode,
            String message) throws StripeException {
        StripeClient stripe = freshAccount();
        CardException e = (CardException) org.assertj.core.api.Assertions.catchThrowable(() -> pay(stripe, 1000, card));
        assertThat(e.getStatusCode()).isEqualTo(402);
        assertThat(e.getCode()).isEqualTo(code);
        assertThat(e.getDeclineCode()).isEqualTo(declineCode);
        assertThat(e.getStripeError().getMessage()).isEqualTo(message);
        PaymentIntent pi = e.getStripeError().getPaymentIntent();
        assertThat(pi.getStatus()).isEqualTo("requires_payment_method");
        assertThat(pi.getLastPaymentError().getCode()).isEqualTo(code);

        Charge failed = stripe.v1().charges().retrieve(e.getCharge());
        assertThat(failed.getStatus()).isEqualTo("failed");
        assertThat(failed.getFailureCode()).isEqualTo(code);
        assertThat(failed.getBalanceTransaction()).isNull();
        assertThat(failed.getOutcome().getType()).isEqualTo("issuer_declined");
        assertThat(pending(stripe.v1().balance().retrieve(), "usd")).isZero();

        // The same PaymentIntent can be retried with another card.
        PaymentIntent retried = stripe.v1().paymentIntents().confirm(pi.getId(),
                PaymentIntentConfirmParams.builder().setPaymentMethod("pm_card_visa").build());
        assertThat(retried.getStatus()).isEqualTo("succeeded");
        assertThat(retried.getLastPaymentError()).isNull();
    }

    @Test
    void aManualCaptureCanBePartialAndReleasesTheRest() throws StripeException {
        StripeClient stripe = freshAccount();
        PaymentIntent pi = stripe.v1().paymentIntents().create(PaymentIntentCreateParams.builder()
                .setAmount(2000L).setCurrency("usd").setPaymentMethod("pm_card_mastercard").setConfirm(true)
                .setCaptureMethod(PaymentIntentCreateParams.CaptureMethod.MANUAL).build());
        assertThat(pi.getStatus()).isEqualTo("requires_capture");
        assertThat(pi.getAmountCapturable()).isEqualTo(2000L);
        assertThat(stripe.v1().charges().retrieve(pi.getLatestCharge()).getCaptured()).isFalse();
        assertThat(pending(stripe.v1().balance().retrieve(), "usd")).isZero();

        assertThatThrownBy(() -> stripe.v1().paymentIntents().capture(pi.getId(),
                PaymentIntentCaptureParams.builder().setAmountToCapture(2001L).build()))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("amount capturable");

        PaymentIntent captured = stripe.v1().paymentIntents().capture(pi.getId(),
                PaymentIntentCaptureParams.builder().setAmountToCapture(1500L).build());
        assertThat(captured.getStatus()).isEqualTo("succeeded");
        assertThat(captured.getAmountReceived()).isEqualTo(1500L);
        assertThat(captured.getAmountCapturable()).isZero();
        Charge charge = stripe.v1().charges().retrieve(pi.getLatestCharge());
        assertThat(charge.getAmountCaptured()).isEqualTo(1500L);
        assertThat(charge.getAmountRefunded()).isEqualTo(500L);
        assertThat(charge.getRefunded()).isFalse();
        BalanceTransaction txn = stripe.v1().balanceTransactions().retrieve(charge.getBalanceTransaction());
        assertThat(txn.getAmount()).isEqualTo(1500L);
        assertThat(txn.getFee()).isEqualTo(74L); // 43.5 rounds half up to 44, plus 30

        // A refund may return only what was captured.
        assertThatThrownBy(() -> stripe.v1().refunds().create(RefundCreateParams.builder()
                .setCharge(charge.getId()).setAmount(1501L).build()))
                .isInstanceOf(InvalidRequestException.class)
                .satisfies(e -> assertThat(((InvalidRequestException) e).getCode()).isEqualTo("amount_too_large"));
    }

    @Test
    void capturingNoMoreThanTheFeeLeavesTheMerchantNothing() throws StripeException {
        StripeClient stripe = freshAccount();
        PaymentIntent pi = stripe.v1().paymentIntents().create(PaymentIntentCreateParams.builder()
                .setAmount(1000L).setCurrency("usd").setPaymentMethod("pm_card_visa").setConfirm(true)
                .setCaptureMethod(PaymentIntentCreateParams.CaptureMethod.MANUAL).build());
        PaymentIntent captured = stripe.v1().paymentIntents().capture(pi.getId(),
                PaymentIntentCaptureParams.builder().setAmountToCapture(30L).build());
        BalanceTransaction txn = stripe.v1().balanceTransactions().retrieve(
                stripe.v1().charges().retrieve(captured.getLatestCharge()).getBalanceTransaction());
        assertThat(txn.getAmount()).isEqualTo(30L);
        assertThat(txn.getFee()).isEqualTo(30L);
        assertThat(txn.getNet()).isZero();
    }

    @Test
    void callsNotAllowedInTheCurrentStatusAreRefused() throws StripeException {
        StripeClient stripe = freshAccount();
        PaymentIntent succeeded = pay(stripe, 1000, "pm_card_visa");
        assertUnexpectedState(() -> stripe.v1().paymentIntents().capture(succeeded.getId()));
        assertUnexpectedState(() -> stripe.v1().paymentIntents().cancel(succeeded.getId()));
        assertUnexpectedState(() -> stripe.v1().paymentIntents().confirm(succeeded.getId()));

        PaymentIntent fresh = stripe.v1().paymentIntents().create(PaymentIntentCreateParams.builder()
                .setAmount(1000L).setCurrency("usd").build());
        assertUnexpectedState(() -> stripe.v1().paymentIntents().confirm(fresh.getId()));
        assertUnexpectedState(() -> stripe.v1().paymentIntents().capture(fresh.getId()));
        PaymentIntent canceled = stripe.v1().paymentIntents().cancel(fresh.getId());
        assertThat(canceled.getStatus()).isEqualTo("canceled");
        assertThat(canceled.getCanceledAt()).isNotNull();
        assertUnexpectedState(() -> stripe.v1().paymentIntents().confirm(fresh.getId(),
                PaymentIntentConfirmParams.builder().setPaymentMethod("pm_card_visa").build()));
        assertUnexpectedState(() -> stripe.v1().paymentIntents().cancel(fresh.getId()));
    }

    @Test
    void cancelingAnUncapturedPaymentReleasesItWithoutMovingMoney() throws StripeException {
        StripeClient stripe = freshAccount();
        PaymentIntent pi = stripe.v1().paymentIntents().create(PaymentIntentCreateParams.builder()
                .setAmount(3000L).setCurrency("usd").setPaymentMethod("pm_card_visa").setConfirm(true)
                .setCaptureMethod(PaymentIntentCreateParams.CaptureMethod.MANUAL).build());
        assertThatThrownBy(() -> stripe.v1().refunds().create(RefundCreateParams.builder()
                .setPaymentIntent(pi.getId()).build())).isInstanceOf(InvalidRequestException.class);
        PaymentIntent canceled = stripe.v1().paymentIntents().cancel(pi.getId());
        assertThat(canceled.getStatus()).isEqualTo("canceled");
        Charge charge = stripe.v1().charges().retrieve(pi.getLatestCharge());
        assertThat(charge.getRefunded()).isTrue();
        assertThat(charge.getAmountCaptured()).isZero();
        assertThat(stripe.v1().balanceTransactions().list(BalanceTransactionListParams.builder().build()).getData())
                .isEmpty();
    }

    @Test
    void severalPartialRefundsNeverExceedTheCapturedAmount() throws StripeException {
        StripeClient stripe = freshAccount();
        PaymentIntent pi = pay(stripe, 5000, "pm_card_visa");
        for (long amount : new long[] {1000, 1500, 2500}) {
            stripe.v1().refunds().create(RefundCreateParams.builder().setPaymentIntent(pi.getId())
                    .setAmount(amount).build());
        }
        Charge charge = stripe.v1().charges().retrieve(pi.getLatestCharge());
        assertThat(charge.getAmountRefunded()).isEqualTo(5000L);
        assertThat(charge.getRefunded()).isTrue();
        assertThatThrownBy(() -> stripe.v1().refunds().create(RefundCreateParams.builder()
                .setPaymentIntent(pi.getId()).setAmount(1L).build()))
                .isInstanceOf(InvalidRequestException.class)
                .satisfies(e -> assertThat(((InvalidRequestException) e).getCode()).isEqualTo("charge_already_refunded"));
        // 5000 - fee 175 - refunds 5000
        assertThat(available(stripe.v1().balance().retrieve(), "usd")
                + pending(stripe.v1().balance().retrieve(), "usd")).isEqualTo(-175L);
    }

    @Test
    void aDisputeWithdrawsTheAmountAndFeeAndWinningReturnsThem() throws StripeException {
        StripeClient stripe = freshAccount();
        PaymentIntent pi = pay(stripe, 10000, "pm_card_createDispute");
        Charge charge = stripe.v1().charges().retrieve(pi.getLatestCharge());
        assertThat(charge.getDisputed()).isTrue();
        Dispute dispute = stripe.v1().disputes().list(DisputeListParams.builder().setCharge(charge.getId()).build())
                .getData().getFirst();
        assertThat(dispute.getStatus()).isEqualTo("needs_response");
        assertThat(dispute.getAmount()).isEqualTo(10000L);
        assertThat(dispute.getBalanceTransactions()).singleElement().satisfies(t -> {
            assertThat(t.getAmount()).isEqualTo(-10000L);
            assertThat(t.getFee()).isEqualTo(1500L);
            assertThat(t.getNet()).isEqualTo(-11500L);
            assertThat(t.getReportingCategory()).isEqualTo("dispute");
        });
        long net = 10000 - 320;
        assertThat(total(stripe)).isEqualTo(net - 11500);

        Dispute won = stripe.v1().disputes().update(dispute.getId(), DisputeUpdateParams.builder()
                .setEvidence(DisputeUpdateParams.Evidence.builder().setUncategorizedText("winning_evidence").build())
                .setSubmit(true).build());
        assertThat(won.getStatus()).isEqualTo("won");
        assertThat(won.getBalanceTransactions()).hasSize(2);
        assertThat(total(stripe)).isEqualTo(net);
    }

    @Test
    void aLostDisputeKeepsTheMoneyWithdrawn() throws StripeException {
        StripeClient stripe = freshAccount();
        PaymentIntent pi = pay(stripe, 10000, "pm_card_createDispute");
        Dispute dispute = stripe.v1().disputes().list(DisputeListParams.builder()
                .setPaymentIntent(pi.getId()).build()).getData().getFirst();
        Dispute lost = stripe.v1().disputes().update(dispute.getId(), DisputeUpdateParams.builder()
                .setEvidence(DisputeUpdateParams.Evidence.builder().setUncategorizedText("losing_evidence").build())
                .setSubmit(true).build());
        assertThat(lost.getStatus()).isEqualTo("lost");
        assertThat(total(stripe)).isEqualTo(10000 - 320 - 11500);
        assertThatThrownBy(() -> stripe.v1().disputes().close(dispute.getId()))
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void aThreeDSecureCardWaitsForTheRedirectPage() throws StripeException {
        StripeClient stripe = freshAccount();
        PaymentIntent pi = stripe.v1().paymentIntents().create(PaymentIntentCreateParams.builder()
                .setAmount(1000L).setCurrency("usd").setPaymentMethod("pm_card_threeDSecure2Required")
                .setReturnUrl("https://shop.example/return").setConfirm(true).build());
        assertThat(pi.getStatus()).isEqualTo("requires_action");
        assertThat(pi.getNextAction().getType()).isEqualTo("redirect_to_url");
        String url = pi.getNextAction().getRedirectToUrl().getUrl();
        assertThat(url).startsWith(server.baseUrl() + "/pinstripe/3ds/" + pi.getId());

        HttpResponse<String> page = server.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).GET());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Complete authentication");

        HttpResponse<String> done = server.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                        server.baseUrl() + "/pinstripe/3ds/" + pi.getId() + "/complete"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("client_secret=" + pi.getClientSecret())));
        assertThat(done.statusCode()).isEqualTo(303);
        assertThat(done.headers().firstValue("Location").orElseThrow())
                .startsWith("https://shop.example/return?payment_intent=" + pi.getId())
                .endsWith("redirect_status=succeeded");
        PaymentIntent after = stripe.v1().paymentIntents().retrieve(pi.getId());
        assertThat(after.getStatus()).isEqualTo("succeeded");
        assertThat(stripe.v1().charges().retrieve(after.getLatestCharge()).getPaymentMethodDetails().getCard()
                .getThreeDSecure().getResult()).isEqualTo("authenticated");
    }

    @Test
    void failingThreeDSecureReturnsThePaymentToRequiresPaymentMethod() throws StripeException {
        StripeClient stripe = freshAccount();
        PaymentIntent pi = pay(stripe, 1000, "pm_card_threeDSecure2Required");
        HttpResponse<String> done = server.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                        server.baseUrl() + "/pinstripe/3ds/" + pi.getId() + "/fail"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("client_secret=" + pi.getClientSecret())));
        assertThat(done.statusCode()).isEqualTo(200);
        PaymentIntent after = stripe.v1().paymentIntents().retrieve(pi.getId());
        assertThat(after.getStatus()).isEqualTo("requires_payment_method");
        assertThat(after.getLastPaymentError().getCode()).isEqualTo("payment_intent_authentication_failure");

        HttpResponse<String> wrongSecret = server.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                server.baseUrl() + "/pinstripe/3ds/" + pi.getId() + "?client_secret=nope")).GET());
        assertThat(wrongSecret.statusCode()).isEqualTo(404);
    }

    @Test
    void theBypassPendingCardIsAvailableAtOnce() throws StripeException {
        StripeClient stripe = freshAccount();
        pay(stripe, 1000, "pm_card_bypassPending");
        Balance balance = stripe.v1().balance().retrieve();
        assertThat(available(balance, "usd")).isEqualTo(1000 - 59);
        assertThat(pending(balance, "usd")).isZero();
    }

    @Test
    void amountsFollowCurrencyRules() throws StripeException {
        StripeClient stripe = freshAccount();
        PaymentIntent yen = stripe.v1().paymentIntents().create(PaymentIntentCreateParams.builder()
                .setAmount(500L).setCurrency("JPY").setPaymentMethod("pm_card_visa").setConfirm(true).build());
        assertThat(yen.getCurrency()).isEqualTo("jpy");
        BalanceTransaction txn = stripe.v1().balanceTransactions().retrieve(
                stripe.v1().charges().retrieve(yen.getLatestCharge()).getBalanceTransaction());
        assertThat(txn.getFee()).isEqualTo(15L + 30L); // 2.9% of 500 = 14.5 -> 15
        assertThatThrownBy(() -> stripe.v1().paymentIntents().create(PaymentIntentCreateParams.builder()
                .setAmount(49L).setCurrency("usd").build()))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("Amount must be at least $0.50 usd");
        assertThatThrownBy(() -> stripe.v1().paymentIntents().create(PaymentIntentCreateParams.builder()
                .setAmount(100_000_000L).setCurrency("usd").build()))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("Amount must be no more than $999,999.99");
        assertThatThrownBy(() -> stripe.v1().paymentIntents().create(PaymentIntentCreateParams.builder()
                .setAmount(1000L).setCurrency("xyz").build()))
                .isInstanceOf(InvalidRequestException.class)
                .satisfies(e -> assertThat(((InvalidRequestException) e).getParam()).isEqualTo("currency"));
    }

    private static long total(StripeClient stripe) throws StripeException {
        Balance b = stripe.v1().balance().retrieve();
        return available(b, "usd") + pending(b, "usd");
    }

    private static void assertUnexpectedState(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(InvalidRequestException.class)
                .satisfies(e -> assertThat(((InvalidRequestException) e).getCode())
                        .isEqualTo("payment_intent_unexpected_state"));
    }
}
