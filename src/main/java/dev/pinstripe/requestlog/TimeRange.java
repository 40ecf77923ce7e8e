package dev.pinstripe.requestlog;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The half-open range [from, to) of request times, in epoch milliseconds; a null bound is open.
 */
public record TimeRange(Long fromMillis, Long toMillis) {

    public static final TimeRange ALL = new TimeRange(null, null);

    /**
     * Integers with at least this many digits are epoch milliseconds, shorter ones epoch seconds:
     * 10^11 seconds is the year 5138, 10^11 milliseconds is March 1973.
     */
    static final long EPOCH_MILLIS_MIN = 100_000_000_000L;

    public TimeRange {
        if (fromMillis != null && toMillis != null && fromMillis >= toMillis) {
            throw new IllegalArgumentException("the range's start must be before its end, was ["
                    + Instant.ofEpochMilli(fromMillis) + ", " + Instant.ofEpochMilli(toMillis) + ")");
        }
    }

    public boolean contains(long timeMillis) {
        return (fromMillis == null || timeMillis >= fromMillis) && (toMillis == null || timeMillis < toMillis);
    }

    public boolean isAll() {
        return fromMillis == null && toMillis == null;
    }

    /**
     * A bound given by a person: an ISO-8601 instant ({@code 2026-03-01T12:00:00Z}), a date-time with an offset
     * ({@code 2026-03-01T13:00:00+01:00}), a date (its midnight UTC: {@code 2026-03-01}), or a non-negative
     * integer of epoch seconds (as Stripe's API uses) or, with 12 digits or more, epoch milliseconds (as the log
     * uses).
     *
     * @throws IllegalArgumentException saying which forms are accepted
     */
    public static long parseBound(String text) {
        String t = text.strip();
        if (!t.isEmpty() && t.chars().allMatch(c -> c >= '0' && c <= '9')) {
            long value;
            try {
                value = Long.parseLong(t);
            } catch (NumberFormatException e) {
                throw invalid(text);
            }
            if (value >= EPOCH_MILLIS_MIN) {
                return value;
            }
            return value * 1000;
        }
        try {
            return Instant.parse(t).toEpochMilli();
        } catch (DateTimeParseException notAnInstant) {
            // try the next form
        }
        try {
            return OffsetDateTime.parse(t).toInstant().toEpochMilli();
        } catch (DateTimeParseException notAnOffsetDateTime) {
            // try the next form
        }
        try {
            return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            throw invalid(text);
        }
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("'" + text + "' is not a time: use an ISO-8601 instant"
                + " (2026-03-01T12:00:00Z), a date-time with an offset, a date (2026-03-01, midnight UTC),"
                + " or epoch seconds (1772366400) or milliseconds (1772366400000)");
    }
}
