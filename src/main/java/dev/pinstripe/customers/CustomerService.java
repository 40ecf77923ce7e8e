package dev.pinstripe.customers;

import dev.pinstripe.api.ApiErrors;
import dev.pinstripe.api.ListRequest;
import dev.pinstripe.api.Metadata;
import dev.pinstripe.api.Page;
import dev.pinstripe.api.Patch;
import dev.pinstripe.api.Scope;
import dev.pinstripe.events.EventLog;
import dev.pinstripe.ids.Ids;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** Customer use cases; each runs inside the caller's transaction. */
public final class CustomerService {
    /** Attempts at a random invoice prefix that no other customer of the account has. */
    static final int INVOICE_PREFIX_ATTEMPTS_MAX = 8;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Clock clock;
    private final EventLog events;
    final CustomerStore store = new CustomerStore();

    public CustomerService(Clock clock, EventLog events) {
        this.clock = clock;
        this.events = events;
    }

    Customer create(Handle h, Scope scope, CustomerParams p) {
        String businessName = p.businessName().orNull();
        String individualName = p.individualName().orNull();
        String name = p.name().orNull();
        if (name == null) {
            name = businessName != null ? businessName : individualName;
        }
        String chosenPrefix = p.invoicePrefix().orNull();
        for (int attempt = 0; attempt < INVOICE_PREFIX_ATTEMPTS_MAX; attempt++) {
            Customer c = new Customer(
                    Ids.object("cus_"),
                    scope.livemode(),
                    clock.instant().getEpochSecond(),
                    p.email().orNull(),
                    name,
                    p.phone().orNull(),
                    p.description().orNull(),
                    businessName,
                    individualName,
                    p.address().orNull(),
                    p.shipping().orNull(),
                    p.invoiceSettings().applyTo(Customer.InvoiceSettings.EMPTY),
                    chosenPrefix != null ? chosenPrefix : randomInvoicePrefix(),
                    p.nextInvoiceSequence().orDefault(1L),
                    p.preferredLocales().orDefault(List.of()),
                    p.taxExempt().orDefault("none"),
                    Metadata.apply(Map.of(), p.metadata()),
                    null);
            if (store.insert(h, scope, c)) {
                events.record(h, scope, "customer.created", CustomerJson.render(c));
                return c;
            }
            if (chosenPrefix != null) {
                throw invoicePrefixTaken(chosenPrefix);
            }
        }
        throw new IllegalStateException("no free invoice prefix after " + INVOICE_PREFIX_ATTEMPTS_MAX + " attempts");
    }

    /** A customer, or its deleted stub. */
    Customer retrieve(Handle h, Scope scope, String id) {
        return store.find(h, scope, id, false).orElseThrow(() -> ApiErrors.resourceMissing("customer", id, "id"));
    }

    Customer update(Handle h, Scope scope, String id, CustomerParams p) {
        Customer c = live(h, scope, id);
        Customer updated = new Customer(
                c.id(),
                c.livemode(),
                c.created(),
                p.email().applyTo(c.email()),
                p.name().applyTo(c.name()),
                p.phone().applyTo(c.phone()),
                p.description().applyTo(c.description()),
                p.businessName().applyTo(c.businessName()),
                p.individualName().applyTo(c.individualName()),
                p.address().applyTo(c.address()),
                p.shipping().applyTo(c.shipping()),
                p.invoiceSettings().applyTo(c.invoiceSettings()),
                applyOr(p.invoicePrefix(), c.invoicePrefix(), c.invoicePrefix()),
                applyOr(p.nextInvoiceSequence(), c.nextInvoiceSequence(), c.nextInvoiceSequence()),
                applyOr(p.preferredLocales(), c.preferredLocales(), List.of()),
                applyOr(p.taxExempt(), c.taxExempt(), "none"),
                Metadata.apply(c.metadata(), p.metadata()),
                null);
        try {
            store.update(h, scope, updated);
        } catch (UnableToExecuteStatementException e) {
            if (e.getCause() instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState())) {
                throw invoicePrefixTaken(updated.invoicePrefix());
            }
            throw e;
        }
        events.recordUpdate(h, scope, "customer.updated", CustomerJson.render(c), CustomerJson.render(updated));
        return updated;
    }

    Customer delete(Handle h, Scope scope, String id) {
        Customer c = live(h, scope, id);
        long now = clock.instant().getEpochSecond();
        store.markDeleted(h, scope, id, now);
        events.record(h, scope, "customer.deleted", CustomerJson.render(c));
        return new Customer(c.id(), c.livemode(), c.created(), c.email(), c.name(), c.phone(), c.description(),
                c.businessName(), c.individualName(), c.address(), c.shipping(), c.invoiceSettings(),
                c.invoicePrefix(), c.nextInvoiceSequence(), c.preferredLocales(), c.taxExempt(), c.metadata(), now);
    }

    /**
     * Fails with resource_missing (naming {@code param}) unless the customer exists and is not
     * deleted. (Deleting a customer keeps its row, so references stay valid.)
     */
    public void requireLive(Handle h, Scope scope, String id, String param) {
        if (store.find(h, scope, id, false).filter(c -> !c.deleted()).isEmpty()) {
            throw ApiErrors.resourceMissing("customer", id, param);
        }
    }

    /** The customer's email, for Radar; null when it has none or does not exist. */
    public String email(Handle h, Scope scope, String id) {
        return store.find(h, scope, id, false).map(Customer::email).orElse(null);
    }

    Page<Customer> list(Handle h, Scope scope, ListRequest request, String email) {
        return store.list(h, scope, request, email);
    }

    /** A customer that exists and is not deleted, locked for the rest of the transaction. */
    private Customer live(Handle h, Scope scope, String id) {
        return store.find(h, scope, id, true).filter(c -> !c.deleted())
                .orElseThrow(() -> ApiErrors.resourceMissing("customer", id, "id"));
    }

    /** For fields that are never null: an empty parameter sets {@code whenUnset}. */
    private static <T> T applyOr(Patch<T> patch, T current, T whenUnset) {
        return patch instanceof Patch.Unset<T> ? whenUnset : patch.applyTo(current);
    }

    private static String randomInvoicePrefix() {
        byte[] bytes = new byte[4];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().withUpperCase().formatHex(bytes);
    }

    private static dev.pinstripe.api.ApiException invoicePrefixTaken(String prefix) {
        return ApiErrors.invalidValue("invoice_prefix", "The invoice prefix '" + prefix
                + "' is already in use by another customer in this account. Choose another prefix.");
    }
}
