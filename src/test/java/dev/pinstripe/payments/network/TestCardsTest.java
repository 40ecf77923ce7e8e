package dev.pinstripe.payments.network;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinstripe.payments.network.Behaviour.AddressChecksUnavailable;
import dev.pinstripe.payments.network.Behaviour.AvailableImmediately;
import dev.pinstripe.payments.network.Behaviour.ChecksFail;
import dev.pinstripe.payments.network.Behaviour.DeclinesCharge;
import dev.pinstripe.payments.network.Behaviour.Disputed;
import dev.pinstripe.payments.network.Behaviour.EarlyFraudWarning;
import dev.pinstripe.payments.network.Behaviour.RefundsAsynchronously;
import dev.pinstripe.payments.network.Behaviour.RequiresAuthentication;
import dev.pinstripe.payments.network.Behaviour.RiskLevel;
import dev.pinstripe.payments.network.Behaviour.Succeeds;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The catalogue of Stripe's test cards, checked against docs.stripe.com/testing row by row. */
class TestCardsTest {

    private static TestCard card(String number) {
        return TestCards.byNumber(number).orElseThrow();
    }

    @ParameterizedTest(name = "{0} is {1} {2} from {3}")
    @CsvSource({
            // Cards by brand.
            "4242424242424242, visa, CREDIT, US",
            "4000056655665556, visa, DEBIT, US",
            "5555555555554444, mastercard, CREDIT, US",
            "2223003122003222, mastercard, CREDIT, US",
            "5200828282828210, mastercard, DEBIT, US",
            "5105105105105100, mastercard, PREPAID, US",
            "378282246310005, amex, CREDIT, US",
            "371449635398431, amex, CREDIT, US",
            "6011111111111117, discover, CREDIT, US",
            "6011000990139424, discover, CREDIT, US",
            "6011981111111113, discover, DEBIT, US",
            "3056930009020004, diners, CREDIT, US",
            "36227206271667, diners, CREDIT, US",
            "6555900000604105, discover, CREDIT, KR",
            "3566002020360505, jcb, CREDIT, JP",
            "6200000000000005, unionpay, CREDIT, CN",
            "6200000000000047, unionpay, DEBIT, CN",
            "6205500000000000004, unionpay, CREDIT, CN",
            // Co-branded cards.
            "4000002500001001, visa, CREDIT, FR",
            "5555552500001001, mastercard, CREDIT, FR",
            "4000050360000001, visa, DEBIT, AU",
            "5555050360000080, mastercard, DEBIT, AU",
            // Americas.
            "4000000320000021, visa, CREDIT, AR",
            "4000000760000002, visa, CREDIT, BR",
            "4000001240000000, visa, CREDIT, CA",
            "4000001520000001, visa, CREDIT, CL",
            "4000001700000003, visa, CREDIT, CO",
            "4000001880000005, visa, CREDIT, CR",
            "4000002180000000, visa, CREDIT, EC",
            "4000004840008001, visa, CREDIT, MX",
            "5062210000000009, unknown, CREDIT, MX",
            "4000005910000000, visa, CREDIT, PA",
            "4000006000000066, visa, CREDIT, PY",
            "4000006040000068, visa, CREDIT, PE",
            "4000008580000003, visa, CREDIT, UY",
            // Europe and Middle East.
            "4000007840000001, visa, CREDIT, AE",
            "5200007840000022, mastercard, CREDIT, AE",
            "4000000400000008, visa, CREDIT, AT",
            "4000000560000004, visa, CREDIT, BE",
            "4000001000000000, visa, CREDIT, BG",
            "4000001120000005, visa, CREDIT, BY",
            "4000001910000009, visa, CREDIT, HR",
            "4000001960000008, visa, CREDIT, CY",
            "4000002030000002, visa, CREDIT, CZ",
            "4000002080000001, visa, CREDIT, DK",
            "4000002330000009, visa, CREDIT, EE",
            "4000002460000001, visa, CREDIT, FI",
            "4000002500000003, visa, CREDIT, FR",
            "4000002760000016, visa, CREDIT, DE",
            "4000002920000005, visa, CREDIT, GI",
            "4000003000000030, visa, CREDIT, GR",
            "4000003480000005, visa, CREDIT, HU",
            "4000003720000005, visa, CREDIT, IE",
            "4000003800000008, visa, CREDIT, IT",
            "4000004280000005, visa, CREDIT, LV",
            "4000004380000004, visa, CREDIT, LI",
            "4000004400000000, visa, CREDIT, LT",
            "4000004420000006, visa, CREDIT, LU",
            "4000004700000007, visa, CREDIT, MT",
            "4000005280000002, visa, CREDIT, NL",
            "4000005780000007, visa, CREDIT, NO",
            "4000006160000005, visa, CREDIT, PL",
            "4000006200000007, visa, CREDIT, PT",
            "4000006420000001, visa, CREDIT, RO",
            "4000006820000007, visa, CREDIT, SA",
            "4000007050000006, visa, CREDIT, SI",
            "4000007030000001, visa, CREDIT, SK",
            "4000007240000007, visa, CREDIT, ES",
            "4000007520000008, visa, CREDIT, SE",
            "4000007560000009, visa, CREDIT, CH",
            "4000008260000000, visa, CREDIT, GB",
            "4000058260000005, visa, DEBIT, GB",
            "5555558265554449, mastercard, CREDIT, GB",
            // Asia Pacific.
            "4000000360000006, visa, CREDIT, AU",
            "4000001560000002, visa, CREDIT, CN",
            "4000003440000004, visa, CREDIT, HK",
            "4000003560000008, visa, CREDIT, IN",
            "4000003920000003, visa, CREDIT, JP",
            "3530111333300000, jcb, CREDIT, JP",
            "4000004580000002, visa, CREDIT, MY",
            "4000005540000008, visa, CREDIT, NZ",
            "4000007020000003, visa, CREDIT, SG",
            "4000001580000008, visa, CREDIT, TW",
            "4000007640000003, visa, CREDIT, TH",
            "4000057640000008, visa, DEBIT, TH",
            // HSA and FSA.
            "4000051230000072, visa, DEBIT, US",
            "5200828282828897, mastercard, DEBIT, US",
    })
    void everySuccessfulCardByBrandAndCountryResolvesWithItsBrandFundingAndCountry(
            String number, String brand, Funding funding, String country) {
        TestCard card = card(number);

        assertThat(card.brand()).isEqualTo(brand);
        assertThat(card.funding()).isEqualTo(funding);
        assertThat(card.country()).isEqualTo(country);
        assertThat(card.behaviour()).isEqualTo(new Succeeds());
    }

    @ParameterizedTest(name = "{0} declines with {1}/{2}")
    @CsvSource(nullValues = "n/a", value = {
            "4000000000000002, card_declined, generic_decline, Your card was declined.",
            "4000000000009995, card_declined, insufficient_funds, Your card has insufficient funds.",
            "4000000000009987, card_declined, lost_card, Your card was declined.",
            "4000000000009979, card_declined, stolen_card, Your card was declined.",
            "4000000000000069, expired_card, n/a, Your card has expired.",
            "4000000000000127, incorrect_cvc, n/a, Your card's security code is incorrect.",
            "4000000000000119, processing_error, n/a, An error occurred while processing your card. Try again in a little bit.",
            "4000000000006975, card_declined, card_velocity_exceeded, "
                    + "Your card was declined for making repeated attempts too frequently or exceeding its amount limit.",
    })
    void everyDeclinedPaymentCardDeclinesEveryChargeAndCannotBeAttached(
            String number, String code, String declineCode, String message) {
        TestCard card = card(number);

        assertThat(card.brand()).isEqualTo("visa");
        assertThat(card.funding()).isEqualTo(Funding.CREDIT);
        assertThat(card.country()).isEqualTo("US");
        DeclinesCharge declines = (DeclinesCharge) card.behaviour();
        assertThat(declines.declinesOnAttach()).isTrue();
        assertThat(declines.decline().code()).isEqualTo(code);
        assertThat(declines.decline().declineCode()).isEqualTo(declineCode);
        assertThat(declines.decline().message()).isEqualTo(message);
    }

    @Test
    void insufficientFundsCardIsDeclinedWithItsDeclineCode() {
        DeclinesCharge declines = (DeclinesCharge) card("4000000000009995").behaviour();

        assertThat(declines.decline()).isEqualTo(Decline.INSUFFICIENT_FUNDS);
        assertThat(declines.decline().sellerMessage()).isEqualTo("The bank returned the decline code `insufficient_funds`.");
    }

    @Test
    void declineAfterAttachingCardAttachesButDeclinesCharges() {
        assertThat(card("4000000000000341").behaviour()).isEqualTo(new DeclinesCharge(Decline.GENERIC_DECLINE, false));
    }

    @Test
    void luhnFailureTestNumberIsNotACard() {
        assertThat(TestCards.byNumber("4242424242424241")).isEmpty();
    }

    @Test
    void fraudPreventionCardsCarryTheirRiskLevelOrFailingChecks() {
        assertThat(card("4100000000000019").behaviour()).isEqualTo(new RiskLevel("highest", 95, true));
        assertThat(card("4000000000004954").behaviour()).isEqualTo(new RiskLevel("highest", 85, false));
        assertThat(card("4000000000009235").behaviour()).isEqualTo(new RiskLevel("elevated", 70, false));
        assertThat(card("4000000000000101").behaviour()).isEqualTo(new ChecksFail(true, false, false));
        assertThat(card("4000000000000036").behaviour()).isEqualTo(new ChecksFail(false, false, true));
        assertThat(card("4000058400307872").behaviour()).isEqualTo(new ChecksFail(true, false, false, true));
        assertThat(card("4000058400306072").behaviour()).isEqualTo(new ChecksFail(false, false, true, true));
        assertThat(card("4000000000000028").behaviour()).isEqualTo(new ChecksFail(false, true, false));
        assertThat(card("4000000000000010").behaviour()).isEqualTo(new ChecksFail(false, true, true));
        assertThat(card("4000000000000044").behaviour()).isEqualTo(new AddressChecksUnavailable());
    }

    @ParameterizedTest
    @ValueSource(strings = {"4000008400000407", "4000008400000159", "4000008400001017", "4000008405600003",
            "4000000000003055", "4000000000003097", "4000000000001208", "4000000000003725"})
    void radarAndThreeDSecureCardsThatOnlyMatterWithNonDefaultSettingsSimplySucceed(String number) {
        assertThat(card(number).behaviour()).isEqualTo(new Succeeds());
    }

    @Test
    void disputeCardsAreDisputedWithTheirReason() {
        assertThat(card("4000000000000259").behaviour()).isEqualTo(new Disputed("fraudulent", "needs_response"));
        assertThat(card("4000000000002685").behaviour()).isEqualTo(new Disputed("product_not_received", "needs_response"));
        assertThat(card("4000000000001976").behaviour()).isEqualTo(new Disputed("fraudulent", "warning_needs_response"));
        assertThat(card("4000000000005423").behaviour()).isEqualTo(new EarlyFraudWarning("made_with_stolen_card"));
        assertThat(card("4000000404000079").behaviour()).isEqualTo(new Disputed("fraudulent", "needs_response", 2));
        assertThat(card("4000000404000038").behaviour()).isEqualTo(new Disputed("fraudulent", "needs_response"));
        assertThat(card("4000008400000779").behaviour()).isEqualTo(new Disputed("noncompliant", "needs_response"));
        assertThat(card("5105008400000002").behaviour()).isEqualTo(new Disputed("noncompliant", "needs_response"));
        assertThat(card("4000000001000043").behaviour()).isEqualTo(new Disputed("fraudulent", "needs_response"));
        assertThat(card("4000000404004816").behaviour()).isEqualTo(new Disputed("fraudulent", "needs_response"));
        assertThat(card("4000000404005649").behaviour()).isEqualTo(new Disputed("fraudulent", "needs_response"));
        assertThat(card("5105000300000018").behaviour()).isEqualTo(new Disputed("fraudulent", "needs_response"));
    }

    @Test
    void asynchronousRefundCardsMoveTheirRefundsLater() {
        assertThat(card("4000000000007726").behaviour()).isEqualTo(new RefundsAsynchronously("pending", "succeeded"));
        assertThat(card("4000000000005126").behaviour()).isEqualTo(new RefundsAsynchronously("succeeded", "failed"));
    }

    @Test
    void bypassPendingCardsMakeFundsAvailableImmediately() {
        assertThat(card("4000000000000077").behaviour()).isEqualTo(new AvailableImmediately());
        assertThat(card("4000000000000077").country()).isEqualTo("US");
        assertThat(card("4000003720000278").behaviour()).isEqualTo(new AvailableImmediately());
        assertThat(card("4000003720000278").country()).isEqualTo("IE");
    }

    @Test
    void threeDSecureCardsRequireAuthenticationAsDocumented() {
        assertThat(card("4000002500003155").behaviour()).isEqualTo(new RequiresAuthentication(false));
        assertThat(card("4000002760003184").behaviour()).isEqualTo(new RequiresAuthentication(true));
        assertThat(card("4000003800000446").behaviour()).isEqualTo(new RequiresAuthentication(false, true, null));
        assertThat(card("4000008260003178").behaviour())
                .isEqualTo(new RequiresAuthentication(false, false, Decline.INSUFFICIENT_FUNDS));
        assertThat(card("4000000000003220").behaviour()).isEqualTo(new RequiresAuthentication(true));
        assertThat(card("4000000000003220").country()).isEqualTo("IE");
        assertThat(card("4000008400000027").behaviour()).isEqualTo(new RequiresAuthentication(true));
        assertThat(card("4000008400000027").country()).isEqualTo("US");
        assertThat(card("4000008400001629").behaviour())
                .isEqualTo(new RequiresAuthentication(true, false, Decline.GENERIC_DECLINE));
        assertThat(card("4000008400001280").behaviour())
                .isEqualTo(new RequiresAuthentication(true, false, Decline.GENERIC_DECLINE));
        assertThat(card("4000000032200000").behaviour()).isEqualTo(new RequiresAuthentication(true));
        for (String mobile : new String[] {"4000582600000094", "4000582600000045", "4000582600000102", "4000582600000110"}) {
            assertThat(card(mobile).behaviour()).isEqualTo(new RequiresAuthentication(true));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"4242 4242 4242 4242", "4242-4242-4242-4242", " 4242424242424242 "})
    void spacesAndDashesInANumberAreIgnored(String number) {
        assertThat(TestCards.byNumber(number)).contains(card("4242424242424242"));
    }

    @ParameterizedTest(name = "{0} is a generic {1} card")
    @CsvSource({
            "4111111111111111, visa",
            "5454545454545454, mastercard",
            "2720990000000007, mastercard",
            "340000000000009, amex",
            "6011000000000004, discover",
            "6445644564456445, discover",
            "6500000000000002, discover",
            "30000000000004, diners",
            "38520000023237, diners",
            "3530111333300018, jcb",
            "6212345678901265, unionpay",
            "9999999999999995, unknown",
    })
    void anyOtherLuhnValidNumberIsAGenericSuccessCardWithItsBrandFromTheIin(String number, String brand) {
        TestCard card = TestCards.byNumber(number).orElseThrow();

        assertThat(card.number()).isEqualTo(number);
        assertThat(card.brand()).isEqualTo(brand);
        assertThat(card.funding()).isEqualTo(Funding.CREDIT);
        assertThat(card.country()).isEqualTo("US");
        assertThat(card.behaviour()).isEqualTo(new Succeeds());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "4242", "4242424242424241", "42424242424242424242", "4242x24242424242", "４２４２424242424242"})
    void numbersThatAreNotCardsResolveToNothing(String number) {
        assertThat(TestCards.byNumber(number)).isEmpty();
    }

    @Test
    void nullNumberResolvesToNothing() {
        assertThat(TestCards.byNumber(null)).isEmpty();
    }

    @Test
    void everyCatalogueCardIsFoundByItsOwnNumber() {
        for (TestCard card : TestCards.all()) {
            assertThat(TestCards.byNumber(card.number())).contains(card);
        }
    }

    @Test
    void everyCatalogueNumberIsLuhnValidAndUnique() {
        Set<String> seen = new HashSet<>();
        for (TestCard card : TestCards.all()) {
            assertThat(CardNumbers.luhnValid(card.number())).as(card.toString()).isTrue();
            assertThat(seen.add(card.number())).as(card.toString()).isTrue();
        }
    }

    @Test
    void catalogueBrandsAgreeWithIinDetectionExceptForCarnet() {
        for (TestCard card : TestCards.all()) {
            if (!card.number().startsWith("506221")) {
                assertThat(CardNumbers.brandOf(card.number())).as(card.toString()).isEqualTo(card.brand());
            }
        }
    }

    @Test
    void everyPaymentMethodShortcutMapsToANumberThatByNumberAlsoKnows() {
        assertThat(TestCards.paymentMethodShortcuts()).isNotEmpty();
        TestCards.paymentMethodShortcuts().forEach((id, card) -> {
            assertThat(id).startsWith("pm_card_");
            assertThat(TestCards.byPaymentMethodShortcut(id)).contains(card);
            assertThat(TestCards.byNumber(card.number())).as(id).contains(card);
            assertThat(TestCards.all()).as(id).contains(card);
        });
    }

    @Test
    void everyTokenMapsToANumberThatByNumberAlsoKnows() {
        assertThat(TestCards.tokens()).isNotEmpty();
        TestCards.tokens().forEach((id, card) -> {
            assertThat(id).startsWith("tok_");
            assertThat(TestCards.byToken(id)).contains(card);
            assertThat(TestCards.byNumber(card.number())).as(id).contains(card);
        });
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            "pm_card_visa, 4242424242424242",
            "pm_card_us, 4242424242424242",
            "pm_card_visa_debit, 4000056655665556",
            "pm_card_mastercard, 5555555555554444",
            "pm_card_mastercard_debit, 5200828282828210",
            "pm_card_mastercard_prepaid, 5105105105105100",
            "pm_card_amex, 378282246310005",
            "pm_card_discover, 6011111111111117",
            "pm_card_diners, 3056930009020004",
            "pm_card_jcb, 3566002020360505",
            "pm_card_unionpay, 6200000000000005",
            "pm_card_gb_debit, 4000058260000005",
            "pm_card_th_credit, 4000007640000003",
            "pm_card_visa_chargeDeclined, 4000000000000002",
            "pm_card_chargeDeclined, 4000000000000002",
            "pm_card_visa_chargeDeclinedInsufficientFunds, 4000000000009995",
            "pm_card_visa_chargeDeclinedLostCard, 4000000000009987",
            "pm_card_visa_chargeDeclinedStolenCard, 4000000000009979",
            "pm_card_chargeDeclinedExpiredCard, 4000000000000069",
            "pm_card_chargeDeclinedIncorrectCvc, 4000000000000127",
            "pm_card_chargeDeclinedProcessingError, 4000000000000119",
            "pm_card_visa_chargeDeclinedVelocityLimitExceeded, 4000000000006975",
            "pm_card_chargeCustomerFail, 4000000000000341",
            "pm_card_radarBlock, 4100000000000019",
            "pm_card_riskLevelHighest, 4000000000004954",
            "pm_card_riskLevelElevated, 4000000000009235",
            "pm_card_cvcCheckFail, 4000000000000101",
            "pm_card_avsZipFail, 4000000000000036",
            "pm_card_avsLine1Fail, 4000000000000028",
            "pm_card_avsFail, 4000000000000010",
            "pm_card_avsUnchecked, 4000000000000044",
            "pm_card_createDispute, 4000000000000259",
            "pm_card_createDisputeProductNotReceived, 4000000000002685",
            "pm_card_createDisputeInquiry, 4000000000001976",
            "pm_card_createIssuerFraudRecord, 4000000000005423",
            "pm_card_createMultipleDisputes, 4000000404000079",
            "pm_card_pendingRefund, 4000000000007726",
            "pm_card_refundFail, 4000000000005126",
            "pm_card_bypassPending, 4000000000000077",
            "pm_card_bypassPendingInternational, 4000003720000278",
            "pm_card_authenticationRequiredOnSetup, 4000002500003155",
            "pm_card_authenticationRequired, 4000002760003184",
            "pm_card_authenticationRequiredSetupForOffSession, 4000003800000446",
            "pm_card_authenticationRequiredChargeDeclinedInsufficientFunds, 4000008260003178",
            "pm_card_threeDSecure2Required, 4000000000003220",
            "pm_card_threeDSecureRequiredChargeDeclined, 4000008400001629",
            "pm_card_threeDSecureRequiredProcessingError, 4000008400001280",
            "pm_card_threeDSecureOptional, 4000000000003055",
            "pm_card_threeDSecureOptionalProcessingError, 4000000000003097",
            "pm_card_amex_threeDSecureNotSupported, 378282246310005",
    })
    void documentedPaymentMethodShortcutsResolveToTheirDocumentedNumbers(String id, String number) {
        assertThat(TestCards.byPaymentMethodShortcut(id).map(TestCard::number)).contains(number);
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            "tok_visa, 4242424242424242",
            "tok_us, 4242424242424242",
            "tok_mastercard, 5555555555554444",
            "tok_amex, 378282246310005",
            "tok_jcb, 3566002020360505",
            "tok_gb_mastercard, 5555558265554449",
            "tok_visa_chargeDeclined, 4000000000000002",
            "tok_chargeDeclined, 4000000000000002",
            "tok_visa_chargeDeclinedInsufficientFunds, 4000000000009995",
            "tok_chargeDeclinedExpiredCard, 4000000000000069",
            "tok_visa_chargeDeclinedExpiredCard, 4000000000000069",
            "tok_chargeDeclinedIncorrectCvc, 4000000000000127",
            "tok_chargeDeclinedProcessingError, 4000000000000119",
            "tok_visa_chargeDeclinedVelocityLimitExceeded, 4000000000006975",
            "tok_chargeCustomerFail, 4000000000000341",
            "tok_visa_chargeCustomerFail, 4000000000000341",
            "tok_visa_chargeDeclinedFraudulent, 4100000000000019",
            "tok_radarBlock, 4100000000000019",
            "tok_createDispute, 4000000000000259",
            "tok_bypassPending, 4000000000000077",
            "tok_threeDSecure2Required, 4000000000003220",
    })
    void documentedTokensResolveToTheirDocumentedNumbers(String id, String number) {
        assertThat(TestCards.byToken(id).map(TestCard::number)).contains(number);
    }

    @Test
    void tokensWhoseNumberStripeDoesNotPublishResolveToPinstripeCardsWithTheDocumentedBehaviour() {
        TestCard debit = TestCards.byToken("tok_visa_debit_chargeDeclinedInsufficientFunds").orElseThrow();
        assertThat(debit.funding()).isEqualTo(Funding.DEBIT);
        assertThat(debit.behaviour()).isEqualTo(new DeclinesCharge(Decline.INSUFFICIENT_FUNDS, true));

        assertThat(TestCards.byToken("tok_visa_chargeCustomerFailLostCard").orElseThrow().behaviour())
                .isEqualTo(new DeclinesCharge(Decline.LOST_CARD, false));
        assertThat(TestCards.byToken("tok_visa_chargeCustomerFailStolenCard").orElseThrow().behaviour())
                .isEqualTo(new DeclinesCharge(Decline.STOLEN_CARD, false));
    }

    @Test
    void unknownShortcutsAndTokensResolveToNothing() {
        assertThat(TestCards.byPaymentMethodShortcut("pm_card_nope")).isEmpty();
        assertThat(TestCards.byPaymentMethodShortcut("tok_visa")).isEmpty();
        assertThat(TestCards.byToken("tok_nope")).isEmpty();
        assertThat(TestCards.byToken("pm_card_visa")).isEmpty();
        assertThat(TestCards.byToken(null)).isEmpty();
    }

    @Test
    void toStringNeverContainsTheFullNumber() {
        for (TestCard card : TestCards.all()) {
            assertThat(card.toString()).doesNotContain(card.number()).contains(card.last4()).contains(card.brand());
        }
        TestCard generic = TestCards.byNumber("4111111111111111").orElseThrow();
        assertThat(generic.toString()).doesNotContain("4111111111111111").contains("****1111");
        assertThat(TestCards.byPaymentMethodShortcut("pm_card_visa").orElseThrow().toString())
                .isEqualTo("TestCard[visa ****4242, funding=credit, country=US, behaviour=Succeeds[]]");
    }

    @Test
    void catalogueIsImmutable() {
        assertThat(TestCards.all()).isUnmodifiable();
        assertThat(TestCards.paymentMethodShortcuts()).isUnmodifiable();
        assertThat(TestCards.tokens()).isUnmodifiable();
    }
}
