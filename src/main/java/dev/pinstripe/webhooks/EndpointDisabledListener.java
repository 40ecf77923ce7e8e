package dev.pinstripe.webhooks;

import org.jdbi.v3.core.Handle;

/**
 * Told when the delivery engine disables an endpoint, inside the transaction that disables it (so
 * whatever it records commits or rolls back with the change).
 */
@FunctionalInterface
public interface EndpointDisabledListener {
    /** @param reason {@link DeliveryStore#DISABLED_GONE} or {@link DeliveryStore#DISABLED_FAILING} */
    void disabled(Handle h, String endpointId, String reason);
}
