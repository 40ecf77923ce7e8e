package dev.pinstripe.payments;

import dev.pinstripe.api.ApiException;
import dev.pinstripe.api.PageRouter;
import dev.pinstripe.api.PageRouter.PageResponse;
import dev.pinstripe.api.Scope;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The 3-D Secure page a PaymentIntent in {@code requires_action} redirects the customer to. It
 * stands in for the issuer's challenge: the customer completes or fails the authentication, and is
 * sent back to the {@code return_url} as Stripe does (with {@code payment_intent},
 * {@code payment_intent_client_secret} and {@code redirect_status}). The client secret is the
 * credential, as with Stripe.js.
 */
public final class ThreeDSecurePages {
    public static final String PATH_PREFIX = "/pinstripe/3ds/";

    private final Jdbi jdbi;
    private final PaymentIntentService payments;

    public ThreeDSecurePages(Jdbi jdbi, PaymentIntentService payments) {
        this.jdbi = jdbi;
        this.payments = payments;
    }

    public void register(PageRouter router) {
        router.page("GET", PATH_PREFIX + "{intent}", this::show);
        router.page("POST", PATH_PREFIX + "{intent}/{outcome}", this::decide);
    }

    private PageResponse show(Map<String, String> path, Map<String, String> params) {
        String id = path.get("intent");
        String secret = params.getOrDefault("client_secret", "");
        Optional<PaymentIntent> pi = find(id, secret);
        if (pi.isEmpty()) {
            return PageResponse.html(404, page("Payment not found", "<p>No payment needs authentication here.</p>"));
        }
        if (!pi.get().status().equals(PaymentIntent.REQUIRES_ACTION)) {
            return PageResponse.html(409, page("Nothing to authenticate",
                    "<p>This payment has a status of " + escape(pi.get().status()) + ".</p>"));
        }
        String amount = dev.pinstripe.money.Currencies.display(pi.get().amount(), pi.get().currency());
        String form = "<form method=\"post\" action=\"" + PATH_PREFIX + escape(id) + "/%s\">"
                + "<input type=\"hidden\" name=\"client_secret\" value=\"" + escape(secret) + "\">"
                + "<button id=\"%s\" type=\"submit\">%s</button></form>";
        return PageResponse.html(200, page("3D Secure test payment",
                "<p>Pinstripe simulates the card issuer's authentication of a payment of " + escape(amount) + ".</p>"
                        + String.format(form, "complete", "complete", "Complete authentication")
                        + String.format(form, "fail", "fail", "Fail authentication")));
    }

    private PageResponse decide(Map<String, String> path, Map<String, String> params) {
        String id = path.get("intent");
        String outcome = path.get("outcome");
        String secret = params.getOrDefault("client_secret", "");
        if (!outcome.equals("complete") && !outcome.equals("fail")) {
            return PageResponse.html(404, page("Not found", "<p>Unknown action.</p>"));
        }
        Optional<Scope> scope = jdbi.withHandle(h -> payments.store.scopeOf(h, id));
        if (scope.isEmpty() || find(id, secret).isEmpty()) {
            return PageResponse.html(404, page("Payment not found", "<p>No payment needs authentication here.</p>"));
        }
        PaymentIntent after;
        try {
            after = jdbi.inTransaction(h -> payments.authenticate(h, scope.get(), id, outcome.equals("complete")))
                    .paymentIntent();
        } catch (ApiException e) {
            return PageResponse.html(409, page("Nothing to authenticate", "<p>" + escape(e.getMessage()) + "</p>"));
        }
        String status = after.status().equals(PaymentIntent.REQUIRES_PAYMENT_METHOD) ? "failed" : "succeeded";
        String returnUrl = after.details().returnUrl();
        if (returnUrl == null) {
            return PageResponse.html(200, page("Authentication " + status,
                    "<p id=\"result\">Authentication " + status + ". The payment's status is "
                            + escape(after.status()) + ". You can close this page.</p>"));
        }
        String separator = returnUrl.contains("?") ? "&" : "?";
        return PageResponse.redirect(returnUrl + separator + "payment_intent=" + encode(id)
                + "&payment_intent_client_secret=" + encode(after.clientSecret()) + "&redirect_status=" + status);
    }

    private Optional<PaymentIntent> find(String id, String secret) {
        return jdbi.withHandle(h -> payments.store.scopeOf(h, id).flatMap(s -> payments.store.find(h, s, id, false)))
                .filter(pi -> MessageDigest.isEqual(pi.clientSecret().getBytes(StandardCharsets.UTF_8),
                        secret.getBytes(StandardCharsets.UTF_8)));
    }

    private static String page(String title, String body) {
        return "<!doctype html><html><head><meta charset=\"utf-8\"><title>" + escape(title) + "</title></head><body>"
                + "<h1>" + escape(title) + "</h1>" + body + "</body></html>";
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
