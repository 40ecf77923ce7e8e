package dev.pinstripe.ratelimit;

import java.util.Locale;
import java.util.Set;

/**
 * How much a request matters when the server has to shed load. Derived from the method and the
 * route template alone, so the wiring needs no list of its own ({@link #of}).
 */
public enum Criticality {
    /** A write that moves money or completes a payment; shed last. */
    CRITICAL_WRITE,
    /** Any other write (POST, DELETE). */
    WRITE,
    /** A read (GET). */
    READ;

    /**
     * The writes that complete or reverse a payment, as {@code METHOD template} with the path
     * parameters' names erased to {@code {}}: creating, confirming and capturing a PaymentIntent,
     * creating a refund, and the legacy charge create and capture.
     */
    static final Set<String> CRITICAL_ROUTES = Set.of(
            "POST /v1/payment_intents",
            "POST /v1/payment_intents/{}/confirm",
            "POST /v1/payment_intents/{}/capture",
            "POST /v1/refunds",
            "POST /v1/charges",
            "POST /v1/charges/{}/capture");

    /**
     * The criticality of a route, given as {@code "METHOD /path/{param}"} with the path template
     * as registered (e.g. {@code "POST /v1/payment_intents/{intent}/confirm"}). Parameter names do
     * not matter.
     */
    public static Criticality of(String route) {
        String method = methodOf(route);
        if (method.equals("GET") || method.equals("HEAD")) {
            return READ;
        }
        return CRITICAL_ROUTES.contains(canonical(route)) ? CRITICAL_WRITE : WRITE;
    }

    /** Whether the route changes state: anything but GET and HEAD. */
    static boolean isWrite(String route) {
        String method = methodOf(route);
        return !(method.equals("GET") || method.equals("HEAD"));
    }

    static String methodOf(String route) {
        int space = route.indexOf(' ');
        if (space <= 0) {
            throw new IllegalArgumentException("a route is \"METHOD /path\", not \"" + route + "\"");
        }
        return route.substring(0, space).toUpperCase(Locale.ROOT);
    }

    /** {@code "post /v1/payment_intents/{intent}"} becomes {@code "POST /v1/payment_intents/{}"}. */
    static String canonical(String route) {
        String method = methodOf(route);
        String path = route.substring(route.indexOf(' ') + 1).trim().replaceAll("\\{[^}/]*}", "{}");
        return method + " " + path;
    }
}
