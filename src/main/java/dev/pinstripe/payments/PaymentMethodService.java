package dev.pinstripe.payments;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pinstripe.api.ApiErrors;
import dev.pinstripe.api.ListRequest;
import dev.pinstripe.api.Metadata;
import dev.pinstripe.api.Page;
import dev.pinstripe.api.Patch;
import dev.pinstripe.api.Scope;
import dev.pinstripe.events.EventLog;
import dev.pinstripe.customers.CustomerService;
import dev.pinstripe.ids.Ids;
import dev.pinstripe.payments.network.Authorization;
import dev.pinstripe.payments.network.CardNetwork;
import dev.pinstripe.payments.network.CardProblem;
import dev.pinstripe.payments.network.CardValidation;
import dev.pinstripe.payments.network.Fingerprints;
import dev.pinstripe.payments.network.TestCard;
import dev.pinstripe.payments.network.TestCards;
import dev.pinstripe.store.Sql;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Payment method use cases; each runs inside the caller's transaction. */
public final class PaymentMethodService {
    static final String SHORTCUT_PREFIX = "pm_card_";

    private final Clock clock;
    private final CustomerService customers;
    /** Accounts whose fingerprint keys are kept in memory. */
    static final int FINGERPRINT_KEYS_CACHED_MAX = 10_000;

    final PaymentMethodStore store = new PaymentMethodStore();
    private final com.github.benmanes.caffeine.cache.Cache<String, byte[]> fingerprintKeys =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumSize(FINGERPRINT_KEYS_CACHED_MAX).build();

    private final EventLog events;

    public PaymentMethodService(Clock clock, CustomerService customers, EventLog events) {
        this.clock = clock;
        this.customers = customers;
        this.events = events;
    }

    PaymentMethod create(Handle h, Scope scope, PaymentMethodParams p) {
        NewCard card = switch (p.card()) {
            case PaymentMethodParams.CardSource.Token t -> fromToken(t.token(), "card[token]");
            case PaymentMethodParams.CardSource.Raw raw -> fromRaw(raw);
        };
        PaymentMethod pm = newPaymentMethod(h, scope, card, p.billing(BillingDetails.empty()),
                p.allowRedisplay().orDefault("unspecified"), Metadata.apply(Map.of(), p.metadata()));
        store.insert(h, scope, pm);
        return pm;
    }

    PaymentMethod retrieve(Handle h, Scope scope, String id) {
        return store.find(h, scope, id, false).orElseThrow(() -> ApiErrors.resourceMissing("payment_method", id, "id"));
    }

    PaymentMethod update(Handle h, Scope scope, String id, PaymentMethodParams p) {
        PaymentMethod pm = locked(h, scope, id, "id");
        if (pm.customerId() == null) {
            throw ApiErrors.paymentMethodMustBeAttached();
        }
        PaymentMethod.Card card = pm.card();
        if (p.expMonth() instanceof Patch.Set<Long> || p.expYear() instanceof Patch.Set<Long>) {
            long month = p.expMonth().orDefault(card.expMonth());
            long year = p.expYear().orDefault(card.expYear());
            Optional<CardProblem> problem = CardValidation.checkExpiry(month, year, today());
            if (problem.isPresent()) {
                throw ApiErrors.card(problem.get().code(), null, problem.get().message(), problem.get().param());
            }
            card = card.withExpiry(month, CardValidation.fullYear(year, today().getYear()).orElseThrow());
        }
        PaymentMethod updated = new PaymentMethod(pm.id(), pm.livemode(), pm.created(), pm.customerId(), card,
                pm.networkProfile(), p.billing(pm.billingDetails()), p.allowRedisplay().orDefault(pm.allowRedisplay()),
                Metadata.apply(pm.metadata(), p.metadata()));
        store.update(h, scope, updated);
        events.recordUpdate(h, scope, "payment_method.updated", PaymentMethodJson.render(pm),
                PaymentMethodJson.render(updated));
        return updated;
    }

    /** Attaches a payment method (or a new one made from a {@code pm_card_...} shortcut) to a customer. */
    PaymentMethod attach(Handle h, Scope scope, String id, String customerId) {
        customers.requireLive(h, scope, customerId, "customer");
        PaymentMethod pm = resolve(h, scope, id, "payment_method");
        if (pm.customerId() != null) {
            if (pm.customerId().equals(customerId)) {
                return pm;
            }
            throw ApiErrors.paymentMethodAlreadyAttached();
        }
        // Attaching verifies the card with the network, as Stripe does.
        if (CardNetwork.attach(networkCard(pm), pm.card().cvcGiven()) instanceof Authorization.Declined d) {
            throw ApiErrors.card(d.decline().code(), d.decline().declineCode(), d.decline().message(), null);
        }
        PaymentMethod attached = pm.withCustomer(customerId).withCard(pm.card().withChecksRevealed());
        store.update(h, scope, attached);
        recordAttached(h, scope, attached);
        return attached;
    }

    PaymentMethod detach(Handle h, Scope scope, String id) {
        PaymentMethod pm = locked(h, scope, id, "payment_method");
        if (pm.customerId() == null) {
            throw ApiErrors.paymentMethodNotAttached();
        }
        PaymentMethod detached = pm.withCustomer(null);
        store.update(h, scope, detached);
        events.recordUpdate(h, scope, "payment_method.detached", PaymentMethodJson.render(pm),
                PaymentMethodJson.render(detached));
        return detached;
    }

    /** {@code payment_method.attached}, for attach and for a payment saved for future use. */
    void recordAttached(Handle h, Scope scope, PaymentMethod attached) {
        events.record(h, scope, "payment_method.attached", PaymentMethodJson.render(attached));
    }

    Page<PaymentMethod> list(Handle h, Scope scope, ListRequest request, String customerId) {
        if (customerId != null) {
            customers.requireLive(h, scope, customerId, "customer");
        }
        return store.list(h, scope, request, customerId);
    }

    /**
     * The payment method with this ID, locked, for use in a payment; a {@code pm_card_...}
     * shortcut creates a new payment method each time, as Stripe's test mode does.
     */
    PaymentMethod resolve(Handle h, Scope scope, String id, String param) {
        if (id.startsWith(SHORTCUT_PREFIX)) {
            TestCard card = TestCards.byPaymentMethodShortcut(id)
                    .orElseThrow(() -> ApiErrors.resourceMissing("payment_method", id, param));
            // Made to be used at once: its checks show as after first use.
            PaymentMethod pm = newPaymentMethod(h, scope, shortcutCard(card), BillingDetails.empty(), "unspecified",
                    Map.of());
            pm = pm.withCard(pm.card().withChecksRevealed());
            store.insert(h, scope, pm);
            return pm;
        }
        return locked(h, scope, id, param);
    }

    /** How the simulated network treats the payment method's card. */
    static TestCard networkCard(PaymentMethod pm) {
        return CardProfiles.resolve(pm.networkProfile(), pm.card());
    }

    private PaymentMethod locked(Handle h, Scope scope, String id, String param) {
        return store.find(h, scope, id, true).orElseThrow(() -> ApiErrors.resourceMissing("payment_method", id, param));
    }

    /** A card on its way into a new payment method; the number is gone once this is built. */
    record NewCard(TestCard card, long expMonth, long expYear, boolean cvcGiven) {}

    NewCard fromToken(String token, String param) {
        TestCard card = TestCards.byToken(token).orElseThrow(() -> ApiErrors.resourceMissing("token", token, param));
        return shortcutCard(card);
    }

    private NewCard shortcutCard(TestCard card) {
        YearMonth today = today();
        return new NewCard(card, today.getMonthValue(), today.getYear() + 1, true);
    }

    NewCard fromRaw(PaymentMethodParams.CardSource.Raw raw) {
        Optional<CardProblem> problem = CardValidation.check(raw.number(), raw.expMonth(), raw.expYear(), raw.cvc(),
                today());
        if (problem.isPresent()) {
            throw ApiErrors.card(problem.get().code(), null, problem.get().message(), problem.get().param());
        }
        String digits = raw.number().replaceAll("[ -]", "");
        TestCard card = TestCards.byNumber(digits)
                .orElseThrow(() -> ApiErrors.card("incorrect_number", null, "Your card number is incorrect.", "number"));
        long year = CardValidation.fullYear(raw.expYear(), today().getYear()).orElseThrow();
        return new NewCard(card, raw.expMonth(), year, raw.cvc() != null);
    }

    PaymentMethod newPaymentMethod(Handle h, Scope scope, NewCard c, ObjectNode billing,
            String allowRedisplay, Map<String, String> metadata) {
        TestCard card = c.card();
        String fingerprint = Fingerprints.of(fingerprintKey(h, scope), card.number());
        PaymentMethod.Checks checks = CardProfiles.checks(card, c.cvcGiven(),
                BillingDetails.hasAddress(billing, "line1"), BillingDetails.hasAddress(billing, "postal_code"));
        PaymentMethod.Checks shown = new PaymentMethod.Checks(null, null, c.cvcGiven() ? "unchecked" : null);
        String number = card.number();
        PaymentMethod.Card details = new PaymentMethod.Card(card.brand(), card.country(), c.expMonth(), c.expYear(),
                fingerprint, card.funding().name().toLowerCase(java.util.Locale.ROOT),
                number.substring(number.length() - 4), shown, checks);
        return new PaymentMethod(Ids.object("pm_"), scope.livemode(), clock.instant().getEpochSecond(), null, details,
                CardProfiles.profileOf(card), billing, allowRedisplay, metadata);
    }

    /** An account's fingerprint key never changes once made, so it is cached (bounded). */
    private byte[] fingerprintKey(Handle h, Scope scope) {
        return fingerprintKeys.get(scope.accountId(), account -> Sql.one(h,
                "SELECT fingerprint_key FROM accounts WHERE id = ?", rs -> rs.getBytes(1), account));
    }

    private YearMonth today() {
        return YearMonth.now(clock.withZone(ZoneOffset.UTC));
    }

}
