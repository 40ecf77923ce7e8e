package dev.pinstripe.payments.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pinstripe.payments.network.Authorization.Approved;
import dev.pinstripe.payments.network.Authorization.AuthenticationRequired;
import dev.pinstripe.payments.network.Authorization.Declined;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The simulated network's answers for each kind of test card. */
class CardNetworkTest {

    private static TestCard card(String number) {
        return TestCards.byNumber(number).orElseThrow();
    }

    /** An ordinary on-session payment of 10.00 with a CVC, not authenticated. */
    private static Authorization pay(String number) {
        return CardNetwork.authorize(card(number), 1000, "usd", true, false, false);
    }

    @Test
    void successfulCardIsApprovedWithStripesSuccessOutcome() {
        Authorization result = pay("4242424242424242");

        Outcome outcome = ((Approved) result).outcome();
        assertThat(outcome.networkStatus()).isEqualTo("approved_by_network");
        assertThat(outcome.reason()).isNull();
        assertThat(outcome.riskLevel()).isEqualTo("normal");
        assertThat(outcome.riskScore()).isBetween(0, Outcome.RISK_SCORE_NORMAL_MAX);
        assertThat(outcome.sellerMessage()).isEqualTo("Payment complete.");
        assertThat(outcome.type()).isEqualTo("authorized");
    }

    @Test
    void riskScoreIsStableForACardAndVariesAcrossCards() {
        assertThat(pay("4242424242424242")).isEqualTo(pay("4242424242424242"));
        long distinct = TestCards.all().stream().mapToInt(CardNetwork::normalRiskScore).distinct().count();
        assertThat(distinct).isGreaterThan(10);
        assertThat(TestCards.all()).allSatisfy(card ->
                assertThat(CardNetwork.normalRiskScore(card)).isBetween(0, Outcome.RISK_SCORE_NORMAL_MAX));
    }

    @Test
    void amountAndCurrencyDoNotChangeTheAnswer() {
        TestCard visa = card("4242424242424242");
        assertThat(CardNetwork.authorize(visa, 0, "usd", false, false, false))
                .isEqualTo(CardNetwork.authorize(visa, 99_999_999, "jpy", false, false, false));
    }

    @Test
    void negativeAmountIsAProgrammingError() {
        assertThatThrownBy(() -> CardNetwork.authorize(card("4242424242424242"), -1, "usd", false, false, false))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void genericDeclineCardIsDeclinedByTheIssuerWithoutFurtherDetails() {
        Declined declined = (Declined) pay("4000000000000002");

        assertThat(declined.decline()).isEqualTo(Decline.GENERIC_DECLINE);
        assertThat(declined.outcome()).isEqualTo(new Outcome("declined_by_network", "generic_decline", "normal",
                declined.outcome().riskScore(), "The bank did not return any further details with this decline.",
                "issuer_declined"));
    }

    @Test
    void insufficientFundsCardIsDeclinedWithItsDeclineCode() {
        Declined declined = (Declined) pay("4000000000009995");

        assertThat(declined.decline().code()).isEqualTo("card_declined");
        assertThat(declined.decline().declineCode()).isEqualTo("insufficient_funds");
        assertThat(declined.decline().message()).isEqualTo("Your card has insufficient funds.");
        assertThat(declined.outcome().reason()).isEqualTo("insufficient_funds");
        assertThat(declined.outcome().sellerMessage()).isEqualTo("The bank returned the decline code `insufficient_funds`.");
        assertThat(declined.outcome().type()).isEqualTo("issuer_declined");
    }

    @Test
    void expiredCardIsDeclinedWithoutDeclineCodeOnTheExpMonthParam() {
        Declined declined = (Declined) pay("4000000000000069");

        assertThat(declined.decline().code()).isEqualTo("expired_card");
        assertThat(declined.decline().declineCode()).isNull();
        assertThat(declined.decline().param()).isEqualTo("exp_month");
        assertThat(declined.decline().docUrl()).isEqualTo("https://stripe.com/docs/error-codes/expired-card");
        assertThat(declined.outcome().reason()).isEqualTo("expired_card");
    }

    @Test
    void incorrectCvcCardIsDeclinedOnTheCvcParam() {
        Declined declined = (Declined) pay("4000000000000127");

        assertThat(declined.decline()).isEqualTo(Decline.INCORRECT_CVC);
        assertThat(declined.decline().param()).isEqualTo("cvc");
    }

    @Test
    void declinedPaymentCardsAreDeclinedEvenWhenAuthenticated() {
        assertThat(CardNetwork.authorize(card("4000000000009987"), 1000, "eur", true, true, true))
                .isInstanceOf(Declined.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"4000000000000002", "4000000000009995", "4000000000009987", "4000000000009979",
            "4000000000000069", "4000000000000127", "4000000000000119", "4000000000006975"})
    void issuerDeclineCardsCannotBeAttached(String number) {
        assertThat(CardNetwork.attach(card(number), true)).isInstanceOf(Declined.class);
        assertThat(CardNetwork.setUp(card(number), true, false)).isInstanceOf(Declined.class);
    }

    @Test
    void declineAfterAttachingCardAttachesThenEveryChargeIsDeclined() {
        TestCard card = card("4000000000000341");

        assertThat(CardNetwork.attach(card, true)).isInstanceOf(Approved.class);
        assertThat(CardNetwork.setUp(card, true, false)).isInstanceOf(Approved.class);
        assertThat(((Declined) CardNetwork.authorize(card, 500, "usd", true, false, true)).decline())
                .isEqualTo(Decline.GENERIC_DECLINE);
    }

    @Test
    void alwaysBlockedCardIsBlockedByRadarBeforeReachingTheNetwork() {
        Declined declined = (Declined) pay("4100000000000019");

        assertThat(declined.decline().code()).isEqualTo("card_declined");
        assertThat(declined.decline().declineCode()).isEqualTo("fraudulent");
        assertThat(declined.decline().message()).isEqualTo("Your card was declined.");
        assertThat(declined.outcome()).isEqualTo(new Outcome("not_sent_to_network", "highest_risk_level", "highest",
                TestCards.RISK_SCORE_ALWAYS_BLOCKED, "Stripe blocked this payment as too risky.", "blocked"));
    }

    @Test
    void highestRiskCardReachesTheNetworkWithHighestRiskForRadarsRulesToBlock() {
        Approved approved = (Approved) pay("4000000000004954");

        assertThat(approved.outcome().riskLevel()).isEqualTo("highest");
        assertThat(approved.outcome().riskScore()).isEqualTo(TestCards.RISK_SCORE_HIGHEST);
    }

    @Test
    void elevatedRiskCardIsApprovedWithElevatedRisk() {
        Outcome outcome = ((Approved) pay("4000000000009235")).outcome();

        assertThat(outcome.riskLevel()).isEqualTo("elevated");
        assertThat(outcome.riskScore()).isBetween(Outcome.RISK_SCORE_NORMAL_MAX + 1, Outcome.RISK_SCORE_ELEVATED_MAX);
        assertThat(outcome.type()).isEqualTo("authorized");
    }

    @Test
    void cvcCheckFailCardIsDeclinedOnlyWhenACvcIsGiven() {
        TestCard card = card("4000000000000101");

        assertThat(((Declined) CardNetwork.authorize(card, 1000, "usd", true, false, false)).decline())
                .isEqualTo(Decline.INCORRECT_CVC);
        assertThat(CardNetwork.authorize(card, 1000, "usd", false, false, false)).isInstanceOf(Approved.class);
        assertThat(CardNetwork.attach(card, true)).isInstanceOf(Declined.class);
        assertThat(CardNetwork.attach(card, false)).isInstanceOf(Approved.class);
    }

    @Test
    void cvcCheckFailWithElevatedRiskIsDeclinedAtElevatedRisk() {
        Declined declined = (Declined) pay("4000058400307872");

        assertThat(declined.outcome().riskLevel()).isEqualTo("elevated");
        assertThat(declined.outcome().riskScore()).isEqualTo(CardNetwork.RISK_SCORE_ELEVATED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"4000000000000028", "4000000000000036", "4000000000000010", "4000000000000044"})
    void failedOrUnavailableAddressChecksDoNotDeclineThePayment(String number) {
        assertThat(pay(number)).isInstanceOf(Approved.class);
    }

    @Test
    void postalCheckFailWithElevatedRiskIsApprovedAtElevatedRisk() {
        assertThat(((Approved) pay("4000058400306072")).outcome().riskLevel()).isEqualTo("elevated");
    }

    @Test
    void checksReportNullForDataNotGivenAndPassOtherwise() {
        assertThat(CardNetwork.checks(card("4242424242424242"), false, false, false))
                .isEqualTo(new CardChecks(null, null, null));
        assertThat(CardNetwork.checks(card("4242424242424242"), true, true, true))
                .isEqualTo(new CardChecks("pass", "pass", "pass"));
    }

    @Test
    void checksFailWhereTheCardSimulatesAFailure() {
        assertThat(CardNetwork.checks(card("4000000000000101"), true, true, true))
                .isEqualTo(new CardChecks("fail", "pass", "pass"));
        assertThat(CardNetwork.checks(card("4000000000000101"), false, true, true))
                .isEqualTo(new CardChecks(null, "pass", "pass"));
        assertThat(CardNetwork.checks(card("4000000000000010"), true, true, true))
                .isEqualTo(new CardChecks("pass", "fail", "fail"));
        assertThat(CardNetwork.checks(card("4000000000000028"), true, true, true))
                .isEqualTo(new CardChecks("pass", "fail", "pass"));
        assertThat(CardNetwork.checks(card("4000000000000036"), true, true, true))
                .isEqualTo(new CardChecks("pass", "pass", "fail"));
        assertThat(CardNetwork.checks(card("4000000000000036"), true, true, false))
                .isEqualTo(new CardChecks("pass", "pass", null));
        assertThat(CardNetwork.checks(card("4000000000000127"), true, false, false))
                .isEqualTo(new CardChecks("fail", null, null));
    }

    @Test
    void addressUnavailableCardReportsUnavailableAddressChecks() {
        assertThat(CardNetwork.checks(card("4000000000000044"), true, true, true))
                .isEqualTo(new CardChecks("pass", "unavailable", "unavailable"));
    }

    @Test
    void authenticateUnlessSetUpCardNeedsAuthenticationOnSessionAndOffSessionWhenNotSetUp() {
        TestCard card = card("4000002500003155");

        assertThat(CardNetwork.authorize(card, 1000, "eur", true, false, false))
                .isInstanceOf(AuthenticationRequired.class);
        assertThat(CardNetwork.authorize(card, 1000, "eur", true, false, false, true))
                .isInstanceOf(AuthenticationRequired.class);
        assertThat(CardNetwork.authorize(card, 1000, "eur", true, true, false)).isInstanceOf(Approved.class);
    }

    @Test
    void authenticateUnlessSetUpCardIsExemptOffSessionOnceSetUp() {
        assertThat(CardNetwork.authorize(card("4000002500003155"), 1000, "eur", true, false, true))
                .isInstanceOf(Approved.class);
    }

    @Test
    void alwaysAuthenticateCardNeedsAuthenticationEvenWhenSetUp() {
        TestCard card = card("4000002760003184");

        assertThat(CardNetwork.authorize(card, 1000, "eur", true, false, true)).isInstanceOf(AuthenticationRequired.class);
        assertThat(CardNetwork.authorize(card, 1000, "eur", true, true, false)).isInstanceOf(Approved.class);
    }

    @Test
    void alreadySetUpCardIsExemptForEveryOffSessionPaymentButNotOnSession() {
        TestCard card = card("4000003800000446");

        assertThat(CardNetwork.authorize(card, 1000, "eur", true, false, false, true)).isInstanceOf(Approved.class);
        assertThat(CardNetwork.authorize(card, 1000, "eur", true, false, false)).isInstanceOf(AuthenticationRequired.class);
        assertThat(CardNetwork.setUp(card, true, false)).isInstanceOf(Approved.class);
    }

    @Test
    void insufficientFundsThreeDSecureCardIsDeclinedAfterAuthenticationAndWhenSetUp() {
        TestCard card = card("4000008260003178");

        assertThat(CardNetwork.authorize(card, 1000, "gbp", true, false, false)).isInstanceOf(AuthenticationRequired.class);
        assertThat(((Declined) CardNetwork.authorize(card, 1000, "gbp", true, true, false)).decline())
                .isEqualTo(Decline.INSUFFICIENT_FUNDS);
        assertThat(((Declined) CardNetwork.authorize(card, 1000, "gbp", true, false, true)).decline())
                .isEqualTo(Decline.INSUFFICIENT_FUNDS);
    }

    @Test
    void threeDSecureRequiredDeclinedCardIsDeclinedAfterAuthentication() {
        TestCard card = card("4000008400001629");

        assertThat(pay("4000008400001629")).isInstanceOf(AuthenticationRequired.class);
        assertThat(((Declined) CardNetwork.authorize(card, 1000, "usd", true, true, false)).decline().code())
                .isEqualTo("card_declined");
    }

    @Test
    void settingUpAThreeDSecureCardNeedsAuthentication() {
        assertThat(CardNetwork.setUp(card("4000002500003155"), true, false)).isInstanceOf(AuthenticationRequired.class);
        assertThat(CardNetwork.setUp(card("4000002500003155"), true, true)).isInstanceOf(Approved.class);
        assertThat(CardNetwork.setUp(card("4000008260003178"), true, true)).isInstanceOf(Approved.class);
        assertThat(CardNetwork.attach(card("4000002760003184"), true)).isInstanceOf(Approved.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"4000000000000077", "4000000000000259", "4000000000005423", "4000000000007726",
            "4000000000005126", "4000000000003055", "378282246310005"})
    void cardsWhoseBehaviourComesAfterThePaymentAreApproved(String number) {
        assertThat(pay(number)).isInstanceOf(Approved.class);
    }

    @Test
    void radarBlockedCardsStillAttach() {
        assertThat(CardNetwork.attach(card("4100000000000019"), true)).isInstanceOf(Approved.class);
    }
}
