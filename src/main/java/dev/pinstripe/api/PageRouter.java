package dev.pinstripe.api;

import java.util.Map;

/**
 * Plain web pages outside the API (no API key, HTML responses), such as the 3-D Secure page a
 * PaymentIntent's {@code next_action} sends the customer to. The HTTP layer implements it.
 */
public interface PageRouter {
    void page(String method, String path, PageHandler handler);

    @FunctionalInterface
    interface PageHandler {
        /** @param params the query string and, for POST, the form body, flattened */
        PageResponse handle(Map<String, String> pathParams, Map<String, String> params);
    }

    /** An HTML page, or a redirect when {@code location} is set. */
    record PageResponse(int status, String html, String location) {
        public static PageResponse html(int status, String html) {
            return new PageResponse(status, html, null);
        }

        public static PageResponse redirect(String location) {
            return new PageResponse(303, null, location);
        }
    }
}
