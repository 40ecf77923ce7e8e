package dev.pinstripe.payments.network;

import java.time.YearMonth;
import java.util.Objects;
import java.util.Optional;

/**
 * Card data validation as Stripe does it when a PaymentMethod or token is created from raw card details:
 * number, then expiry month, then expiry year, then expiry against today, then CVC.
 */
public final class CardValidation {

    /** How many years ahead of today an expiry year may be; later years are {@code invalid_expiry_year}. */
    public static final int EXPIRY_YEARS_AHEAD_MAX = 50;
    /**
     * A two-digit year means the year of that century nearest today within this many years back and
     * {@code 100 - this} ahead: in 2026, {@code 95} is 1995 (Stripe's own example of a past year) and
     * {@code 40} is 2040.
     */
    public static final int TWO_DIGIT_YEAR_PAST_WINDOW_YEARS = 50;
    /** Digits of an American Express CVC (the four on the front of the card). */
    public static final int CVC_DIGITS_AMEX = 4;
    /** Digits of every other brand's CVC. */
    public static final int CVC_DIGITS_OTHER = 3;

    private static final int CENTURY_YEARS = 100;
    private static final int MONTH_MIN = 1;
    private static final int MONTH_MAX = 12;

    private CardValidation() {}

    /**
     * The first problem with these card details, checked in Stripe's order, or empty. Spaces and dashes in
     * the number are allowed and ignored. A null or empty {@code cvc} is fine (the CVC is optional).
     * {@code today} is the current month in UTC, from the caller's injected clock.
     */
    public static Optional<CardProblem> check(String number, Long expMonth, Long expYear, String cvc, YearMonth today) {
        Objects.requireNonNull(today, "today");
        if (number == null || number.isBlank()) {
            return missing("card[number]");
        }
        String digits = CardNumbers.stripSeparators(number);
        if (!CardNumbers.allAsciiDigits(digits) || !CardNumbers.lengthInBounds(digits)) {
            return problem("invalid_number", "Your card number is invalid.", "number");
        }
        if (!CardNumbers.luhnValid(digits)) {
            return problem("incorrect_number", "Your card number is incorrect.", "number");
        }
        Optional<CardProblem> expiry = checkExpiry(expMonth, expYear, today);
        if (expiry.isPresent()) {
            return expiry;
        }
        if (cvc != null && !cvc.isEmpty()) {
            int expected = "amex".equals(CardNumbers.brandOf(digits)) ? CVC_DIGITS_AMEX : CVC_DIGITS_OTHER;
            if (!CardNumbers.allAsciiDigits(cvc) || cvc.length() != expected) {
                return problem("invalid_cvc", "Your card's security code is invalid.", "cvc");
            }
        }
        return Optional.empty();
    }

    /**
     * The first problem with an expiry month and year, or empty: also used when only the expiry of a
     * saved card changes.
     */
    public static Optional<CardProblem> checkExpiry(Long expMonth, Long expYear, YearMonth today) {
        Objects.requireNonNull(today, "today");
        if (expMonth == null) {
            return missing("card[exp_month]");
        }
        if (expMonth < MONTH_MIN || expMonth > MONTH_MAX) {
            return invalidMonth();
        }
        if (expYear == null) {
            return missing("card[exp_year]");
        }
        Optional<Integer> year = fullYear(expYear, today.getYear());
        if (year.isEmpty() || year.get() < today.getYear() || year.get() > today.getYear() + EXPIRY_YEARS_AHEAD_MAX) {
            return problem("invalid_expiry_year", "Your card's expiration year is invalid.", "exp_year");
        }
        if (year.get() == today.getYear() && expMonth < today.getMonthValue()) {
            return invalidMonth();
        }
        return Optional.empty();
    }

    /**
     * The four-digit year an {@code exp_year} stands for, or empty if it is no year at all: two-digit years
     * are read in the window {@link #TWO_DIGIT_YEAR_PAST_WINDOW_YEARS}; three-digit and negative years are
     * invalid.
     */
    public static Optional<Integer> fullYear(long expYear, int currentYear) {
        if (expYear >= 0 && expYear < CENTURY_YEARS) {
            int year = currentYear - Math.floorMod(currentYear, CENTURY_YEARS) + (int) expYear;
            if (year > currentYear + (CENTURY_YEARS - TWO_DIGIT_YEAR_PAST_WINDOW_YEARS - 1)) {
                year -= CENTURY_YEARS;
            } else if (year < currentYear - TWO_DIGIT_YEAR_PAST_WINDOW_YEARS) {
                year += CENTURY_YEARS;
            }
            return Optional.of(year);
        }
        if (expYear >= 1000 && expYear <= 9999) {
            return Optional.of((int) expYear);
        }
        return Optional.empty();
    }

    private static Optional<CardProblem> invalidMonth() {
        return problem("invalid_expiry_month", "Your card's expiration month is invalid.", "exp_month");
    }

    private static Optional<CardProblem> missing(String param) {
        return problem("parameter_missing", "Missing required param: " + param + ".", param);
    }

    private static Optional<CardProblem> problem(String code, String message, String param) {
        return Optional.of(new CardProblem(code, message, param));
    }
}
