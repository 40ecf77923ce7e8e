package dev.pinstripe.webhooks;

import java.util.List;
import java.util.Map;

/**
 * A webhook endpoint. The signing secret is kept (it must be, to sign) and shown on create and roll
 * only. After a roll, {@code previousSecret} also signs until {@code previousSecretExpiresAt}.
 */
record WebhookEndpoint(String id, boolean livemode, long created, String url, String description,
        List<String> enabledEvents, String apiVersion, Map<String, String> metadata, String status, String secret,
        String previousSecret, Long previousSecretExpiresAt, String disabledReason) {
    static final String ENABLED = "enabled";
    static final String DISABLED = "disabled";
}
