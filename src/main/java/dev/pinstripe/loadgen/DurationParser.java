package dev.pinstripe.loadgen;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses durations like {@code 30s}, {@code 500ms}, {@code 1.5s}, {@code 2m}, {@code 1h} or
 * {@code 1m30s}. A bare number is seconds, as in wrk.
 */
public final class DurationParser {

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");
    private static final Pattern BARE_SECONDS = Pattern.compile("\\d+(?:\\.\\d+)?");

    private DurationParser() {}

    public static Duration parse(String text) {
        String trimmed = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("empty duration");
        }
        if (BARE_SECONDS.matcher(trimmed).matches()) {
            return nanos(trimmed, 1_000_000_000L);
        }
        Matcher part = PART.matcher(trimmed);
        Duration total = Duration.ZERO;
        int consumed = 0;
        while (part.find() && part.start() == consumed) {
            total = total.plus(nanos(part.group(1), unitNanos(part.group(2))));
            consumed = part.end();
        }
        if (consumed != trimmed.length()) {
            throw new IllegalArgumentException(
                    "invalid duration '" + text + "': use a number with ms, s, m or h, e.g. 30s, 500ms, 1m30s");
        }
        return total;
    }

    private static long unitNanos(String unit) {
        return switch (unit) {
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            default -> throw new IllegalStateException(unit);
        };
    }

    private static Duration nanos(String number, long unitNanos) {
        return Duration.ofNanos(new BigDecimal(number)
                .multiply(BigDecimal.valueOf(unitNanos))
                .setScale(0, RoundingMode.HALF_UP)
                .longValueExact());
    }
}
