package dev.pinstripe.search;

/**
 * A search query that can't be parsed, or that isn't valid for the resource searched.
 *
 * <p>The message is written for the API caller, in Stripe's words where Stripe's are known. The
 * HTTP layer reports it as a 400 {@code invalid_request_error} with {@code param: "query"}.
 *
 * <p>It has no stack trace: it reports the caller's input, not a fault in the code, and filling
 * in a trace for every bad query would make hostile traffic needlessly expensive.
 */
public final class SearchQueryException extends RuntimeException {

    public SearchQueryException(String message) {
        super(message, null, false, false);
    }
}
