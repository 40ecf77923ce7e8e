package dev.pinstripe.radar.external;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Settings of the optional external fraud service (docs/radar-external.md). A null {@code url}
 * turns it off; then Radar scores with its own model only.
 *
 * @param url         where scores are POSTed ({@code http} or {@code https}), or null for off
 * @param timeout     how long one payment may wait for the service, connecting included
 * @param bearerToken sent as {@code Authorization: Bearer <token>}, or null; never logged
 * @param weight      the external probability's share of the combined one, 0..1
 *                    ({@link ExternalScorer#combine})
 */
public record ExternalScoring(URI url, Duration timeout, String bearerToken, double weight) {
    public static final String ENV_URL = "PINSTRIPE_RADAR_EXTERNAL_URL";
    public static final String ENV_TIMEOUT_MS = "PINSTRIPE_RADAR_EXTERNAL_TIMEOUT_MS";
    public static final String ENV_TOKEN = "PINSTRIPE_RADAR_EXTERNAL_TOKEN";
    public static final String ENV_WEIGHT = "PINSTRIPE_RADAR_EXTERNAL_WEIGHT";

    public static final Duration TIMEOUT_DEFAULT = Duration.ofMillis(50);
    /** The payment waits at most this long for the service, whatever is configured. */
    public static final Duration TIMEOUT_MAX = Duration.ofSeconds(10);
    public static final double WEIGHT_DEFAULT = 0.5;
    /** Longer tokens are refused: a header, not a payload. */
    public static final int TOKEN_CHARS_MAX = 4096;

    public static final ExternalScoring DISABLED = new ExternalScoring(null, TIMEOUT_DEFAULT, null, WEIGHT_DEFAULT);

    public ExternalScoring {
        if (url != null) {
            if (url.getRawUserInfo() != null) {
                // The URL is logged (and echoed below); credentials belong in the token, which is not.
                throw new IllegalArgumentException("the external fraud service URL must not contain credentials;"
                        + " use the bearer token (" + ENV_TOKEN + ")");
            }
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            if (!url.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
                throw new IllegalArgumentException(
                        "the external fraud service URL must be an absolute http or https URL with a host, not '"
                                + url + "'");
            }
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero() || timeout.compareTo(TIMEOUT_MAX) > 0) {
            throw new IllegalArgumentException("the external fraud service timeout must be more than 0 and at most "
                    + TIMEOUT_MAX.toMillis() + " ms, not " + (timeout == null ? "null" : timeout.toMillis() + " ms"));
        }
        if (bearerToken != null && bearerToken.isBlank()) {
            bearerToken = null;
        }
        if (bearerToken != null) {
            // Checked here so a bad token fails at start-up, not on every payment. Not echoed back.
            if (bearerToken.length() > TOKEN_CHARS_MAX) {
                throw new IllegalArgumentException(
                        "the external fraud service token must be at most " + TOKEN_CHARS_MAX + " characters");
            }
            if (!bearerToken.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
                throw new IllegalArgumentException(
                        "the external fraud service token must be printable ASCII without spaces");
            }
        }
        if (!(weight >= 0 && weight <= 1)) {
            throw new IllegalArgumentException("the external fraud service weight must be between 0 and 1, not " + weight);
        }
    }

    /**
     * Reads {@value #ENV_URL} (unset or blank: off), {@value #ENV_TIMEOUT_MS} (whole milliseconds,
     * default 50), {@value #ENV_TOKEN} (optional) and {@value #ENV_WEIGHT} (0..1, default 0.5).
     *
     * @throws IllegalArgumentException naming the variable, when a value is invalid
     */
    public static ExternalScoring fromEnvironment(Map<String, String> env) {
        URI url = null;
        String rawUrl = value(env, ENV_URL);
        if (rawUrl != null) {
            try {
                url = new URI(rawUrl);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException(ENV_URL + " is not a URL: '" + rawUrl + "'", e);
            }
        }
        Duration timeout = TIMEOUT_DEFAULT;
        String rawTimeout = value(env, ENV_TIMEOUT_MS);
        if (rawTimeout != null) {
            long ms;
            try {
                ms = Long.parseLong(rawTimeout);
            } catch (NumberFormatException e) {
                ms = -1;
            }
            if (ms < 1 || ms > TIMEOUT_MAX.toMillis()) {
                throw new IllegalArgumentException(ENV_TIMEOUT_MS + " must be a whole number of milliseconds from 1 to "
                        + TIMEOUT_MAX.toMillis() + ", not '" + rawTimeout + "'");
            }
            timeout = Duration.ofMillis(ms);
        }
        double weight = WEIGHT_DEFAULT;
        String rawWeight = value(env, ENV_WEIGHT);
        if (rawWeight != null) {
            try {
                weight = Double.parseDouble(rawWeight);
            } catch (NumberFormatException e) {
                weight = Double.NaN;
            }
            if (!(weight >= 0 && weight <= 1)) {
                throw new IllegalArgumentException(
                        ENV_WEIGHT + " must be a number from 0 to 1, not '" + rawWeight + "'");
            }
        }
        try {
            return new ExternalScoring(url, timeout, value(env, ENV_TOKEN), weight);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + " (from " + ENV_URL + " or " + ENV_TOKEN + ")", e);
        }
    }

    private static String value(Map<String, String> env, String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v.strip();
    }

    public boolean enabled() {
        return url != null;
    }

    /** Without the token, so settings can be logged. */
    @Override
    public String toString() {
        return "ExternalScoring[url=" + url + ", timeout=" + timeout + ", bearerToken="
                + (bearerToken == null ? "none" : "****") + ", weight=" + weight + "]";
    }
}
