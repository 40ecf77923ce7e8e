package dev.pinstripe.payments.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Validation of raw card details, as Stripe does when a PaymentMethod or token is created. */
class CardValidationTest {

    private static final YearMonth TODAY = YearMonth.of(2026, 6);

    private static Optional<CardProblem> check(String number, Long month, Long year, String cvc) {
        return CardValidation.check(number, month, year, cvc, TODAY);
    }

    private static CardProblem problem(String number, Long month, Long year, String cvc) {
        return check(number, month, year, cvc).orElseThrow();
    }

    @Test
    void validCardDetailsHaveNoProblem() {
        assertThat(check("4242424242424242", 12L, 2034L, "123")).isEmpty();
        assertThat(check("378282246310005", 1L, 2027L, "1234")).isEmpty();
    }

    @Test
    void cvcIsOptional() {
        assertThat(check("4242424242424242", 12L, 2034L, null)).isEmpty();
        assertThat(check("4242424242424242", 12L, 2034L, "")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"4242 4242 4242 4242", "4242-4242-4242-4242", "4242 - 4242 4242-4242"})
    void spacesAndDashesInTheNumberAreAllowed(String number) {
        assertThat(check(number, 12L, 2034L, "123")).isEmpty();
    }

    @Test
    void luhnFailureIsAnIncorrectNumber() {
        assertThat(problem("4242424242424241", 12L, 2034L, "123"))
                .isEqualTo(new CardProblem("incorrect_number", "Your card number is incorrect.", "number"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"4242x24242424242", "4242.4242.4242.4242", "42424242424", "42424242424242424242", "----", "٤٢٤٢٤٢٤٢٤٢٤٢٤٢٤٢"})
    void nonDigitsOrAWrongLengthAreAnInvalidNumber(String number) {
        assertThat(problem(number, 12L, 2034L, "123"))
                .isEqualTo(new CardProblem("invalid_number", "Your card number is invalid.", "number"));
    }

    @Test
    void numberLengthBoundsAreInclusive() {
        assertThat(check("424242424242", 12L, 2034L, null)).isEmpty();
        assertThat(check("42424242424", 12L, 2034L, null).map(CardProblem::code)).contains("invalid_number");
        assertThat(check("6205500000000000004", 12L, 2034L, null)).isEmpty();
    }

    @Test
    void missingNumberIsAMissingParameter() {
        CardProblem problem = problem(null, 12L, 2034L, "123");

        assertThat(problem).isEqualTo(new CardProblem("parameter_missing", "Missing required param: card[number].",
                "card[number]"));
        assertThat(problem.type()).isEqualTo("invalid_request_error");
        assertThat(problem("  ", 12L, 2034L, "123").code()).isEqualTo("parameter_missing");
    }

    @Test
    void missingExpiryIsAMissingParameter() {
        assertThat(problem("4242424242424242", null, 2034L, "123").param()).isEqualTo("card[exp_month]");
        assertThat(problem("4242424242424242", 12L, null, "123").param()).isEqualTo("card[exp_year]");
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 13, -1, 100})
    void monthOutsideOneToTwelveIsAnInvalidExpiryMonth(long month) {
        CardProblem problem = problem("4242424242424242", month, 2034L, "123");

        assertThat(problem).isEqualTo(new CardProblem("invalid_expiry_month",
                "Your card's expiration month is invalid.", "exp_month"));
        assertThat(problem.type()).isEqualTo("card_error");
    }

    @ParameterizedTest
    @ValueSource(longs = {2025, 1995, 95, 2077, 123, -5, 10000})
    void pastFarFutureOrMalformedYearIsAnInvalidExpiryYear(long year) {
        assertThat(problem("4242424242424242", 12L, year, "123"))
                .isEqualTo(new CardProblem("invalid_expiry_year", "Your card's expiration year is invalid.", "exp_year"));
    }

    @Test
    void yearLimitIsFiftyYearsAhead() {
        assertThat(check("4242424242424242", 12L, 2026L + CardValidation.EXPIRY_YEARS_AHEAD_MAX, null)).isEmpty();
        assertThat(check("4242424242424242", 12L, 2027L + CardValidation.EXPIRY_YEARS_AHEAD_MAX, null)).isNotEmpty();
    }

    @ParameterizedTest(name = "{0} means {1}")
    @CsvSource({"34, 2034", "26, 2026", "75, 2075", "76, 1976", "95, 1995", "0, 2000", "99, 1999"})
    void twoDigitYearsAreReadInAWindowAroundToday(long twoDigits, int year) {
        assertThat(CardValidation.fullYear(twoDigits, 2026)).contains(year);
    }

    @Test
    void twoDigitFutureYearIsAccepted() {
        assertThat(check("4242424242424242", 12L, 34L, "123")).isEmpty();
    }

    @Test
    void cardExpiredEarlierThisYearIsAnInvalidExpiryMonth() {
        assertThat(problem("4242424242424242", 5L, 2026L, "123").code()).isEqualTo("invalid_expiry_month");
    }

    @Test
    void cardExpiringThisMonthIsStillValid() {
        assertThat(check("4242424242424242", 6L, 2026L, "123")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"99", "1234", "12a", "abc", "1 3"})
    void cvcOfAnythingButThreeDigitsIsInvalidForVisa(String cvc) {
        assertThat(problem("4242424242424242", 12L, 2034L, cvc))
                .isEqualTo(new CardProblem("invalid_cvc", "Your card's security code is invalid.", "cvc"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"123", "12345"})
    void americanExpressCvcMustBeFourDigits(String cvc) {
        assertThat(problem("378282246310005", 12L, 2034L, cvc).code()).isEqualTo("invalid_cvc");
    }

    @Test
    void problemsAreReportedInStripesOrder() {
        assertThat(problem("4242424242424241", 13L, 1990L, "9").code()).isEqualTo("incorrect_number");
        assertThat(problem("4242424242424242", 13L, 1990L, "9").code()).isEqualTo("invalid_expiry_month");
        assertThat(problem("4242424242424242", 12L, 1990L, "9").code()).isEqualTo("invalid_expiry_year");
        assertThat(problem("4242424242424242", 1L, 2026L, "9").code()).isEqualTo("invalid_expiry_month");
        assertThat(problem("4242424242424242", 12L, 2030L, "9").code()).isEqualTo("invalid_cvc");
    }

    @Test
    void everyCatalogueCardPassesValidationWithAValidExpiryAndCvc() {
        for (TestCard card : TestCards.all()) {
            String cvc = card.brand().equals("amex") ? "1234" : "123";
            assertThat(check(card.number(), 12L, 2034L, cvc)).as(card.toString()).isEmpty();
        }
    }

    @Test
    void problemDocUrlFollowsStripesErrorCodePages() {
        assertThat(problem("4242424242424241", 12L, 2034L, null).docUrl())
                .isEqualTo("https://stripe.com/docs/error-codes/incorrect-number");
    }
}
