package dev.pinstripe.loadgen;

import java.util.Objects;

/**
 * One API request, independent of any HTTP library.
 *
 * @param formBody an {@code application/x-www-form-urlencoded} body, or null for none
 * @param idempotencyKey the {@code Idempotency-Key} header, or null for none
 */
public record RequestSpec(String method, String path, String formBody, String idempotencyKey) {

    public RequestSpec {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with /: " + path);
        }
    }

    public static RequestSpec get(String path) {
        return new RequestSpec("GET", path, null, null);
    }
}
