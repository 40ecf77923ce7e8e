package dev.pinstripe.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;

/** Stripe's error body: {@code {"error": {...}}} with absent fields left out, keys in alphabetical order. */
public final class ErrorJson {
    private ErrorJson() {}

    public static String render(ApiException e) {
        Map<String, JsonNode> fields = new TreeMap<>();
        if (e.code() != null) {
            fields.put("code", Json.text(e.code()));
            fields.put("doc_url", Json.text("https://stripe.com/docs/error-codes/" + e.code().replace('_', '-')));
        }
        if (e.declineCode() != null) {
            fields.put("decline_code", Json.text(e.declineCode()));
        }
        fields.put("message", Json.text(e.getMessage()));
        if (e.param() != null) {
            fields.put("param", Json.text(e.param()));
        }
        fields.put("type", Json.text(e.type()));
        if (e.related() != null) {
            e.related().properties().forEach(entry -> fields.put(entry.getKey(), entry.getValue()));
        }
        ObjectNode error = Json.object();
        fields.forEach(error::set);
        ObjectNode body = Json.object();
        body.set("error", error);
        return Json.pretty(body);
    }

    public static ApiResponse response(ApiException e) {
        return ApiResponse.of(e.status(), render(e));
    }
}
