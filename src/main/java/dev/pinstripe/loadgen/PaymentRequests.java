package dev.pinstripe.loadgen;

import java.util.UUID;

/**
 * The requests of the {@code payments.*} scenarios: a USD 20.00 PaymentIntent paid with the test card
 * {@code pm_card_visa}, each request with a fresh {@code Idempotency-Key}, as Stripe's libraries send
 * on every POST. A response is a success only if it is HTTP 200 with the PaymentIntent {@code succeeded}.
 */
final class PaymentRequests {

    static final String SUCCESS_RULE = "HTTP 200 with \"status\": \"succeeded\"";
    static final String PATH = "/v1/payment_intents";
    static final String CREATE_BODY = "amount=2000&currency=usd&payment_method=pm_card_visa";

    // The server pretty-prints with ": ", and a PaymentIntent has no other "status" field (its charge
    // is referred to by id, unexpanded), so a substring test is exact and much cheaper than parsing.
    private static final String SUCCEEDED = "\"status\": \"succeeded\"";
    // "id" is the first field of every API object, so its first occurrence is the PaymentIntent's.
    private static final String ID_FIELD = "\"id\": \"";
    private static final int DETAIL_CHARS_MAX = 300;

    private PaymentRequests() {}

    /** Create and confirm in one request. */
    static RequestSpec checkout() {
        return new RequestSpec("POST", PATH, CREATE_BODY + "&confirm=true", newKey());
    }

    /** Create only, left in {@code requires_confirmation}. */
    static RequestSpec create() {
        return new RequestSpec("POST", PATH, CREATE_BODY, newKey());
    }

    /** Confirm with the payment method given at create: an empty form. */
    static RequestSpec confirm(String intentId) {
        return new RequestSpec("POST", PATH + "/" + intentId + "/confirm", "", newKey());
    }

    private static String newKey() {
        return UUID.randomUUID().toString();
    }

    /** A response that should have brought a succeeded PaymentIntent. */
    static Outcome judgePayment(RequestSpec request, int status, String body) {
        if (status == 200 && body.contains(SUCCEEDED)) {
            return Outcome.success(status);
        }
        return Outcome.failure(status, describe(request, status, body, "the PaymentIntent did not succeed"));
    }

    /** The id of the PaymentIntent a create returned, or null if it returned none. */
    static String intentId(String body) {
        int start = body.indexOf(ID_FIELD);
        if (start < 0) {
            return null;
        }
        start += ID_FIELD.length();
        int end = body.indexOf('"', start);
        String id = end < 0 ? null : body.substring(start, end);
        return id != null && id.startsWith("pi_") ? id : null;
    }

    static String describe(RequestSpec request, int status, String body, String problem) {
        String excerpt = body.length() <= DETAIL_CHARS_MAX ? body : body.substring(0, DETAIL_CHARS_MAX) + "...";
        return request.method() + " " + request.path() + ": HTTP " + status + ", " + problem + ": "
                + excerpt.replaceAll("\\s+", " ");
    }
}
