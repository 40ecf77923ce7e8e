package dev.pinstripe.api;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stripe API versions. Pinstripe renders objects in the shape of current Stripe whatever the
 * version (see docs/compatibility.md); the version is validated, recorded and echoed.
 */
public final class ApiVersions {
    /** The version an account is pinned to when it is created: the newest the official SDKs send. */
    public static final String DEFAULT = "2026-10-28.endive";
    private static final Pattern SHAPE = Pattern.compile("^(\\d{4})-(\\d{2})-(\\d{2})(\\.[a-z]{1,32})?$");
    private static final LocalDate FIRST = LocalDate.of(2011, 1, 1);

    private ApiVersions() {}

    /** A dated version such as {@code 2026-07-29.dahlia} or {@code 2023-08-16}; otherwise Stripe's 400. */
    public static String validate(String version) {
        Matcher m = SHAPE.matcher(version);
        if (!m.matches()) {
            throw ApiErrors.invalidApiVersion(version);
        }
        try {
            LocalDate date = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)));
            if (date.isBefore(FIRST)) {
                throw ApiErrors.invalidApiVersion(version);
            }
        } catch (DateTimeException e) {
            throw ApiErrors.invalidApiVersion(version);
        }
        return version;
    }
}
