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
