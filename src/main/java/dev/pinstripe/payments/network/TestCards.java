package dev.pinstripe.payments.network;

import static dev.pinstripe.payments.network.Funding.CREDIT;
import static dev.pinstripe.payments.network.Funding.DEBIT;
import static dev.pinstripe.payments.network.Funding.PREPAID;

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
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Stripe's documented test cards (docs.stripe.com/testing), looked up by number, by PaymentMethod shortcut
 * ({@code pm_card_visa}) or by token ({@code tok_visa}). Any other Luhn-valid number of 12 to 19 digits is
 * a card that simply succeeds: brand detected from its leading digits, country {@code US}, funding
 * {@code credit}.
 */
public final class TestCards {

    /** Country of a card number that is not a documented test card. */
    public static final String GENERIC_COUNTRY = "US";
    /** Radar score of the "Always blocked" card. */
    public static final int RISK_SCORE_ALWAYS_BLOCKED = 95;
    /** Radar score of the "Highest risk" card. */
    public static final int RISK_SCORE_HIGHEST = 85;
    /** Radar score of the "Elevated risk" card. */
    public static final int RISK_SCORE_ELEVATED = CardNetwork.RISK_SCORE_ELEVATED;

    private static final Behaviour SUCCEEDS = new Succeeds();
    private static final String NEEDS_RESPONSE = "needs_response";

    /** One row of the catalogue: a card, Stripe's label for it, and its shortcuts. */
    record Entry(String description, TestCard card, List<String> paymentMethods, List<String> tokens) {}

    private static final List<Entry> ENTRIES = List.of(
            // Simulate a payment by card brand (and the co-branded cards).
            entry("Visa", "4242424242424242", "visa", CREDIT, "US", SUCCEEDS,
                    "pm_card_visa", "pm_card_us", "tok_visa", "tok_us"),
            entry("Visa (debit)", "4000056655665556", "visa", DEBIT, "US", SUCCEEDS, "pm_card_visa_debit", "tok_visa_debit"),
            entry("Mastercard", "5555555555554444", "mastercard", CREDIT, "US", SUCCEEDS,
                    "pm_card_mastercard", "tok_mastercard"),
            entry("Mastercard (2-series)", "2223003122003222", "mastercard", CREDIT, "US", SUCCEEDS),
            entry("Mastercard (debit)", "5200828282828210", "mastercard", DEBIT, "US", SUCCEEDS,
                    "pm_card_mastercard_debit", "tok_mastercard_debit"),
            entry("Mastercard (prepaid)", "5105105105105100", "mastercard", PREPAID, "US", SUCCEEDS,
                    "pm_card_mastercard_prepaid", "tok_mastercard_prepaid"),
            entry("American Express (3D Secure not supported)", "378282246310005", "amex", CREDIT, "US", SUCCEEDS,
                    "pm_card_amex", "pm_card_amex_threeDSecureNotSupported", "tok_amex",
                    "tok_amex_threeDSecureNotSupported"),
            entry("American Express", "371449635398431", "amex", CREDIT, "US", SUCCEEDS),
            entry("Discover", "6011111111111117", "discover", CREDIT, "US", SUCCEEDS, "pm_card_discover", "tok_discover"),
            entry("Discover", "6011000990139424", "discover", CREDIT, "US", SUCCEEDS),
            entry("Discover (debit)", "6011981111111113", "discover", DEBIT, "US", SUCCEEDS),
            entry("Diners Club", "3056930009020004", "diners", CREDIT, "US", SUCCEEDS, "pm_card_diners", "tok_diners"),
            entry("Diners Club (14-digit card)", "36227206271667", "diners", CREDIT, "US", SUCCEEDS),
            entry("BCcard and DinaCard", "6555900000604105", "discover", CREDIT, "KR", SUCCEEDS),
            entry("JCB", "3566002020360505", "jcb", CREDIT, "JP", SUCCEEDS, "pm_card_jcb", "tok_jcb"),
            entry("UnionPay", "6200000000000005", "unionpay", CREDIT, "CN", SUCCEEDS, "pm_card_unionpay", "tok_unionpay"),
            entry("UnionPay (debit)", "6200000000000047", "unionpay", DEBIT, "CN", SUCCEEDS),
            entry("UnionPay (19-digit card)", "6205500000000000004", "unionpay", CREDIT, "CN", SUCCEEDS),
            entry("Cartes Bancaires/Visa", "4000002500001001", "visa", CREDIT, "FR", SUCCEEDS,
                    "pm_card_visa_cartesBancaires", "tok_visa_cartesBancaires"),
            entry("Cartes Bancaires/Mastercard", "5555552500001001", "mastercard", CREDIT, "FR", SUCCEEDS,
                    "pm_card_mastercard_cartesBancaires", "tok_mastercard_cartesBancaires"),
            entry("eftpos Australia/Visa", "4000050360000001", "visa", DEBIT, "AU", SUCCEEDS,
                    "pm_card_visa_debit_eftposAuCoBranded", "tok_visa_debit_eftposAuCoBranded"),
            entry("eftpos Australia/Mastercard", "5555050360000080", "mastercard", DEBIT, "AU", SUCCEEDS,
                    "pm_card_mastercard_debit_eftposAuCoBranded", "tok_mastercard_debit_eftposAuCoBranded"),

            // Simulate a payment by country: Americas.
            country("Argentina", "4000000320000021", "AR"),
            country("Brazil", "4000000760000002", "BR"),
            country("Canada", "4000001240000000", "CA"),
            country("Chile", "4000001520000001", "CL"),
            country("Colombia", "4000001700000003", "CO"),
            country("Costa Rica", "4000001880000005", "CR"),
            country("Ecuador", "4000002180000000", "EC"),
            country("Mexico", "4000004840008001", "MX"),
            entry("Mexico (MX), Carnet", "5062210000000009", "unknown", CREDIT, "MX", SUCCEEDS),
            country("Panama", "4000005910000000", "PA"),
            country("Paraguay", "4000006000000066", "PY"),
            country("Peru", "4000006040000068", "PE"),
            country("Uruguay", "4000008580000003", "UY"),
            // Europe and Middle East.
            country("United Arab Emirates", "4000007840000001", "AE"),
            entry("United Arab Emirates (AE), Mastercard", "5200007840000022", "mastercard", CREDIT, "AE", SUCCEEDS,
                    "pm_card_ae_mastercard", "tok_ae_mastercard"),
            country("Austria", "4000000400000008", "AT"),
            country("Belgium", "4000000560000004", "BE"),
            country("Bulgaria", "4000001000000000", "BG"),
            country("Belarus", "4000001120000005", "BY"),
            country("Croatia", "4000001910000009", "HR"),
            country("Cyprus", "4000001960000008", "CY"),
            country("Czech Republic", "4000002030000002", "CZ"),
            country("Denmark", "4000002080000001", "DK"),
            country("Estonia", "4000002330000009", "EE"),
            country("Finland", "4000002460000001", "FI"),
            country("France", "4000002500000003", "FR"),
            country("Germany", "4000002760000016", "DE"),
            country("Gibraltar", "4000002920000005", "GI"),
            country("Greece", "4000003000000030", "GR"),
            country("Hungary", "4000003480000005", "HU"),
            country("Ireland", "4000003720000005", "IE"),
            country("Italy", "4000003800000008", "IT"),
            country("Latvia", "4000004280000005", "LV"),
            country("Liechtenstein", "4000004380000004", "LI"),
            country("Lithuania", "4000004400000000", "LT"),
            country("Luxembourg", "4000004420000006", "LU"),
            country("Malta", "4000004700000007", "MT"),
            country("Netherlands", "4000005280000002", "NL"),
            country("Norway", "4000005780000007", "NO"),
            country("Poland", "4000006160000005", "PL"),
            country("Portugal", "4000006200000007", "PT"),
            country("Romania", "4000006420000001", "RO"),
            entry("Saudi Arabia (SA)", "4000006820000007", "visa", CREDIT, "SA", SUCCEEDS),
            country("Slovenia", "4000007050000006", "SI"),
            country("Slovakia", "4000007030000001", "SK"),
            country("Spain", "4000007240000007", "ES"),
            country("Sweden", "4000007520000008", "SE"),
            country("Switzerland", "4000007560000009", "CH"),
            country("United Kingdom", "4000008260000000", "GB"),
            entry("United Kingdom (GB), Visa (debit)", "4000058260000005", "visa", DEBIT, "GB", SUCCEEDS,
                    "pm_card_gb_debit", "tok_gb_debit"),
            entry("United Kingdom (GB), Mastercard", "5555558265554449", "mastercard", CREDIT, "GB", SUCCEEDS,
                    "pm_card_gb_mastercard", "tok_gb_mastercard"),
            // Asia Pacific.
            country("Australia", "4000000360000006", "AU"),
            country("China", "4000001560000002", "CN"),
            country("Hong Kong", "4000003440000004", "HK"),
            country("India", "4000003560000008", "IN"),
            country("Japan", "4000003920000003", "JP"),
            entry("Japan (JP), JCB", "3530111333300000", "jcb", CREDIT, "JP", SUCCEEDS),
            country("Malaysia", "4000004580000002", "MY"),
            country("New Zealand", "4000005540000008", "NZ"),
            country("Singapore", "4000007020000003", "SG"),
            country("Taiwan", "4000001580000008", "TW"),
            entry("Thailand (TH), Visa (credit)", "4000007640000003", "visa", CREDIT, "TH", SUCCEEDS,
                    "pm_card_th_credit", "tok_th_credit"),
            entry("Thailand (TH), Visa (debit)", "4000057640000008", "visa", DEBIT, "TH", SUCCEEDS,
                    "pm_card_th_debit", "tok_th_debit"),

            // HSA and FSA cards.
            entry("Visa FSA / Visa HSA", "4000051230000072", "visa", DEBIT, "US", SUCCEEDS,
                    "pm_card_debit_visaFsaProductCode", "pm_card_debit_visaHsaProductCode"),
            entry("Mastercard FSA", "5200828282828897", "mastercard", DEBIT, "US", SUCCEEDS,
                    "pm_card_mastercard_debit_mastercardFsaProductCode"),

            // Simulate a declined payment. These cannot be attached to a customer.
            declines("Generic decline", "4000000000000002", Decline.GENERIC_DECLINE,
                    "pm_card_visa_chargeDeclined", "pm_card_chargeDeclined", "tok_visa_chargeDeclined", "tok_chargeDeclined"),
            declines("Insufficient funds decline", "4000000000009995", Decline.INSUFFICIENT_FUNDS,
                    "pm_card_visa_chargeDeclinedInsufficientFunds", "pm_card_chargeDeclinedInsufficientFunds",
                    "tok_visa_chargeDeclinedInsufficientFunds", "tok_chargeDeclinedInsufficientFunds"),
            entry("Insufficient debit funds decline (Pinstripe number)", "4000050000009990", "visa", DEBIT, "US",
                    new DeclinesCharge(Decline.INSUFFICIENT_FUNDS, true), "tok_visa_debit_chargeDeclinedInsufficientFunds"),
            declines("Lost card decline", "4000000000009987", Decline.LOST_CARD,
                    "pm_card_visa_chargeDeclinedLostCard", "tok_visa_chargeDeclinedLostCard"),
            declines("Stolen card decline", "4000000000009979", Decline.STOLEN_CARD,
                    "pm_card_visa_chargeDeclinedStolenCard", "tok_visa_chargeDeclinedStolenCard"),
            declines("Expired card decline", "4000000000000069", Decline.EXPIRED_CARD,
                    "pm_card_chargeDeclinedExpiredCard", "tok_chargeDeclinedExpiredCard", "tok_visa_chargeDeclinedExpiredCard"),
            declines("Incorrect CVC decline", "4000000000000127", Decline.INCORRECT_CVC,
                    "pm_card_chargeDeclinedIncorrectCvc", "tok_chargeDeclinedIncorrectCvc", "tok_visa_chargeDeclinedIncorrectCvc"),
            declines("Processing error decline", "4000000000000119", Decline.PROCESSING_ERROR,
                    "pm_card_chargeDeclinedProcessingError", "tok_chargeDeclinedProcessingError",
                    "tok_visa_chargeDeclinedProcessingError"),
            declines("Exceeding velocity limit decline", "4000000000006975", Decline.CARD_VELOCITY_EXCEEDED,
                    "pm_card_visa_chargeDeclinedVelocityLimitExceeded", "tok_visa_chargeDeclinedVelocityLimitExceeded"),
            // Decline after attaching.
            entry("Decline after attaching", "4000000000000341", "visa", CREDIT, "US",
                    new DeclinesCharge(Decline.GENERIC_DECLINE, false),
                    "pm_card_chargeCustomerFail", "tok_chargeCustomerFail", "tok_visa_chargeCustomerFail"),
            entry("Decline after attaching due to lost card (Pinstripe number)", "4000000000039877", "visa", CREDIT, "US",
                    new DeclinesCharge(Decline.LOST_CARD, false), "tok_visa_chargeCustomerFailLostCard"),
            entry("Decline after attaching due to stolen card (Pinstripe number)", "4000000000039794", "visa", CREDIT, "US",
                    new DeclinesCharge(Decline.STOLEN_CARD, false), "tok_visa_chargeCustomerFailStolenCard"),

            // Fraud prevention.
            entry("Always blocked", "4100000000000019", "visa", CREDIT, "US",
                    new RiskLevel(CardNetwork.RISK_HIGHEST, RISK_SCORE_ALWAYS_BLOCKED, true),
                    "pm_card_radarBlock", "pm_card_chargeDeclinedFraudulent", "tok_radarBlock",
                    "tok_visa_chargeDeclinedFraudulent", "tok_chargeDeclinedFraudulent"),
            entry("Highest risk", "4000000000004954", "visa", CREDIT, "US",
                    // Highest risk: Radar's default rule blocks it, so an allow rule can let it through.
                    new RiskLevel(CardNetwork.RISK_HIGHEST, RISK_SCORE_HIGHEST, false),
                    "pm_card_riskLevelHighest", "tok_riskLevelHighest"),
            entry("Elevated risk", "4000000000009235", "visa", CREDIT, "US",
                    new RiskLevel(CardNetwork.RISK_ELEVATED, RISK_SCORE_ELEVATED, false),
                    "pm_card_riskLevelElevated", "tok_riskLevelElevated"),
            entry("High fraud dispute score", "4000008400000407", "visa", CREDIT, "US", SUCCEEDS,
                    "pm_card_highFraudDisputeScore", "tok_highFraudDisputeScore"),
            entry("High early fraud warning score", "4000008400000159", "visa", CREDIT, "US", SUCCEEDS,
                    "pm_card_highEfwScore", "tok_highEfwScore"),
            entry("Dynamic risk thresholds", "4000008400001017", "visa", CREDIT, "US", SUCCEEDS,
                    "pm_card_radarDynamicRiskThreshold", "tok_radarDynamicRiskThreshold"),
            entry("Adaptive 3DS", "4000008405600003", "visa", CREDIT, "US", SUCCEEDS,
                    "pm_card_adaptive3dsChallenge", "tok_adaptive3dsChallenge"),
            entry("CVC check fails", "4000000000000101", "visa", CREDIT, "US", new ChecksFail(true, false, false),
                    "pm_card_cvcCheckFail", "tok_cvcCheckFail"),
            entry("Postal code check fails", "4000000000000036", "visa", CREDIT, "US", new ChecksFail(false, false, true),
                    "pm_card_avsZipFail", "tok_avsZipFail"),
            entry("CVC check fails with elevated risk", "4000058400307872", "visa", DEBIT, "US",
                    new ChecksFail(true, false, false, true), "pm_card_cvcCheckFailElevatedRisk", "tok_cvcCheckFailElevatedRisk"),
            entry("Postal code check fails with elevated risk", "4000058400306072", "visa", DEBIT, "US",
                    new ChecksFail(false, false, true, true), "pm_card_avsZipFailElevatedRisk", "tok_avsZipFailElevatedRisk"),
            entry("Line1 check fails", "4000000000000028", "visa", CREDIT, "US", new ChecksFail(false, true, false),
                    "pm_card_avsLine1Fail", "tok_avsLine1Fail"),
            entry("Address checks fail", "4000000000000010", "visa", CREDIT, "US", new ChecksFail(false, true, true),
                    "pm_card_avsFail", "tok_avsFail"),
            entry("Address unavailable", "4000000000000044", "visa", CREDIT, "US", new AddressChecksUnavailable(),
                    "pm_card_avsUnchecked", "tok_avsUnchecked"),

            // Simulate a dispute.
            entry("Fraudulent dispute", "4000000000000259", "visa", CREDIT, "US", new Disputed("fraudulent", NEEDS_RESPONSE),
                    "pm_card_createDispute", "tok_createDispute"),
            entry("Not received dispute", "4000000000002685", "visa", CREDIT, "US",
                    new Disputed("product_not_received", NEEDS_RESPONSE),
                    "pm_card_createDisputeProductNotReceived", "tok_createDisputeProductNotReceived"),
            entry("Inquiry", "4000000000001976", "visa", CREDIT, "US", new Disputed("fraudulent", "warning_needs_response"),
                    "pm_card_createDisputeInquiry", "tok_createDisputeInquiry"),
            entry("Early fraud warning", "4000000000005423", "visa", CREDIT, "US",
                    new EarlyFraudWarning("made_with_stolen_card"),
                    "pm_card_createIssuerFraudRecord", "tok_createIssuerFraudRecord"),
            entry("Multiple disputes", "4000000404000079", "visa", CREDIT, "US", new Disputed("fraudulent", NEEDS_RESPONSE, 2),
                    "pm_card_createMultipleDisputes", "tok_createMultipleDisputes"),
            entry("Visa Compelling Evidence 3.0", "4000000404000038", "visa", CREDIT, "US",
                    new Disputed("fraudulent", NEEDS_RESPONSE),
                    "pm_card_createCe3EligibleDispute", "tok_createCe3EligibleDispute"),
            entry("Visa compliance", "4000008400000779", "visa", CREDIT, "US", new Disputed("noncompliant", NEEDS_RESPONSE),
                    "pm_card_createComplianceDispute", "tok_createComplianceDispute"),
            entry("Mastercard compliance", "5105008400000002", "mastercard", CREDIT, "US",
                    new Disputed("noncompliant", NEEDS_RESPONSE),
                    "pm_card_createMastercardComplianceDispute", "tok_createMastercardComplianceDispute"),
            entry("Smart disputes", "4000000001000043", "visa", CREDIT, "US", new Disputed("fraudulent", NEEDS_RESPONSE),
                    "pm_card_createAutoRepresentmentEligibleDispute", "tok_createAutoRepresentmentEligibleDispute"),
            entry("Visa Rapid Dispute Resolution", "4000000404004816", "visa", CREDIT, "US",
                    new Disputed("fraudulent", NEEDS_RESPONSE),
                    "pm_card_createRapidDisputeResolutionDispute", "tok_createRapidDisputeResolutionDispute"),
            entry("Verifi CE3 block", "4000000404005649", "visa", CREDIT, "US", new Disputed("fraudulent", NEEDS_RESPONSE),
                    "pm_card_createCe3BlockDispute", "tok_createCe3BlockDispute"),
            entry("Ethoca alert", "5105000300000018", "mastercard", CREDIT, "US", new Disputed("fraudulent", NEEDS_RESPONSE),
                    "pm_card_createEthocaAlert", "tok_createEthocaAlert"),

            // Simulate an asynchronous refund.
            entry("Asynchronous refund success", "4000000000007726", "visa", CREDIT, "US",
                    new RefundsAsynchronously("pending", "succeeded"), "pm_card_pendingRefund", "tok_pendingRefund"),
            entry("Asynchronous refund failure", "4000000000005126", "visa", CREDIT, "US",
                    new RefundsAsynchronously("succeeded", "failed"), "pm_card_refundFail", "tok_refundFail"),

            // Send funds to your available balance.
            entry("Bypass pending balance", "4000000000000077", "visa", CREDIT, "US", new AvailableImmediately(),
                    "pm_card_bypassPending", "tok_bypassPending"),
            entry("Bypass pending balance (international)", "4000003720000278", "visa", CREDIT, "IE",
                    new AvailableImmediately(), "pm_card_bypassPendingInternational", "tok_bypassPendingInternational"),

            // Test 3D Secure: authentication and setup.
            entry("Authenticate unless set up", "4000002500003155", "visa", CREDIT, "FR", new RequiresAuthentication(false),
                    "pm_card_authenticationRequiredOnSetup"),
            entry("Always authenticate", "4000002760003184", "visa", CREDIT, "DE", new RequiresAuthentication(true),
                    "pm_card_authenticationRequired"),
            entry("Already set up", "4000003800000446", "visa", CREDIT, "IT", new RequiresAuthentication(false, true, null),
                    "pm_card_authenticationRequiredSetupForOffSession"),
            entry("Insufficient funds after authentication", "4000008260003178", "visa", CREDIT, "GB",
                    new RequiresAuthentication(false, false, Decline.INSUFFICIENT_FUNDS),
                    "pm_card_authenticationRequiredChargeDeclinedInsufficientFunds"),
            // Support and availability.
            entry("3DS Required, OK (IE)", "4000000000003220", "visa", CREDIT, "IE", new RequiresAuthentication(true),
                    "pm_card_threeDSecure2Required", "tok_threeDSecure2Required"),
            entry("3DS Required, OK (US)", "4000008400000027", "visa", CREDIT, "US", new RequiresAuthentication(true)),
            entry("3DS Required, Declined", "4000008400001629", "visa", CREDIT, "US",
                    new RequiresAuthentication(true, false, Decline.GENERIC_DECLINE),
                    "pm_card_threeDSecureRequiredChargeDeclined", "tok_threeDSecureRequiredChargeDeclined"),
            entry("3DS Required, Error", "4000008400001280", "visa", CREDIT, "US",
                    new RequiresAuthentication(true, false, Decline.GENERIC_DECLINE),
                    "pm_card_threeDSecureRequiredProcessingError", "tok_threeDSecureRequiredProcessingError"),
            entry("3DS Supported, OK", "4000000000003055", "visa", CREDIT, "US", SUCCEEDS,
                    "pm_card_threeDSecureOptional", "tok_threeDSecureOptional"),
            entry("3DS Supported, Error", "4000000000003097", "visa", CREDIT, "US", SUCCEEDS,
                    "pm_card_threeDSecureOptionalProcessingError", "tok_threeDSecureOptionalProcessingError"),
            entry("3DS Frictionless flow", "4000000032200000", "visa", CREDIT, "US", new RequiresAuthentication(true)),
            entry("3DS Required (legacy)", "4000000000003063", "visa", CREDIT, "US", new RequiresAuthentication(true),
                    "pm_card_threeDSecureRequired", "tok_threeDSecureRequired"),
            // 3D Secure mobile challenge flows.
            entry("3DS mobile challenge: out of band", "4000582600000094", "visa", CREDIT, "GB", new RequiresAuthentication(true)),
            entry("3DS mobile challenge: one time passcode", "4000582600000045", "visa", CREDIT, "GB",
                    new RequiresAuthentication(true)),
            entry("3DS mobile challenge: single select", "4000582600000102", "visa", CREDIT, "GB",
                    new RequiresAuthentication(true)),
            entry("3DS mobile challenge: multi select", "4000582600000110", "visa", CREDIT, "GB",
                    new RequiresAuthentication(true)),

            // Simulate a captcha challenge (the API sees a plain success).
            entry("Captcha challenge", "4000000000001208", "visa", CREDIT, "US", SUCCEEDS),
            entry("Captcha challenge", "4000000000003725", "visa", CREDIT, "US", SUCCEEDS));

    private static final Map<String, Entry> BY_NUMBER = new LinkedHashMap<>();
    private static final Map<String, TestCard> BY_PAYMENT_METHOD = new LinkedHashMap<>();
    private static final Map<String, TestCard> BY_TOKEN = new LinkedHashMap<>();
    private static final List<TestCard> ALL;

    static {
        List<TestCard> all = new ArrayList<>();
        for (Entry entry : ENTRIES) {
            TestCard card = entry.card();
            if (BY_NUMBER.putIfAbsent(card.number(), entry) != null) {
                throw new ExceptionInInitializerError("duplicate test card " + card);
            }
            all.add(card);
            for (String id : entry.paymentMethods()) {
                if (BY_PAYMENT_METHOD.putIfAbsent(id, card) != null) {
                    throw new ExceptionInInitializerError("duplicate shortcut " + id);
                }
            }
            for (String id : entry.tokens()) {
                if (BY_TOKEN.putIfAbsent(id, card) != null) {
                    throw new ExceptionInInitializerError("duplicate token " + id);
                }
            }
        }
        ALL = List.copyOf(all);
    }

    private TestCards() {}

    /**
     * The card with this number (spaces and dashes ignored): a documented test card, or for any other
     * Luhn-valid number of 12 to 19 digits a card that succeeds, with its brand detected from the leading
     * digits, country {@link #GENERIC_COUNTRY} and funding credit. Empty for anything else.
     */
    public static Optional<TestCard> byNumber(String digits) {
        if (digits == null) {
            return Optional.empty();
        }
        String number = CardNumbers.stripSeparators(digits);
        Entry entry = BY_NUMBER.get(number);
        if (entry != null) {
            return Optional.of(entry.card());
        }
        if (!CardNumbers.allAsciiDigits(number) || !CardNumbers.lengthInBounds(number) || !CardNumbers.luhnValid(number)) {
            return Optional.empty();
        }
        return Optional.of(new TestCard(number, CardNumbers.brandOf(number), CREDIT, GENERIC_COUNTRY, SUCCEEDS));
    }

    /** The card behind a PaymentMethod shortcut such as {@code pm_card_visa}. */
    public static Optional<TestCard> byPaymentMethodShortcut(String id) {
        return Optional.ofNullable(BY_PAYMENT_METHOD.get(id));
    }

    /** The card behind a test token such as {@code tok_visa}. */
    public static Optional<TestCard> byToken(String id) {
        return Optional.ofNullable(BY_TOKEN.get(id));
    }

    /** Every documented test card, in the order of Stripe's testing page. */
    public static List<TestCard> all() {
        return ALL;
    }

    /** Every PaymentMethod shortcut and its card, in catalogue order. */
    public static Map<String, TestCard> paymentMethodShortcuts() {
        return Collections.unmodifiableMap(BY_PAYMENT_METHOD);
    }

    /** Every test token and its card, in catalogue order. */
    public static Map<String, TestCard> tokens() {
        return Collections.unmodifiableMap(BY_TOKEN);
    }

    /** The catalogue rows, for the documentation table. */
    static List<Entry> entries() {
        return ENTRIES;
    }

    private static Entry country(String name, String number, String isoCode) {
        String lower = isoCode.toLowerCase(Locale.ROOT);
        return entry(name + " (" + isoCode + ")", number, "visa", CREDIT, isoCode, SUCCEEDS,
                "pm_card_" + lower, "tok_" + lower);
    }

    private static Entry declines(String description, String number, Decline decline, String... shortcuts) {
        return entry(description, number, "visa", CREDIT, "US", new DeclinesCharge(decline, true), shortcuts);
    }

    private static Entry entry(String description, String number, String brand, Funding funding, String country,
                               Behaviour behaviour, String... shortcuts) {
        List<String> paymentMethods = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        for (String shortcut : shortcuts) {
            if (shortcut.startsWith("pm_card_")) {
                paymentMethods.add(shortcut);
            } else if (shortcut.startsWith("tok_")) {
                tokens.add(shortcut);
            } else {
                throw new IllegalArgumentException("not a shortcut: " + shortcut);
            }
        }
        return new Entry(description, new TestCard(number, brand, funding, country, behaviour),
                List.copyOf(paymentMethods), List.copyOf(tokens));
    }
}
