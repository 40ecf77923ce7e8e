package dev.pinstripe.api;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Stripe's error body: {@code {"error": {...}}} with absent fields left out, keys in alphabetical order. */
public final class ErrorJson {
    private ErrorJson() {}

    public static String render(ApiException e) {
        ObjectNode error = Json.object();
        if (e.code() != null) {
            error.put("code", e.code());
        }
        if (e.declineCode() != null) {
            error.put("decline_code", e.declineCode());
        }
        if (e.code() != null) {
            error.put("doc_url", "https://stripe.com/docs/error-codes/" + e.code().replace('_', '-'));
        }
        error.put("message", e.getMessage());
        if (e.param() != null) {
            error.put("param", e.param());
        }
        error.put("type", e.type());
        ObjectNode body = Json.object();
        body.set("error", error);
        return Json.pretty(body);
    }

    public static ApiResponse response(ApiException e) {
        return ApiResponse.of(e.status(), render(e));
    }
}
