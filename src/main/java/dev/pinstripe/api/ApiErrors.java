package dev.pinstripe.api;

/**
 * The one registry of API errors: Stripe's HTTP statuses, types, codes and message wording. Nothing
 * else constructs an {@link ApiException}. Deviations from Stripe are listed in docs/compatibility.md.
 */
public final class ApiErrors {
    public static final String INVALID_REQUEST = "invalid_request_error";
    public static final String API_ERROR = "api_error";
    public static final String IDEMPOTENCY_ERROR = "idempotency_error";
    public static final String CARD_ERROR = "card_error";

    private ApiErrors() {}

    static ApiException invalid(String code, String message, String param) {
        return new ApiException(400, INVALID_REQUEST, code, message, param, null);
    }

    // --- parameters --------------------------------------------------------------------------

    public static ApiException parameterUnknown(String param) {
        return invalid("parameter_unknown", "Received unknown parameter: " + param, param);
    }

    /** A parameter Stripe has that Pinstripe does not implement yet (listed in docs/compatibility.md). */
    public static ApiException parameterNotSupported(String param) {
        return invalid("parameter_unknown", "Received unknown parameter: " + param
                + ". Pinstripe does not support this Stripe parameter yet (see docs/compatibility.md).", param);
    }

    public static ApiException parameterMissing(String param) {
        return invalid("parameter_missing", "Missing required param: " + param + ".", param);
    }

    public static ApiException invalidInteger(String param, String value) {
        return invalid("parameter_invalid_integer", "Invalid integer: " + value, param);
    }

    public static ApiException invalidBoolean(String param, String value) {
        return invalid(null, "Invalid boolean: " + value, param);
    }

    public static ApiException invalidEnum(String param, String value, java.util.Collection<String> allowed) {
        return invalid(null, "Invalid " + param + ": must be one of " + oneOf(allowed), param);
    }

    public static ApiException stringTooLong(String param, String value, int maxLength) {
        return invalid(null, "Invalid string: " + abbreviate(value) + "; must be at most " + maxLength + " characters",
                param);
    }

    public static ApiException invalidString(String param) {
        return invalid(null, "Invalid string: " + param + " must be a string", param);
    }

    public static ApiException invalidHash(String param) {
        return invalid(null, "Invalid hash", param);
    }

    public static ApiException invalidArray(String param) {
        return invalid(null, "Invalid array", param);
    }

    public static ApiException invalidValue(String param, String message) {
        return invalid("parameter_invalid", message, param);
    }

    /** A URL Pinstripe cannot deliver webhooks to (not absolute http or https, userinfo, fragment, ...). */
    public static ApiException urlInvalid(String param, String detail) {
        return invalid("url_invalid", "Invalid URL: " + detail, param);
    }

    public static ApiException nulCharacter(String param) {
        return invalid(null, "Invalid string: " + param + " contains a NUL character (\\u0000), which is not allowed.", param);
    }

    public static ApiException metadataTooManyKeys(int count) {
        return invalid(null, "Metadata can have up to " + Metadata.KEYS_MAX + " keys, but you've set " + count
                + ".", "metadata");
    }

    public static ApiException metadataKeyInvalid(String key, String reason) {
        return invalid(null, "Invalid key: " + key + " " + reason, "metadata");
    }

    public static ApiException metadataValueTooLong(String value) {
        return invalid(null, "Invalid val: " + abbreviate(value) + " must be a string under "
                + Metadata.VALUE_LENGTH_MAX + " characters", "metadata");
    }

    public static ApiException metadataValueNotString(String shown) {
        return invalid(null, "Invalid value type: " + shown + " must be a string", "metadata");
    }

    // --- objects and routes ------------------------------------------------------------------

    public static ApiException resourceMissing(String objectName, String id, String param) {
        return new ApiException(404, INVALID_REQUEST, "resource_missing",
                "No such " + objectName + ": '" + id + "'", param, null);
    }

    /** A value the caller chose must be unique (an alias, an item of a list) and is taken. */
    public static ApiException resourceAlreadyExists(String param, String message) {
        return invalid("resource_already_exists", message, param);
    }

    public static ApiException unrecognizedUrl(String method, String path) {
        String hint = path.length() > 1 && path.endsWith("/")
                ? " If you are trying to list objects, remove the trailing slash. If you are trying to retrieve an"
                  + " object, make sure you passed a valid (non-empty) identifier in your code." : "";
        return new ApiException(404, INVALID_REQUEST, null, "Unrecognized request URL (" + method + ": " + path
                + ")." + hint + " Please see https://stripe.com/docs or we can help at https://support.stripe.com/.",
                null, null);
    }

    public static ApiException notExpandable(String path) {
        return invalid(null, "This property cannot be expanded (" + path + ").", null);
    }

    public static ApiException notExpandableOnList(String path) {
        return invalid(null, "This property cannot be expanded (" + path + "). You may want to try expanding 'data."
                + path + "' instead.", null);
    }

    public static ApiException expandTooDeep(String path) {
        return invalid("property_expansion_max_depth",
                "You cannot expand more than 4 levels of a property. Property: " + path, null);
    }

    public static ApiException bothCursors() {
        return invalid(null, "Received both starting_after and ending_before parameters. Please pass in only one.", null);
    }

    public static ApiException limitTooSmall() {
        return invalid(null, "This value must be greater than or equal to 1.", "limit");
    }

    public static ApiException limitTooLarge() {
        return invalid(null, "This value must be less than or equal to 100.", "limit");
    }

    public static ApiException invalidSearchQuery(String message) {
        return invalid(null, message, "query");
    }

    public static ApiException invalidPage() {
        return invalid(null, "Invalid page: the page token is malformed or was issued for another query.", "page");
    }

    // --- requests ----------------------------------------------------------------------------

    public static ApiException unsupportedContentType() {
        return invalid(null, "Invalid request (check that your POST content type is application/x-www-form-urlencoded)."
                + " If you have any questions, we can help at https://support.stripe.com/.", null);
    }

    public static ApiException malformedBody(String detail) {
        return invalid(null, "Invalid request: the request body could not be decoded as application/x-www-form-urlencoded ("
                + detail + ").", null);
    }

    /** A request the HTTP server rejected before routing (bad URI, oversized headers). */
    public static ApiException httpError(int status, String reason) {
        String detail = reason == null || reason.isBlank() ? "" : " (" + reason + ")";
        if (status >= 500) {
            // The server's fault: an api_error, which the SDKs retry.
            return new ApiException(status, API_ERROR, null, "The HTTP server could not process the request"
                    + detail + ".", null, null);
        }
        int shown = status >= 400 ? status : 400;
        return new ApiException(shown, INVALID_REQUEST, null, "Invalid request: the HTTP request could not be"
                + " processed" + detail + ".", null, null);
    }

    public static ApiException bodyTooLarge(long maxBytes) {
        return new ApiException(413, INVALID_REQUEST, null,
                "Request body too large: the maximum is " + maxBytes + " bytes.", null, null);
    }

    public static ApiException invalidApiVersion(String version) {
        return invalid(null, "Invalid Stripe API version: " + version, null);
    }

    // --- authentication ----------------------------------------------------------------------

    public static ApiException apiKeyMissing() {
        return new ApiException(401, INVALID_REQUEST, null, "You did not provide an API key. You need to provide your"
                + " API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer"
                + " YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help"
                + " at https://support.stripe.com/.", null, null);
    }

    public static ApiException apiKeyInvalid(String redactedKey) {
        return new ApiException(401, INVALID_REQUEST, null, "Invalid API Key provided: " + redactedKey, null, null);
    }

    public static ApiException authorizationMalformed(String header) {
        return new ApiException(401, INVALID_REQUEST, null, "You did not provide an API key, though you did set your"
                + " Authorization header to \"" + abbreviate(header) + "\". Using Bearer auth, your Authorization"
                + " header should look something like 'Authorization: Bearer YOUR_SECRET_KEY'. See"
                + " https://stripe.com/docs/api#authentication for details, or we can help at"
                + " https://support.stripe.com/.", null, null);
    }

    public static ApiException publishableKeyNotAllowed() {
        return new ApiException(401, INVALID_REQUEST, null, "This API call cannot be made with a"
                + " publishable API key. Please use a secret API key. You can find a list of your API keys at"
                + " https://dashboard.stripe.com/account/apikeys.", null, null);
    }

    // --- idempotency -------------------------------------------------------------------------

    public static ApiException idempotencyKeyReused(String key) {
        return new ApiException(400, IDEMPOTENCY_ERROR, null,
                "Keys for idempotent requests can only be used with the same parameters they were first used with."
                        + " Try using a key other than '" + key + "' if you meant to execute a different request.",
                null, null);
    }

    public static ApiException idempotencyKeyOtherEndpoint(String key, String firstPath, String path) {
        return new ApiException(400, IDEMPOTENCY_ERROR, null,
                "Keys for idempotent requests can only be used for the same endpoint they were first used for ('"
                        + path + "' vs '" + firstPath + "'). Try using a key other than '" + key
                        + "' if you meant to execute a different request.", null, null);
    }

    public static ApiException idempotencyKeyInUse(String key) {
        return new ApiException(409, INVALID_REQUEST, "idempotency_key_in_use", "There is currently another in-progress"
                + " request using this Idempotent Key (that probably means you submitted twice, and the other request"
                + " is still going through): " + key + ". Please try again later.", null, null);
    }

    public static ApiException idempotencyKeyLength(int length) {
        return invalid(null, "Idempotent key length is " + length + ", which is outside accepted lengths. Idempotent"
                + " Keys must be 1-255 characters long. If you're looking for a decent generator, try using a UUID"
                + " defined by IETF RFC 4122.", null);
    }

    // --- payments ----------------------------------------------------------------------------

    /** A card problem or decline: HTTP 402 {@code card_error}. */
    public static ApiException card(String code, String declineCode, String message, String param) {
        return new ApiException(402, CARD_ERROR, code, message, param, declineCode);
    }

    public static ApiException currencyInvalid(String currency, String supported) {
        return invalid(null, "Invalid currency: " + abbreviate(currency) + ". Stripe currently supports these currencies: "
                + supported, "currency");
    }

    public static ApiException amountTooSmall(String param, String minimumShown) {
        return invalid("amount_too_small", "Amount must be at least " + minimumShown, param);
    }

    public static ApiException amountTooLarge(String param, String maximumShown) {
        return invalid("amount_too_large", "Amount must be no more than " + maximumShown, param);
    }

    public static ApiException amountNotPositive(String param) {
        return invalid(null, "This value must be greater than or equal to 1.", param);
    }

    public static ApiException paymentMethodTypeNotSupported(String type) {
        return invalid("parameter_invalid", "Invalid type: Pinstripe supports payment methods of type card only"
                + " (got '" + abbreviate(type) + "'; see docs/compatibility.md).", "type");
    }

    public static ApiException paymentMethodAlreadyAttached() {
        return invalid("payment_method_unexpected_state",
                "The payment method you provided has already been attached to a customer.", null);
    }

    public static ApiException paymentMethodNotAttached() {
        return invalid("payment_method_unexpected_state", "The payment method you provided is not attached to a"
                + " customer so detachment is impossible.", null);
    }

    public static ApiException paymentMethodMustBeAttached() {
        return invalid("payment_method_unexpected_state",
                "You must save this PaymentMethod to a customer before you can update it.", null);
    }

    public static ApiException paymentMethodOfOtherCustomer(String paymentMethod, String customer) {
        return invalid("payment_method_unexpected_state", "The provided PaymentMethod " + paymentMethod
                + " belongs to a different Customer than " + customer
                + ". Provide the Customer the PaymentMethod is attached to.", "payment_method");
    }

    public static ApiException paymentMethodNeedsCustomer(String paymentMethod) {
        return invalid("payment_method_unexpected_state", "The provided PaymentMethod " + paymentMethod
                + " is attached to a Customer. Pass that Customer in the customer parameter to use it.", "customer");
    }

    public static ApiException paymentMethodCardMissing() {
        return invalid("parameter_missing", "Missing required param: card.", "card");
    }

    /** A call not allowed in the PaymentIntent's current status. */
    public static ApiException paymentIntentUnexpectedState(String message) {
        return invalid("payment_intent_unexpected_state", message, null);
    }

    public static ApiException paymentIntentMissingPaymentMethod() {
        return invalid("payment_intent_unexpected_state", "You cannot confirm this PaymentIntent because it's missing"
                + " a payment method. You can either update the PaymentIntent with a payment method and then confirm"
                + " it again, or confirm it again directly with a payment method.", null);
    }

    public static ApiException captureTooLarge(long requested, long capturable) {
        return invalid("amount_too_large", "The amount to capture (" + requested + ") is greater than the amount"
                + " capturable (" + capturable + ").", "amount_to_capture");
    }

    public static ApiException chargeAlreadyRefunded(String charge) {
        return invalid("charge_already_refunded", "Charge " + charge + " has already been refunded.", null);
    }

    public static ApiException refundTooLarge(String refundShown, String remainingShown) {
        return invalid("amount_too_large", "Refund amount (" + refundShown + ") is greater than unrefunded amount on"
                + " charge (" + remainingShown + ")", "amount");
    }

    public static ApiException chargeNotCaptured(String charge) {
        return invalid("charge_not_refundable", "Charge " + charge + " has not been captured. Uncaptured payments are"
                + " released by canceling the PaymentIntent (or by a refund of the whole charge), not partially"
                + " refunded.", null);
    }

    public static ApiException chargeDisputed(String charge) {
        return invalid("charge_disputed", "Charge " + charge + " has been charged back; cannot issue a refund.", null);
    }

    public static ApiException chargeNotSucceeded(String charge) {
        return invalid("charge_not_refundable", "Charge " + charge + " did not succeed, so there is nothing to refund.",
                null);
    }

    public static ApiException chargeAlreadyCaptured(String charge) {
        return invalid("charge_already_captured", "Charge " + charge + " has already been captured.", null);
    }

    public static ApiException chargeOfPaymentIntent(String charge) {
        return invalid(null, "Charge " + charge + " was created by a PaymentIntent; capture it through the"
                + " PaymentIntent.", null);
    }

    public static ApiException refundNeedsChargeOrPaymentIntent() {
        return invalid("parameter_missing", "One of the following params should be provided for this request:"
                + " payment_intent or charge.", null);
    }

    public static ApiException refundNotCancelable(String refund, String status) {
        return invalid(null, "Refund " + refund + " has a status of " + status + " and cannot be canceled. Only"
                + " refunds with a status of requires_action can be canceled.", null);
    }

    public static ApiException disputeNotUpdatable(String dispute, String status) {
        return invalid(null, "This dispute (" + dispute + ") has a status of " + status + " and can no longer be"
                + " updated.", null);
    }

    public static ApiException customerHasNoSource(String customer) {
        return invalid("missing", "Cannot charge a customer that has no active card (" + customer + "). Pinstripe has no"
                + " saved sources: pass a source token, or use a PaymentIntent with the customer's payment method.",
                "card");
    }

    public static ApiException chargeNeedsSource() {
        return invalid("parameter_missing", "Must provide source or customer.", null);
    }

    // --- radar reviews (docs/radar-reviews.md) ------------------------------------------------

    /** Approving a review that is already closed. Stripe's wording is not published; this is ours. */
    public static ApiException reviewAlreadyClosed(String review, String closedReason) {
        return invalid(null, "This review (" + review + ") is already closed (closed_reason: " + closedReason
                + ") and can no longer be approved.", null);
    }

    // --- limits (docs/rate-limits.md) --------------------------------------------------------

    /** Over a request-rate limit: Stripe's 429, word for word. */
    public static ApiException rateLimited() {
        return new ApiException(429, INVALID_REQUEST, "rate_limit", "Request rate limit exceeded. Learn more about"
                + " rate limits here https://stripe.com/docs/rate-limits.", null, null);
    }

    public static ApiException concurrencyLimited() {
        return new ApiException(429, INVALID_REQUEST, "rate_limit", "Too many concurrent requests for this account."
                + " Wait for some of them to finish before sending more. Learn more about rate limits here"
                + " https://stripe.com/docs/rate-limits.", null, null);
    }

    /** Load shedding: the request was not processed and can be retried as it is. */
    public static ApiException loadShed() {
        return new ApiException(503, API_ERROR, null, "Pinstripe is near capacity and is shedding lower-priority"
                + " requests; this request was not processed. Retry it after a short wait.", null, null);
    }

    // --- server ------------------------------------------------------------------------------

    public static ApiException internal(String requestId) {
        return new ApiException(500, API_ERROR, null, "An unknown error occurred on Pinstripe's side (request "
                + requestId + "). The error has been logged.", null, null);
    }

    /** Long values are shown as their first and last four characters, as Stripe does. */
    static String abbreviate(String value) {
        return value.length() <= 20 ? value : value.substring(0, 4) + "..." + value.substring(value.length() - 4);
    }

    static String oneOf(java.util.Collection<String> allowed) {
        java.util.List<String> list = java.util.List.copyOf(allowed);
        if (list.size() == 1) {
            return list.getFirst();
        }
        return String.join(", ", list.subList(0, list.size() - 1)) + ", or " + list.getLast();
    }
}
