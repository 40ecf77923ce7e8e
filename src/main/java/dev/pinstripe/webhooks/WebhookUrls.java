package dev.pinstripe.webhooks;

import dev.pinstripe.api.ApiErrors;
import java.net.URI;

/** TEMPORARY: replaced by the delivery engine's version. */
public final class WebhookUrls {
    private WebhookUrls() {}

    public static void validate(String url, String param) {
        try {
            URI u = new URI(url);
            if (u.getScheme() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https"))
                    || u.getHost() == null) {
                throw ApiErrors.invalidValue(param, "Invalid URL: " + url);
            }
        } catch (java.net.URISyntaxException e) {
            throw ApiErrors.invalidValue(param, "Invalid URL: " + url);
        }
    }
}
