package dev.pinstripe.radar;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.stripe.StripeClient;
import com.stripe.exception.CardException;
import com.stripe.exception.StripeException;
import com.stripe.model.Charge;
import com.stripe.model.Event;
import com.stripe.model.PaymentIntent;
import com.stripe.model.PaymentMethod;
import com.stripe.model.Review;
import com.stripe.model.radar.EarlyFraudWarning;
import com.stripe.param.EventListParams;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.PaymentMethodCreateParams;
import com.stripe.param.radar.ValueListCreateParams;
import com.stripe.param.radar.ValueListItemCreateParams;
import dev.pinstripe.accounts.AccountService;
import dev.pinstripe.api.Json;
import dev.pinstripe.testing.TestServer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Radar on real payments through stripe-java: the risk test cards, Stripe's default rules, an
 * account's own rules (block, allow, review, request credentials, value lists, velocity), reviews
 * and early fraud warnings, and the model's score for cards that are not test cards.
 */
class RadarPaymentsTest {
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
        AccountService.NewAccount a = server.newAccount();
        return new Account(a.secretKey(), server.stripe(a.secretKey()));
    }

    private static HttpResponse<String> post(Account a, String path, String form) {
        return server.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .header("Authorization", "Bearer " + a.key())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    private static JsonNode get(Account a, String path) {
        return Json.parse(server.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .header("Authorization", "Bearer " + a.key()).GET()).body());
    }

    /** A charge's assessment: what Radar decided from, kept with the charge. */
    private static JsonNode assessment(Account a, String chargeId) {
        return get(a, "/pinstripe/v1/radar/assessments/" + chargeId);
    }

    private static String rule(Account a, String rule) {
        HttpResponse<String> r = post(a, "/pinstripe/v1/radar/rules", "rule=" + enc(rule));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Json.parse(r.body()).path("id").asText();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static PaymentIntent pay(Account a, String paymentMethod, long amount) throws StripeException {
        return a.stripe().v1().paymentIntents().create(PaymentIntentCreateParams.builder().setAmount(amount)
                .setCurrency("usd").setPaymentMethod(paymentMethod).setConfirm(true)
                .setReturnUrl("https://shop.example/return").build());
    }

    private static Charge declinedCharge(Account a, String paymentMethod, long amount) throws StripeException {
        CardException e = (CardException) catchCard(() -> pay(a, paymentMethod, amount));
        assertThat(e.getCode()).isEqualTo("card_declined");
        return a.stripe().v1().charges().retrieve(e.getStripeError().getCharge());
    }

    private interface Call {
        void run() throws StripeException;
    }

    private static Throwable catchCard(Call call) {
        try {
            call.run();
        } catch (StripeException e) {
            return e;
        }
        throw new AssertionError("the payment was not declined");
    }

    private static Charge charge(Account a, PaymentIntent pi) throws StripeException {
        return a.stripe().v1().charges().retrieve(pi.getLatestCharge());
    }

    @Test
    void alwaysBlockedCardIsBlockedBeforeTheNetworkAndMovesNoMoney() throws StripeException {
        Account a = freshAccount();
        rule(a, "Allow if :card_country: = 'US'");
        Charge c = declinedCharge(a, "pm_card_radarBlock", 2000);

        assertThat(c.getOutcome().getType()).isEqualTo("blocked");
        assertThat(c.getOutcome().getNetworkStatus()).isEqualTo("not_sent_to_network");
        assertThat(c.getOutcome().getRiskLevel()).isEqualTo("highest");
        assertThat(c.getOutcome().getRiskScore()).isEqualTo(95L);
        assertThat(c.getStatus()).isEqualTo("failed");
        assertThat(c.getBalanceTransaction()).isNull();
        assertThat(a.stripe().v1().balance().retrieve().getPending().getFirst().getAmount()).isZero();
    }

    @Test
    void highestRiskCardIsBlockedByTheDefaultRuleUnlessAnAllowRuleMatches() throws StripeException {
        Account a = freshAccount();
        Charge blocked = declinedCharge(a, "pm_card_riskLevelHighest", 2000);
        assertThat(blocked.getOutcome().getReason()).isEqualTo("highest_risk_level");
        assertThat(blocked.getOutcome().getRiskScore()).isEqualTo(85L);
        assertThat(blocked.getFailureCode()).isEqualTo("card_declined");

        String allow = rule(a, "Allow if :amount_in_usd: < 50");
        PaymentIntent allowed = pay(a, "pm_card_riskLevelHighest", 2000);
        assertThat(allowed.getStatus()).isEqualTo("succeeded");
        Charge c = charge(a, allowed);
        assertThat(c.getOutcome().getRiskLevel()).isEqualTo("highest");
        assertThat(c.getOutcome().getRule()).isEqualTo(allow);
        assertThat(c.getOutcome().getReason()).isEqualTo("rule");
        assertThat(c.getOutcome().getType()).isEqualTo("authorized");

        // Turning the default block rule off also lets highest-risk payments through.
        Account b = freshAccount();
        assertThat(post(b, "/pinstripe/v1/radar/settings", "block_highest_risk=false").statusCode()).isEqualTo(200);
        assertThat(pay(b, "pm_card_riskLevelHighest", 2000).getStatus()).isEqualTo("succeeded");
    }

    @Test
    void elevatedRiskGoesToReviewWhenTheDefaultReviewRuleIsOnAndApprovingClosesIt() throws StripeException {
        Account a = freshAccount();
        Charge plain = charge(a, pay(a, "pm_card_riskLevelElevated", 2000));
        assertThat(plain.getOutcome().getRiskLevel()).isEqualTo("elevated");
        assertThat(plain.getOutcome().getType()).isEqualTo("authorized");
        assertThat(plain.getReview()).isNull();

        assertThat(post(a, "/pinstripe/v1/radar/settings", "review_elevated_risk=true").statusCode()).isEqualTo(200);
        PaymentIntent pi = pay(a, "pm_card_riskLevelElevated", 2000);
        assertThat(pi.getStatus()).isEqualTo("succeeded");
        Charge c = charge(a, pi);
        assertThat(c.getOutcome().getType()).isEqualTo("manual_review");
        assertThat(c.getOutcome().getReason()).isEqualTo("elevated_risk_level");
        assertThat(c.getReview()).startsWith("prv_");
        Review review = a.stripe().v1().reviews().retrieve(c.getReview());
        assertThat(review.getOpen()).isTrue();
        assertThat(review.getCharge()).isEqualTo(c.getId());

        Review approved = a.stripe().v1().reviews().approve(review.getId());
        assertThat(approved.getOpen()).isFalse();
        assertThat(approved.getClosedReason()).isEqualTo("approved");
        assertThat(a.stripe().v1().events().list(EventListParams.builder().setType("review.*").build()).getData())
                .extracting(Event::getType).containsExactly("review.closed", "review.opened");
    }

    @Test
    void customBlockRuleNamesItselfInTheOutcomeAndSmallerPaymentsPass() throws StripeException {
        Account a = freshAccount();
        String id = rule(a, "Block if :amount_in_usd: > 500");
        Charge c = declinedCharge(a, "pm_card_visa", 60_000);
        assertThat(c.getOutcome().getReason()).isEqualTo("rule");
        assertThat(c.getOutcome().getRule()).isEqualTo(id);
        assertThat(c.getOutcome().getType()).isEqualTo("blocked");
        assertThat(pay(a, "pm_card_visa", 10_000).getStatus()).isEqualTo("succeeded");
    }

    @Test
    void reviewRuleOpensAReviewAndARefundClosesIt() throws StripeException {
        Account a = freshAccount();
        rule(a, "Review if :card_brand: = 'mastercard'");
        PaymentIntent pi = pay(a, "pm_card_mastercard", 3000);
        Charge c = charge(a, pi);
        assertThat(c.getOutcome().getType()).isEqualTo("manual_review");
        assertThat(c.getOutcome().getReason()).isEqualTo("rule");
        a.stripe().v1().refunds().create(com.stripe.param.RefundCreateParams.builder().setCharge(c.getId()).build());
        Review review = a.stripe().v1().reviews().retrieve(c.getReview());
        assertThat(review.getOpen()).isFalse();
        assertThat(review.getClosedReason()).isEqualTo("refunded");
    }

    @Test
    void valueListBlocksTheCardsOnIt() throws StripeException {
        Account a = freshAccount();
        PaymentMethod card = a.stripe().v1().paymentMethods().create(PaymentMethodCreateParams.builder()
                .setType(PaymentMethodCreateParams.Type.CARD).putExtraParam("card[number]", "4000056655665556")
                .putExtraParam("card[exp_month]", "12").putExtraParam("card[exp_year]", "2034").build());
        var list = a.stripe().v1().radar().valueLists().create(ValueListCreateParams.builder()
                .setAlias("blocked_cards").setName("Blocked cards")
                .setItemType(ValueListCreateParams.ItemType.CARD_FINGERPRINT).build());
        a.stripe().v1().radar().valueListItems().create(ValueListItemCreateParams.builder()
                .setValueList(list.getId()).setValue(card.getCard().getFingerprint()).build());
        rule(a, "Block if :card_fingerprint: in @blocked_cards");

        Charge c = declinedCharge(a, card.getId(), 2000);
        assertThat(c.getOutcome().getReason()).isEqualTo("rule");
        assertThat(pay(a, "pm_card_visa", 2000).getStatus()).isEqualTo("succeeded");
    }

    @Test
    void velocityRuleCountsEarlierPaymentsOfTheSameCard() throws StripeException {
        Account a = freshAccount();
        rule(a, "Block if :total_charges_per_card_number_hourly: >= 2");
        PaymentMethod card = a.stripe().v1().paymentMethods().create(PaymentMethodCreateParams.builder()
                .setType(PaymentMethodCreateParams.Type.CARD).putExtraParam("card[number]", "5555555555554444")
                .putExtraParam("card[exp_month]", "12").putExtraParam("card[exp_year]", "2034").build());
        String customer = a.stripe().v1().customers().create(
                com.stripe.param.CustomerCreateParams.builder().build()).getId();
        a.stripe().v1().paymentMethods().attach(card.getId(),
                com.stripe.param.PaymentMethodAttachParams.builder().setCustomer(customer).build());
        for (int i = 0; i < 2; i++) {
            assertThat(a.stripe().v1().paymentIntents().create(PaymentIntentCreateParams.builder().setAmount(1000L)
                    .setCurrency("usd").setCustomer(customer).setPaymentMethod(card.getId()).setConfirm(true)
                    .build()).getStatus()).isEqualTo("succeeded");
        }
        CardException third = (CardException) catchCard(() -> a.stripe().v1().paymentIntents().create(
                PaymentIntentCreateParams.builder().setAmount(1000L).setCurrency("usd").setCustomer(customer)
                        .setPaymentMethod(card.getId()).setConfirm(true).build()));
        assertThat(third.getCode()).isEqualTo("card_declined");

        // An hour later (the test clock) the window has moved on.
        server.clock.advance(Duration.ofMinutes(65));
        assertThat(a.stripe().v1().paymentIntents().create(PaymentIntentCreateParams.builder().setAmount(1000L)
                .setCurrency("usd").setCustomer(customer).setPaymentMethod(card.getId()).setConfirm(true)
                .build()).getStatus()).isEqualTo("succeeded");
    }

    @Test
    void requestCredentialsRuleAsksFor3dSecure() throws StripeException {
        Account a = freshAccount();
        rule(a, "Request Credentials if :amount_in_usd: >= 100");
        assertThat(pay(a, "pm_card_visa", 15_000).getStatus()).isEqualTo("requires_action");
        assertThat(pay(a, "pm_card_visa", 5_000).getStatus()).isEqualTo("succeeded");
    }

    @Test
    void badRulesAreRejectedWithTheReason() {
        Account a = freshAccount();
        HttpResponse<String> unknown = post(a, "/pinstripe/v1/radar/rules", "rule=" + enc("Block if :card_contry: = 'US'"));
        assertThat(unknown.statusCode()).isEqualTo(400);
        JsonNode error = Json.parse(unknown.body()).path("error");
        assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.path("param").asText()).isEqualTo("rule");
        assertThat(error.path("message").asText()).contains("card_contry");

        HttpResponse<String> noList = post(a, "/pinstripe/v1/radar/rules", "rule=" + enc("Block if :email: in @nope"));
        assertThat(noList.statusCode()).isEqualTo(400);
        assertThat(Json.parse(noList.body()).path("error").path("message").asText()).contains("@nope");
    }

    @Test
    void earlyFraudWarningCardCreatesAWarning() throws StripeException {
        Account a = freshAccount();
        PaymentIntent pi = pay(a, "pm_card_createIssuerFraudRecord", 2000);
        var warnings = a.stripe().v1().radar().earlyFraudWarnings().list().getData();
        assertThat(warnings).extracting(EarlyFraudWarning::getCharge).containsExactly(pi.getLatestCharge());
        assertThat(warnings.getFirst().getActionable()).isTrue();
    }

    @Test
    void cardsThatAreNotTestCardsAreScoredByTheModel() throws StripeException {
        Account a = freshAccount();
        PaymentMethod card = a.stripe().v1().paymentMethods().create(PaymentMethodCreateParams.builder()
                .setType(PaymentMethodCreateParams.Type.CARD).putExtraParam("card[number]", "4242424242424259")
                .putExtraParam("card[exp_month]", "12").putExtraParam("card[exp_year]", "2034").build());
        PaymentIntent pi = pay(a, card.getId(), 2500);
        Charge c = charge(a, pi);
        long score = c.getOutcome().getRiskScore();
        assertThat(score).isBetween(0L, 99L);
        assertThat(c.getOutcome().getRiskLevel()).isEqualTo(RiskModel.riskLevel((int) score));

        // The explanation shows the probability behind the score and the features that moved it most.
        JsonNode explained = assessment(a, c.getId());
        assertThat(explained.path("scored_by").asText()).isEqualTo("model");
        assertThat(explained.path("risk_score").asLong()).isEqualTo(score);
        assertThat(RiskModel.bundled().riskScore(explained.path("probability").asDouble())).isEqualTo((int) score);
        assertThat(explained.path("top_features")).hasSize(10);
        assertThat(RiskModel.bundled().extractor().names())
                .contains(explained.path("top_features").get(0).path("feature").asText());
        assertThat(explained.path("attributes").path("amount_in_usd").asDouble()).isEqualTo(25.0);
        // The evidence is kept with the charge but never shown by the API.
        assertThat(get(a, "/v1/charges/" + c.getId()).toString()).doesNotContain("\"radar\"", "features");
    }

    @Test
    void testCardAssessmentsSayTheRiskWasForcedAndUnknownChargesAre404() throws StripeException {
        Account a = freshAccount();
        Charge c = charge(a, pay(a, "pm_card_riskLevelElevated", 2000));
        JsonNode explained = assessment(a, c.getId());
        assertThat(explained.path("scored_by").asText()).isEqualTo("test_card");
        assertThat(explained.path("risk_level").asText()).isEqualTo("elevated");
        assertThat(explained.path("top_features")).isEmpty();
        // Another account cannot see it.
        assertThat(get(freshAccount(), "/pinstripe/v1/radar/assessments/" + c.getId()).path("error").path("code")
                .asText()).isEqualTo("resource_missing");
    }

    @Test
    void backtestCountsWhatARuleWouldHaveMatchedAndHowMuchOfItWasFraud() throws StripeException {
        Account a = freshAccount();
        pay(a, "pm_card_createDispute", 20_000); // disputed as fraudulent: proves fraudulent
        pay(a, "pm_card_visa", 20_000);
        pay(a, "pm_card_visa", 5_000);
        HttpResponse<String> r = post(a, "/pinstripe/v1/radar/rules/backtest",
                "rule=" + enc("Block if :amount_in_usd: > 100"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode b = Json.parse(r.body());
        assertThat(b.path("payments").asLong()).isEqualTo(3);
        assertThat(b.path("fraudulent_payments").asLong()).isEqualTo(1);
        assertThat(b.path("matched").asLong()).isEqualTo(2);
        assertThat(b.path("matched_fraudulent").asLong()).isEqualTo(1);
        assertThat(b.path("matched_legitimate").asLong()).isEqualTo(1);
        assertThat(post(a, "/pinstripe/v1/radar/rules/backtest", "rule=" + enc("Block if :nope: > 1")).statusCode())
                .isEqualTo(400);
    }
}
