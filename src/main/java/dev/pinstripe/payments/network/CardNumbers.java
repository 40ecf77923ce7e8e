package dev.pinstripe.payments.network;

/** Card-number helpers shared by the package: normalisation, Luhn and brand detection from the IIN. */
final class CardNumbers {
    /** Fewest digits a card number may have (ISO/IEC 7812 allows 8, but no card brand issues fewer than 12). */
    static final int NUMBER_DIGITS_MIN = 12;
    /** Most digits a card number may have (ISO/IEC 7812). */
    static final int NUMBER_DIGITS_MAX = 19;

    private CardNumbers() {}

    /** The number with spaces and dashes removed, as Stripe accepts them; null stays null. */
    static String stripSeparators(String number) {
        if (number == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder(number.length());
        for (int i = 0; i < number.length(); i++) {
            char c = number.charAt(i);
            if (c != ' ' && c != '-') {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    static boolean allAsciiDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    static boolean lengthInBounds(String digits) {
        return digits.length() >= NUMBER_DIGITS_MIN && digits.length() <= NUMBER_DIGITS_MAX;
    }

    /** The Luhn (mod 10) check over ASCII digits. */
    static boolean luhnValid(String digits) {
        int sum = 0;
        boolean doubled = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (doubled) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubled = !doubled;
        }
        return sum % 10 == 0;
    }

    /**
     * The brand Stripe would report for a number, from its leading digits: visa 4; mastercard 51-55 and
     * 2221-2720; amex 34, 37; discover 6011, 644-649, 65; diners 300-305, 36, 38, 39; jcb 3528-3589;
     * unionpay 62; anything else unknown.
     */
    static String brandOf(String digits) {
        int p2 = prefix(digits, 2);
        int p3 = prefix(digits, 3);
        int p4 = prefix(digits, 4);
        if (digits.startsWith("4")) {
            return "visa";
        }
        if ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) {
            return "mastercard";
        }
        if (p2 == 34 || p2 == 37) {
            return "amex";
        }
        if (p4 == 6011 || (p3 >= 644 && p3 <= 649) || p2 == 65) {
            return "discover";
        }
        if ((p3 >= 300 && p3 <= 305) || p2 == 36 || p2 == 38 || p2 == 39) {
            return "diners";
        }
        if (p4 >= 3528 && p4 <= 3589) {
            return "jcb";
        }
        if (p2 == 62) {
            return "unionpay";
        }
        return "unknown";
    }

    private static int prefix(String digits, int length) {
        return digits.length() < length ? -1 : Integer.parseInt(digits.substring(0, length));
    }
}
