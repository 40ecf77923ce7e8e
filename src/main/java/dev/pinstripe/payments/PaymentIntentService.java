package dev.pinstripe.payments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pinstripe.api.ApiErrors;
import dev.pinstripe.api.ApiException;
import dev.pinstripe.api.Json;
import dev.pinstripe.api.ListRequest;
import dev.pinstripe.api.Metadata;
import dev.pinstripe.api.Page;
import dev.pinstripe.api.Patch;
import dev.pinstripe.api.Scope;
import dev.pinstripe.customers.CustomerService;
import dev.pinstripe.ids.Ids;
import dev.pinstripe.events.EventLog;
import dev.pinstripe.ledger.JournalEntry;
import dev.pinstripe.ledger.Ledger;
import dev.pinstripe.payments.network.Authorization;
import dev.pinstripe.payments.network.Behaviour;
import dev.pinstripe.payments.network.CardNetwork;
import dev.pinstripe.payments.network.Decline;
import dev.pinstripe.payments.network.Outcome;
import dev.pinstripe.payments.network.TestCard;
import dev.pinstripe.radar.Assessment;
import dev.pinstripe.radar.PaymentSignals;
import dev.pinstripe.radar.Radar;
import dev.pinstripe.radar.reviews.EarlyFraudWarningService;
import dev.pinstripe.radar.reviews.Review;
import dev.pinstripe.radar.reviews.ReviewOpening;
import dev.pinstripe.radar.reviews.ReviewService;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;

/**
 * PaymentIntents and the charges they make, following Stripe's state machine (docs/payments.md).
 * Every method runs inside the caller's transaction and starts by locking the PaymentIntent's row,
 * so concurrent confirms, captures and cancels of one PaymentIntent run one after another.
 *
 * <p>The simulated card network is a pure function of the card and the request, evaluated inside
 * the transaction, so a confirm is a single atomic phase: the charge, its journal entry and the
 * PaymentIntent's new status commit together or not at all.
 */
public final class PaymentIntentService {
    /** How long an uncaptured authorization can be captured (Stripe: seven days for cards). */
    static final Duration AUTHORIZATION_VALIDITY = Duration.ofDays(7);
    static final Set<String> CONFIRMABLE = Set.of(PaymentIntent.REQUIRES_PAYMENT_METHOD,
            PaymentIntent.REQUIRES_CONFIRMATION, PaymentIntent.REQUIRES_ACTION);
    static final List<String> CANCELABLE = List.of(PaymentIntent.REQUIRES_PAYMENT_METHOD,
            PaymentIntent.REQUIRES_CAPTURE, PaymentIntent.REQUIRES_CONFIRMATION, PaymentIntent.REQUIRES_ACTION,
            PaymentIntent.PROCESSING);
    static final List<String> CANCELLATION_REASONS = List.of("duplicate", "fraudulent", "requested_by_customer",
            "abandoned");

    private final Clock clock;
    private final CustomerService customers;
    private final PaymentMethodService methods;
    private final Ledger ledger;
    private final DisputeService disputes;
    private final Supplier<String> baseUrl;
    final PaymentIntentStore store = new PaymentIntentStore();
    final ChargeStore charges = new ChargeStore();

    /**
     * @param baseUrl where this server is reachable, for the 3-D Secure page of {@code next_action}
     */
    private final EventLog events;

    private final Radar radar;
    private final ReviewService reviews;
    private final EarlyFraudWarningService earlyFraudWarnings;

    public PaymentIntentService(Clock clock, CustomerService customers, PaymentMethodService methods, Ledger ledger,
            DisputeService disputes, EventLog events, Supplier<String> baseUrl, Radar radar, ReviewService reviews,
            EarlyFraudWarningService earlyFraudWarnings) {
        this.radar = radar;
        this.reviews = reviews;
        this.earlyFraudWarnings = earlyFraudWarnings;
        this.events = events;
        this.clock = clock;
        this.customers = customers;
        this.methods = methods;
        this.ledger = ledger;
        this.disputes = disputes;
        this.baseUrl = baseUrl;
    }

    /**
     * What a confirm (or create with confirm) led to. A decline is not an exception: the failed charge
     * and the PaymentIntent's new state commit, and the card error is the response.
     */
    record Result(PaymentIntent paymentIntent, Charge charge, PaymentMethod paymentMethod, ApiException error) {}

    Result create(Handle h, Scope scope, PaymentIntentParams p) {
        long now = now();
        String customer = p.customer().orNull();
        if (customer != null) {
            customers.requireLive(h, scope, customer, "customer");
        }
        PaymentMethod pm = null;
        if (p.paymentMethod().orNull() != null) {
            pm = usablePaymentMethod(h, scope, p.paymentMethod().orNull(), customer);
        }
        String id = Ids.object("pi_");
        PaymentIntent.Details details = new PaymentIntent.Details(p.description().orNull(),
                p.statementDescriptor().orNull(), p.statementDescriptorSuffix().orNull(),
                p.setupFutureUsage().orNull(), p.receiptEmail().orNull(), p.shipping().orNull(), null, null,
                p.returnUrl().orNull(), p.requestThreeDSecure().orDefault("automatic"));
        PaymentIntent pi = new PaymentIntent(id, scope.livemode(), now, ((Patch.Set<Long>) p.amount()).value(),
                ((Patch.Set<String>) p.currency()).value(),
                pm == null ? PaymentIntent.REQUIRES_PAYMENT_METHOD : PaymentIntent.REQUIRES_CONFIRMATION,
                p.captureMethod().orDefault("automatic_async"), p.confirmationMethod().orDefault("automatic"),
                customer, pm == null ? null : pm.id(), 0, 0, null,
                id + "_secret_" + Ids.random("", 25), null, null, Metadata.apply(Map.of(), p.metadata()), details);
        events.record(h, scope, "payment_intent.created", PaymentJson.paymentIntent(pi));
        if (!p.confirm()) {
            store.insert(h, scope, pi);
            return new Result(pi, null, pm, null);
        }
        // Created and confirmed in one go: the row is written once, in its final state.
        return attempt(h, scope, pi, false, pm, p.offSession(), false);
    }

    PaymentIntent retrieve(Handle h, Scope scope, String id) {
        return store.find(h, scope, id, false).orElseThrow(() -> ApiErrors.resourceMissing("payment_intent", id, "intent"));
    }

    Page<PaymentIntent> list(Handle h, Scope scope, ListRequest request, String customer) {
        return store.list(h, scope, request, customer);
    }

    PaymentIntent update(Handle h, Scope scope, String id, PaymentIntentParams p) {
        PaymentIntent pi = locked(h, scope, id);
        boolean terminal = pi.status().equals(PaymentIntent.SUCCEEDED) || pi.status().equals(PaymentIntent.CANCELED);
        boolean changesPayment = p.amount() instanceof Patch.Set || p.currency() instanceof Patch.Set
                || p.paymentMethod() instanceof Patch.Set || p.captureMethod() instanceof Patch.Set
                || p.customer() instanceof Patch.Set || p.setupFutureUsage() instanceof Patch.Set;
        if ((terminal || pi.status().equals(PaymentIntent.REQUIRES_CAPTURE)
                || pi.status().equals(PaymentIntent.PROCESSING)) && changesPayment) {
            throw ApiErrors.paymentIntentUnexpectedState("You cannot update this PaymentIntent because it has a"
                    + " status of " + pi.status() + ". Only a PaymentIntent with one of the following statuses may be"
                    + " updated: requires_payment_method, requires_confirmation, requires_action.");
        }
        PaymentIntent.Builder b = pi.edit();
        if (p.currency() instanceof Patch.Set<String> c) {
            b.currency = c.value();
        }
        if (p.amount() instanceof Patch.Set<Long> a) {
            b.amount = a.value();
        }
        if (p.amount() instanceof Patch.Set || p.currency() instanceof Patch.Set) {
            PaymentIntentParams.checkAmount(b.amount, b.currency, "amount");
        }
        b.captureMethod = p.captureMethod().orDefault(pi.captureMethod());
        if (p.customer() instanceof Patch.Set<String> c) {
            customers.requireLive(h, scope, c.value(), "customer");
            b.customerId = c.value();
        }
        if (p.paymentMethod() instanceof Patch.Set<String> m) {
            PaymentMethod pm = usablePaymentMethod(h, scope, m.value(), b.customerId);
            b.paymentMethodId = pm.id();
            b.status = PaymentIntent.REQUIRES_CONFIRMATION;
        } else if (p.paymentMethod() instanceof Patch.Unset) {
            b.paymentMethodId = null;
            b.status = PaymentIntent.REQUIRES_PAYMENT_METHOD;
        }
        PaymentIntent.Details d = pi.details();
        b.details = new PaymentIntent.Details(p.description().applyTo(d.description()),
                p.statementDescriptor().applyTo(d.statementDescriptor()),
                p.statementDescriptorSuffix().applyTo(d.statementDescriptorSuffix()),
                p.setupFutureUsage().applyTo(d.setupFutureUsage()), p.receiptEmail().applyTo(d.receiptEmail()),
                p.shipping().applyTo(d.shipping() instanceof ObjectNode s ? s : null), d.lastPaymentError(),
                d.nextAction(), p.returnUrl().applyTo(d.returnUrl()),
                p.requestThreeDSecure().orDefault(d.requestThreeDSecure()));
        b.metadata = Metadata.apply(pi.metadata(), p.metadata());
        PaymentIntent updated = b.build();
        store.update(h, scope, updated);
        return updated;
    }

    Result confirm(Handle h, Scope scope, String id, PaymentIntentParams p) {
        PaymentIntent pi = locked(h, scope, id);
        if (!CONFIRMABLE.contains(pi.status())) {
            throw ApiErrors.paymentIntentUnexpectedState(pi.status().equals(PaymentIntent.SUCCEEDED)
                    ? "You cannot confirm this PaymentIntent because it has already succeeded after being previously"
                      + " confirmed."
                    : "You cannot confirm this PaymentIntent because it has a status of " + pi.status() + ". Only a"
                      + " PaymentIntent with one of the following statuses may be confirmed: requires_payment_method,"
                      + " requires_confirmation, requires_action.");
        }
        PaymentIntent.Builder b = pi.edit();
        PaymentMethod pm = null;
        if (p.paymentMethod() instanceof Patch.Set<String> m) {
            pm = usablePaymentMethod(h, scope, m.value(), pi.customerId());
        } else if (pi.paymentMethodId() != null) {
            pm = methods.resolve(h, scope, pi.paymentMethodId(), "payment_method");
        }
        if (pm == null) {
            throw ApiErrors.paymentIntentMissingPaymentMethod();
        }
        b.captureMethod = p.captureMethod().orDefault(pi.captureMethod());
        PaymentIntent.Details d = pi.details();
        b.details = new PaymentIntent.Details(d.description(), d.statementDescriptor(), d.statementDescriptorSuffix(),
                p.setupFutureUsage().applyTo(d.setupFutureUsage()), p.receiptEmail().applyTo(d.receiptEmail()),
                p.shipping().applyTo(d.shipping() instanceof ObjectNode s ? s : null), d.lastPaymentError(),
                d.nextAction(), p.returnUrl().applyTo(d.returnUrl()),
                p.requestThreeDSecure().orDefault(d.requestThreeDSecure()));
        return attempt(h, scope, b.build(), true, pm, p.offSession(), false);
    }

    /** The outcome of the 3-D Secure page: completed (the payment proceeds) or failed. */
    Result authenticate(Handle h, Scope scope, String id, boolean completed) {
        PaymentIntent pi = locked(h, scope, id);
        if (!pi.status().equals(PaymentIntent.REQUIRES_ACTION)) {
            throw ApiErrors.paymentIntentUnexpectedState("This PaymentIntent has a status of " + pi.status()
                    + " and needs no authentication.");
        }
        PaymentMethod pm = methods.resolve(h, scope, pi.paymentMethodId(), "payment_method");
        if (completed) {
            return attempt(h, scope, pi, true, pm, false, true);
        }
        ObjectNode error = Json.object();
        error.put("code", "payment_intent_authentication_failure");
        error.put("doc_url", "https://stripe.com/docs/error-codes/payment-intent-authentication-failure");
        error.put("message", "The provided PaymentMethod has failed authentication. You can provide"
                + " payment_method_data or a new PaymentMethod to attempt to fulfill this PaymentIntent again.");
        error.set("payment_method", PaymentMethodJson.render(pm));
        error.put("type", "invalid_request_error");
        PaymentIntent.Builder b = pi.edit();
        b.status = PaymentIntent.REQUIRES_PAYMENT_METHOD;
        b.paymentMethodId = null;
        b.details = withErrorAndAction(pi.details(), error, null);
        PaymentIntent failed = b.build();
        store.update(h, scope, failed);
        events.record(h, scope, "payment_intent.payment_failed", PaymentJson.paymentIntent(failed));
        return new Result(failed, null, pm, null);
    }

    PaymentIntent capture(Handle h, Scope scope, String id, Patch<Long> amountToCapture,
            Patch<Map<String, String>> metadata) {
        PaymentIntent pi = locked(h, scope, id);
        if (!pi.status().equals(PaymentIntent.REQUIRES_CAPTURE)) {
            throw ApiErrors.paymentIntentUnexpectedState("This PaymentIntent could not be captured because it has a"
                    + " status of " + pi.status() + ". Only a PaymentIntent with one of the following statuses may be"
                    + " captured: requires_capture.");
        }
        long amount = amountToCapture.orDefault(pi.amountCapturable());
        if (amount > pi.amountCapturable()) {
            throw ApiErrors.captureTooLarge(amount, pi.amountCapturable());
        }
        Charge charge = charges.find(h, scope, pi.latestChargeId(), true).orElseThrow(
                () -> new IllegalStateException("PaymentIntent " + pi.id() + " in requires_capture has no charge"));
        Charge captured = captureCharge(h, scope, charge, true, amount);
        PaymentIntent.Builder b = pi.edit();
        b.status = PaymentIntent.SUCCEEDED;
        b.amountCapturable = 0;
        b.amountReceived = amount;
        b.metadata = Metadata.apply(pi.metadata(), metadata);
        PaymentIntent done = b.build();
        store.update(h, scope, done);
        recordCaptured(h, scope, charge, captured);
        events.record(h, scope, "payment_intent.succeeded", PaymentJson.paymentIntent(done));
        afterCapture(h, scope, captured, PaymentMethodService.networkCard(
                methods.store.find(h, scope, captured.paymentMethodId(), false).orElseThrow()));
        return done;
    }

    PaymentIntent cancel(Handle h, Scope scope, String id, String reason) {
        PaymentIntent pi = locked(h, scope, id);
        if (!CANCELABLE.contains(pi.status())) {
            throw ApiErrors.paymentIntentUnexpectedState("You cannot cancel this PaymentIntent because it has a status"
                    + " of " + pi.status() + ". Only a PaymentIntent with one of the following statuses may be"
                    + " canceled: " + String.join(", ", CANCELABLE) + ".");
        }
        if (pi.status().equals(PaymentIntent.REQUIRES_CAPTURE)) {
            // The authorization is released: nothing was captured, so no money moves.
            Charge charge = charges.find(h, scope, pi.latestChargeId(), true).orElseThrow();
            Charge released = new Charge(charge.id(), charge.livemode(), charge.created(),
                    charge.paymentIntentId(), charge.customerId(), charge.paymentMethodId(), charge.amount(),
                    charge.currency(), charge.status(), false, 0, 0, charge.amount(), charge.disputed(), null,
                    charge.failureCode(), charge.failureMessage(), charge.metadata(), charge.details());
            charges.update(h, scope, released);
            events.recordUpdate(h, scope, "charge.refunded", PaymentJson.charge(charge), PaymentJson.charge(released));
        }
        PaymentIntent.Builder b = pi.edit();
        b.status = PaymentIntent.CANCELED;
        b.amountCapturable = 0;
        b.canceledAt = now();
        b.cancellationReason = reason;
        b.details = withErrorAndAction(pi.details(), pi.details().lastPaymentError(), null);
        PaymentIntent canceled = b.build();
        store.update(h, scope, canceled);
        events.record(h, scope, "payment_intent.canceled", PaymentJson.paymentIntent(canceled));
        return canceled;
    }

    /**
     * Sends the payment to the card network and records what it answered: a charge (succeeded or
     * failed), its journal entry when money was captured, and the PaymentIntent's new status.
     */
    private Result attempt(Handle h, Scope scope, PaymentIntent pi, boolean stored, PaymentMethod pm,
            boolean offSession, boolean authenticated) {
        TestCard card = PaymentMethodService.networkCard(pm);
        PaymentSignals signals = RadarSignals.of(h, scope, now(), pi, pm, card, customers, radar);
        Assessment risk = radar.assess(h, scope, signals, RadarSignals.forced(pm, card));
        boolean challenge = "challenge".equals(pi.details().requestThreeDSecure())
                || "any".equals(pi.details().requestThreeDSecure())
                || risk.verdict() == Assessment.Verdict.REQUEST_CREDENTIALS;
        Authorization answer = risk.verdict() == Assessment.Verdict.BLOCK ? RadarSignals.blocked(risk)
                : RadarSignals.withRisk(CardNetwork.authorize(card, pi.amount(), pi.currency(), pm.card().cvcGiven(),
                        authenticated, false, offSession), risk);
        if (challenge && !authenticated && answer instanceof Authorization.Approved) {
            answer = new Authorization.AuthenticationRequired();
        }
        if (!(answer instanceof Authorization.AuthenticationRequired)) {
            radar.record(h, scope, signals, answer instanceof Authorization.Declined);
        }
        PaymentMethod usedPm = pm.withCard(pm.card().withChecksRevealed());
        if (!usedPm.equals(pm)) {
            methods.store.update(h, scope, usedPm);
        }
        PaymentIntent.Builder b = pi.edit();
        b.paymentMethodId = pm.id();
        switch (answer) {
            case Authorization.AuthenticationRequired required -> {
                b.status = PaymentIntent.REQUIRES_ACTION;
                b.details = withErrorAndAction(pi.details(), null, redirectAction(pi));
                PaymentIntent waiting = b.build();
                save(h, scope, waiting, stored);
                events.record(h, scope, "payment_intent.requires_action", PaymentJson.paymentIntent(waiting));
                return new Result(waiting, null, usedPm, null);
            }
            case Authorization.Declined declined -> {
                Charge failed = newCharge(pi, usedPm, card, Charge.FAILED, declined.outcome(), declined.decline(),
                        authenticated, risk);
                ApiException error = ApiErrors.card(declined.decline().code(), declined.decline().declineCode(),
                        declined.decline().message(), null);
                b.status = PaymentIntent.REQUIRES_PAYMENT_METHOD;
                b.paymentMethodId = null;
                b.latestChargeId = failed.id();
                b.details = withErrorAndAction(pi.details(), lastPaymentError(declined.decline(), failed, usedPm),
                        null);
                PaymentIntent after = b.build();
                save(h, scope, after, stored);
                charges.insert(h, scope, failed);
                events.record(h, scope, "charge.failed", PaymentJson.charge(failed));
                events.record(h, scope, "payment_intent.payment_failed", PaymentJson.paymentIntent(after));
                return new Result(after, failed, usedPm, error);
            }
            case Authorization.Approved approved -> {
                Charge charge = newCharge(pi, usedPm, card, Charge.SUCCEEDED, approved.outcome(), null, authenticated,
                        risk);
                b.latestChargeId = charge.id();
                b.details = withErrorAndAction(pi.details(), null, null);
                if (pi.captureMethod().equals("manual")) {
                    b.status = PaymentIntent.REQUIRES_CAPTURE;
                    b.amountCapturable = pi.amount();
                    PaymentIntent held = b.build();
                    save(h, scope, held, stored);
                    charges.insert(h, scope, charge);
                    charge = openReview(h, scope, charge, risk, signals);
                    events.record(h, scope, "charge.succeeded", PaymentJson.charge(charge));
                    events.record(h, scope, "payment_intent.amount_capturable_updated",
                            PaymentJson.paymentIntent(held));
                    return new Result(held, charge, usedPm, null);
                }
                b.status = PaymentIntent.SUCCEEDED;
                b.amountReceived = pi.amount();
                PaymentIntent done = b.build();
                // The PaymentIntent first: the charge's row refers to it.
                save(h, scope, done, stored);
                Charge captured = captureCharge(h, scope, charge, false, pi.amount());
                captured = openReview(h, scope, captured, risk, signals);
                events.record(h, scope, "charge.succeeded", PaymentJson.charge(captured));
                saveForFutureUse(h, scope, done, usedPm);
                events.record(h, scope, "payment_intent.succeeded", PaymentJson.paymentIntent(done));
                afterCapture(h, scope, captured, card);
                return new Result(done, captured, usedPm, null);
            }
        }
    }

    /**
     * The legacy Charges API: one charge straight from a card source, without a PaymentIntent. 3-D
     * Secure cannot happen here, so cards that require it are declined with authentication_required.
     */
    Result createLegacyCharge(Handle h, Scope scope, LegacyChargeParams p) {
        PaymentMethod pm;
        if (p.source() != null || p.card() != null) {
            PaymentMethodService.NewCard source = p.card() != null ? methods.fromRaw(p.card())
                    : methods.fromToken(p.source(), "source");
            pm = methods.newPaymentMethod(h, scope, source, BillingDetails.empty(), "unspecified", Map.of());
            pm = pm.withCard(pm.card().withChecksRevealed());
            methods.store.insert(h, scope, pm);
        } else {
            customers.requireLive(h, scope, p.customer(), "customer");
            throw ApiErrors.customerHasNoSource(p.customer());
        }
        if (p.customer() != null) {
            customers.requireLive(h, scope, p.customer(), "customer");
        }
        PaymentIntent.Details details = new PaymentIntent.Details(p.description(), p.statementDescriptor(),
                p.statementDescriptorSuffix(), null, p.receiptEmail(), p.shipping(), null, null, null, "automatic");
        // A PaymentIntent-shaped view of the request, never stored: the charge is made the same way.
        PaymentIntent request = new PaymentIntent(null, scope.livemode(), now(), p.amount(), p.currency(),
                PaymentIntent.REQUIRES_CONFIRMATION, p.capture() ? "automatic" : "manual", "automatic", p.customer(),
                pm.id(), 0, 0, null, "", null, null, p.metadata(), details);
        TestCard card = PaymentMethodService.networkCard(pm);
        PaymentSignals signals = RadarSignals.of(h, scope, now(), request, pm, card, customers, radar);
        Assessment risk = radar.assess(h, scope, signals, RadarSignals.forced(pm, card));
        Authorization answer = risk.verdict() == Assessment.Verdict.BLOCK ? RadarSignals.blocked(risk)
                : RadarSignals.withRisk(CardNetwork.authorize(card, p.amount(), p.currency(), true, false, false,
                        false), risk);
        if (answer instanceof Authorization.AuthenticationRequired
                || risk.verdict() == Assessment.Verdict.REQUEST_CREDENTIALS && answer instanceof Authorization.Approved) {
            // No 3-D Secure on the Charges API: a payment that needs it is declined.
            Decline d = Decline.AUTHENTICATION_REQUIRED;
            answer = new Authorization.Declined(d, Outcome.declined(d, risk.riskLevel(), risk.riskScore()));
        }
        radar.record(h, scope, signals, answer instanceof Authorization.Declined);
        PaymentMethod usedPm = pm;
        if (answer instanceof Authorization.Declined declined) {
            Charge failed = legacy(newCharge(request, usedPm, card, Charge.FAILED, declined.outcome(),
                    declined.decline(), false, risk));
            charges.insert(h, scope, failed);
            events.record(h, scope, "charge.failed", PaymentJson.charge(failed));
            return new Result(null, failed, usedPm, ApiErrors.card(declined.decline().code(),
                    declined.decline().declineCode(), declined.decline().message(), null));
        }
        Charge charge = legacy(newCharge(request, usedPm, card, Charge.SUCCEEDED,
                ((Authorization.Approved) answer).outcome(), null, false, risk));
        if (!p.capture()) {
            charges.insert(h, scope, charge);
            charge = openReview(h, scope, charge, risk, signals);
            events.record(h, scope, "charge.succeeded", PaymentJson.charge(charge));
            return new Result(null, charge, usedPm, null);
        }
        Charge captured = captureCharge(h, scope, charge, false, p.amount());
        captured = openReview(h, scope, captured, risk, signals);
        events.record(h, scope, "charge.succeeded", PaymentJson.charge(captured));
        afterCapture(h, scope, captured, card);
        return new Result(null, captured, usedPm, null);
    }

    /** {@code POST /v1/charges/{id}}: the descriptive fields only; money fields never change here. */
    Charge updateCharge(Handle h, Scope scope, String id, Patch<String> description, Patch<String> receiptEmail,
            Patch<ObjectNode> shipping, Patch<Map<String, String>> metadata) {
        Charge c = charges.find(h, scope, id, true).orElseThrow(() -> ApiErrors.resourceMissing("charge", id, "charge"));
        Charge.Details d = c.details();
        Charge updated = new Charge(c.id(), c.livemode(), c.created(), c.paymentIntentId(), c.customerId(),
                c.paymentMethodId(), c.amount(), c.currency(), c.status(), c.captured(), c.amountCaptured(),
                c.amountRefunded(), c.amountReleased(), c.disputed(), c.balanceTransactionId(), c.failureCode(),
                c.failureMessage(), Metadata.apply(c.metadata(), metadata),
                new Charge.Details(d.outcome(), d.paymentMethodDetails(), d.billingDetails(),
                        description.applyTo(d.description()), receiptEmail.applyTo(d.receiptEmail()),
                        d.statementDescriptor(), d.statementDescriptorSuffix(),
                        shipping.applyTo(d.shipping() instanceof ObjectNode s ? s : null), d.legacy(),
                        d.availableImmediately(), d.review(), d.radar()));
        charges.update(h, scope, updated);
        events.recordUpdate(h, scope, "charge.updated", PaymentJson.charge(c), PaymentJson.charge(updated));
        return updated;
    }

    /** {@code POST /v1/charges/{id}/capture}: through the PaymentIntent when there is one. */
    Charge captureThroughCharge(Handle h, Scope scope, String id, Patch<Long> amount) {
        Charge unlocked = charges.find(h, scope, id, false)
                .orElseThrow(() -> ApiErrors.resourceMissing("charge", id, "charge"));
        if (unlocked.paymentIntentId() == null) {
            return captureLegacyCharge(h, scope, id, amount);
        }
        // Lock the PaymentIntent, then the charge (the order every payment operation uses), so that a
        // capture or cancel that committed meanwhile is seen before the checks below.
        store.find(h, scope, unlocked.paymentIntentId(), true);
        Charge c = charges.find(h, scope, id, true).orElseThrow();
        if (c.captured()) {
            throw ApiErrors.chargeAlreadyCaptured(c.id());
        }
        if (!Charge.SUCCEEDED.equals(c.status())) {
            throw ApiErrors.chargeNotSucceeded(c.id());
        }
        capture(h, scope, c.paymentIntentId(), amount, Patch.absent());
        return charges.find(h, scope, id, false).orElseThrow();
    }

    /** Captures a legacy charge (one without a PaymentIntent). */
    Charge captureLegacyCharge(Handle h, Scope scope, String chargeId, Patch<Long> amount) {
        Charge charge = charges.find(h, scope, chargeId, true)
                .orElseThrow(() -> ApiErrors.resourceMissing("charge", chargeId, "charge"));
        if (charge.captured() || charge.amountReleased() > 0) {
            throw ApiErrors.chargeAlreadyCaptured(charge.id());
        }
        if (!Charge.SUCCEEDED.equals(charge.status())) {
            throw ApiErrors.chargeNotSucceeded(charge.id());
        }
        long toCapture = amount.orDefault(charge.amount());
        if (toCapture > charge.amount()) {
            throw ApiErrors.captureTooLarge(toCapture, charge.amount());
        }
        Charge captured = captureCharge(h, scope, charge, true, toCapture);
        recordCaptured(h, scope, charge, captured);
        afterCapture(h, scope, captured, PaymentMethodService.networkCard(
                methods.store.find(h, scope, captured.paymentMethodId(), false).orElseThrow()));
        return captured;
    }

    private static Charge legacy(Charge c) {
        Charge.Details d = c.details();
        return new Charge(c.id(), c.livemode(), c.created(), null, c.customerId(), c.paymentMethodId(), c.amount(),
                c.currency(), c.status(), c.captured(), c.amountCaptured(), c.amountRefunded(), c.amountReleased(),
                c.disputed(), c.balanceTransactionId(), c.failureCode(), c.failureMessage(), c.metadata(),
                new Charge.Details(d.outcome(), d.paymentMethodDetails(), d.billingDetails(), d.description(),
                        d.receiptEmail(), d.statementDescriptor(), d.statementDescriptorSuffix(), d.shipping(), true,
                        d.availableImmediately(), d.review(), d.radar()));
    }

    /**
     * Captures {@code amount} of an authorized charge: the money moves in the ledger, the rest is
     * released. {@code stored}: the charge's row exists (else it is inserted, captured).
     */
    Charge captureCharge(Handle h, Scope scope, Charge charge, boolean stored, long amount) {
        long fee = ledger.pricing(h, scope).processingFee(amount);
        long now = now();
        JournalEntry entry = ledger.recordCharge(h, scope, charge.id(), charge.currency(), amount, fee,
                Ledger.availableOn(now, charge.details().availableImmediately()), charge.details().description());
        Charge captured = new Charge(charge.id(), charge.livemode(), charge.created(), charge.paymentIntentId(),
                charge.customerId(), charge.paymentMethodId(), charge.amount(), charge.currency(), charge.status(),
                true, amount, 0, charge.amount() - amount, charge.disputed(), entry.id(), null, null,
                charge.metadata(), charge.details());
        if (stored) {
            charges.update(h, scope, captured);
        } else {
            charges.insert(h, scope, captured);
        }
        return captured;
    }

    /** {@code charge.captured}, with what the capture changed. */
    private void recordCaptured(Handle h, Scope scope, Charge before, Charge captured) {
        events.recordUpdate(h, scope, "charge.captured", PaymentJson.charge(before), PaymentJson.charge(captured));
    }

    /** Cards that are disputed after a successful payment open their dispute now. */
    void afterCapture(Handle h, Scope scope, Charge charge, TestCard card) {
        if (card.behaviour() instanceof Behaviour.Disputed disputed) {
            if (disputed.reason().equals("fraudulent")) {
                // The issuer's warning comes first, then the dispute (which makes it no longer actionable).
                earlyFraudWarnings.open(h, scope, charge.id(), charge.paymentIntentId(), "unauthorized_use_of_card");
            }
            disputes.open(h, scope, charge, disputed.reason(), disputed.status());
            reviews.closeForCharge(h, scope, charge.id(), "disputed");
            earlyFraudWarnings.markNotActionable(h, scope, charge.id());
        }
        if (card.behaviour() instanceof Behaviour.EarlyFraudWarning warning) {
            earlyFraudWarnings.open(h, scope, charge.id(), charge.paymentIntentId(), warning.fraudType());
        }
    }

    /** With setup_future_usage and a customer, a successful payment saves the card to the customer. */
    private void saveForFutureUse(Handle h, Scope scope, PaymentIntent pi, PaymentMethod pm) {
        if (pi.details().setupFutureUsage() != null && pi.customerId() != null && pm.customerId() == null) {
            PaymentMethod attached = pm.withCustomer(pi.customerId());
            methods.store.update(h, scope, attached);
            methods.recordAttached(h, scope, attached);
        }
    }

    private Charge newCharge(PaymentIntent pi, PaymentMethod pm, TestCard card, String status, Outcome outcome,
            Decline decline, boolean authenticated, Assessment risk) {
        long now = now();
        ObjectNode details = Json.object();
        details.put("amount_authorized", Charge.SUCCEEDED.equals(status) ? pi.amount() : 0);
        if (Charge.SUCCEEDED.equals(status)) {
            details.put("authorization_code", Ids.random("", 6).toUpperCase(java.util.Locale.ROOT));
        }
        ObjectNode cardJson = Json.object();
        PaymentMethodJson.fillCard(cardJson, pm.card());
        cardJson.remove("networks");
        cardJson.remove("display_brand");
        cardJson.properties().forEach(e -> details.set(e.getKey(), e.getValue()));
        if (pi.captureMethod().equals("manual") && Charge.SUCCEEDED.equals(status)) {
            details.put("capture_before", now + AUTHORIZATION_VALIDITY.toSeconds());
        }
        details.put("network", pm.card().brand());
        if (Charge.SUCCEEDED.equals(status)) {
            details.put("network_transaction_id", Ids.random("", 15));
        }
        if (authenticated) {
            ObjectNode tds = details.putObject("three_d_secure");
            tds.put("authentication_flow", "challenge");
            tds.put("electronic_commerce_indicator", "05");
            tds.put("result", "authenticated");
            tds.putNull("result_reason");
            tds.put("transaction_id", Ids.random("", 36));
            tds.put("version", "2.2.0");
        }
        ObjectNode outcomeJson = Json.object();
        outcomeJson.putNull("advice_code");
        outcomeJson.putNull("network_advice_code");
        outcomeJson.putNull("network_decline_code");
        outcomeJson.put("network_status", outcome.networkStatus());
        PaymentMethodJson.putNullable(outcomeJson, "reason", outcome.reason());
        outcomeJson.put("risk_level", outcome.riskLevel());
        outcomeJson.put("risk_score", outcome.riskScore());
        if (risk.ruleId() != null) {
            outcomeJson.put("rule", risk.ruleId());
        }
        outcomeJson.put("seller_message", outcome.sellerMessage());
        outcomeJson.put("type", outcome.type());
        PaymentIntent.Details d = pi.details();
        boolean immediately = card.behaviour() instanceof Behaviour.AvailableImmediately;
        return new Charge(Ids.object("ch_"), pi.livemode(), now, pi.id(), pi.customerId(), pm.id(), pi.amount(),
                pi.currency(), status, false, 0, 0, 0, false, null, decline == null ? null : decline.code(),
                decline == null ? null : decline.message(), pi.metadata(),
                new Charge.Details(outcomeJson, details, pm.billingDetails(), d.description(), d.receiptEmail(),
                        d.statementDescriptor(), d.statementDescriptorSuffix(), d.shipping(), false, immediately,
                        null, Radar.evidence(risk)));
    }

    /** A payment Radar sent to review opens one once its charge exists, and the charge shows it. */
    private Charge openReview(Handle h, Scope scope, Charge charge, Assessment risk, PaymentSignals signals) {
        if (risk.verdict() != Assessment.Verdict.REVIEW) {
            return charge;
        }
        String zip = charge.details().billingDetails() == null ? null
                : charge.details().billingDetails().path("address").path("postal_code").asText(null);
        Review review = reviews.open(h, scope, new ReviewOpening(charge.id(), charge.paymentIntentId(),
                "rule", zip, signals.ipAddress()));
        Charge reviewed = charge.withDetails(charge.details().withReview(review.id()));
        charges.update(h, scope, reviewed);
        return reviewed;
    }

    private static ObjectNode lastPaymentError(Decline decline, Charge charge, PaymentMethod pm) {
        ObjectNode e = Json.object();
        e.put("charge", charge.id());
        e.put("code", decline.code());
        if (decline.declineCode() != null) {
            e.put("decline_code", decline.declineCode());
        }
        e.put("doc_url", decline.docUrl());
        e.put("message", decline.message());
        e.set("payment_method", PaymentMethodJson.render(pm));
        e.put("type", "card_error");
        return e;
    }

    private ObjectNode redirectAction(PaymentIntent pi) {
        ObjectNode action = Json.object();
        action.put("type", "redirect_to_url");
        ObjectNode redirect = action.putObject("redirect_to_url");
        PaymentMethodJson.putNullable(redirect, "return_url", pi.details().returnUrl());
        redirect.put("url", baseUrl.get() + ThreeDSecurePages.PATH_PREFIX + pi.id() + "?client_secret="
                + pi.clientSecret());
        return action;
    }

    private void save(Handle h, Scope scope, PaymentIntent pi, boolean stored) {
        if (stored) {
            store.update(h, scope, pi);
        } else {
            store.insert(h, scope, pi);
        }
    }

    private static PaymentIntent.Details withErrorAndAction(PaymentIntent.Details d, JsonNode error, JsonNode action) {
        return new PaymentIntent.Details(d.description(), d.statementDescriptor(), d.statementDescriptorSuffix(),
                d.setupFutureUsage(), d.receiptEmail(), d.shipping(), error, action, d.returnUrl(),
                d.requestThreeDSecure());
    }

    /**
     * A payment method this payment may use: a shortcut makes a new one; one saved to a customer
     * needs that customer on the PaymentIntent.
     */
    private PaymentMethod usablePaymentMethod(Handle h, Scope scope, String id, String customer) {
        PaymentMethod pm = methods.resolve(h, scope, id, "payment_method");
        if (pm.customerId() != null && customer == null) {
            throw ApiErrors.paymentMethodNeedsCustomer(pm.id());
        }
        if (pm.customerId() != null && !pm.customerId().equals(customer)) {
            throw ApiErrors.paymentMethodOfOtherCustomer(pm.id(), customer);
        }
        return pm;
    }

    private PaymentIntent locked(Handle h, Scope scope, String id) {
        return store.find(h, scope, id, true).orElseThrow(() -> ApiErrors.resourceMissing("payment_intent", id, "intent"));
    }

    long now() {
        return clock.instant().getEpochSecond();
    }
}
