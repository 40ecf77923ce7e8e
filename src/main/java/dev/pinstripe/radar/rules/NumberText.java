package dev.pinstripe.radar.rules;

/**
 * What counts as a number, in a rule and in metadata: an optional minus, digits, and optionally a
 * point and more digits ({@code 10}, {@code -5}, {@code 1000.00}). No exponent, no thousands
 * separator, no leading point.
 */
final class NumberText {

    private NumberText() {}

    /** The value of {@code text}, or NaN if it isn't a number as defined above or is too large for a double. */
    static double parse(String text) {
        if (!isNumber(text)) {
            return Double.NaN;
        }
        double value = Double.parseDouble(text);
        return Double.isInfinite(value) ? Double.NaN : value;
    }

    private static boolean isNumber(String text) {
        int i = text.startsWith("-") ? 1 : 0;
        int integerStart = i;
        while (i < text.length() && isDigit(text.charAt(i))) {
            i++;
        }
        if (i == integerStart) {
            return false;
        }
        if (i == text.length()) {
            return true;
        }
        if (text.charAt(i) != '.') {
            return false;
        }
        int fractionStart = ++i;
        while (i < text.length() && isDigit(text.charAt(i))) {
            i++;
        }
        return i > fractionStart && i == text.length();
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
