package dev.pinstripe.payments;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pinstripe.api.ApiErrors;
import dev.pinstripe.api.ApiRequest;
import dev.pinstripe.api.ApiResponse;
import dev.pinstripe.api.ApiRouter;
import dev.pinstripe.api.Expansions;
import dev.pinstripe.api.ListRequest;
import dev.pinstripe.api.Lists;
import dev.pinstripe.api.Metadata;
import dev.pinstripe.api.Params;
import dev.pinstripe.api.Patch;
import dev.pinstripe.api.Scope;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/** {@code /v1/charges}: retrieve, update, list and capture. */
public final class ChargeRoutes {
    private final PaymentIntentService payments;
    private final RefundService refunds;

    public ChargeRoutes(PaymentIntentService payments, RefundService refunds) {
        this.payments = payments;
        this.refunds = refunds;
    }

    public void register(ApiRouter router, Expansions expansions) {
        expansions.reference("charge", "customer", "customer")
                .reference("charge", "payment_intent", "payment_intent")
                .reference("charge", "balance_transaction", "balance_transaction")
                .includable("charge", "refunds", "list", (h, scope, c) -> refundList(h, scope, c))
                .loader("ch_", (h, scope, id) -> payments.charges.find(h, scope, id, false).map(PaymentJson::charge));
        router.post("/v1/charges", this::create);
        router.get("/v1/charges", this::list);
        router.get("/v1/charges/{charge}", this::retrieve);
        router.post("/v1/charges/{charge}", this::update);
        router.post("/v1/charges/{charge}/capture", this::capture);
    }

    private ObjectNode refundList(Handle h, Scope scope, ObjectNode charge) {
        String id = charge.path("id").asText();
        return Lists.render(refunds.list(h, scope, new ListRequest(ListRequest.LIMIT_MAX, null, null,
                ListRequest.CreatedFilter.NONE), id, null), "/v1/charges/" + id + "/refunds", RefundJson::render);
    }

    /** The legacy Charges API: a charge straight from a token, without a PaymentIntent. */
    private ApiResponse create(ApiRequest req) {
        List<String> expand = req.expand("charge", null);
        LegacyChargeParams params = LegacyChargeParams.parse(req.params());
        return req.execute(h -> {
            PaymentIntentService.Result r = payments.createLegacyCharge(h, req.scope(), params);
            if (r.error() != null) {
                ObjectNode related = dev.pinstripe.api.Json.object();
                related.put("charge", r.charge().id());
                return dev.pinstripe.api.ErrorJson.response(r.error().withRelated(related));
            }
            return req.respond(h, PaymentJson.charge(r.charge()), expand);
        });
    }

    private ApiResponse retrieve(ApiRequest req) {
        List<String> expand = req.expand("charge", null);
        req.params().rejectUnknown();
        String id = req.pathParam("charge");
        return req.read(h -> req.respond(h, PaymentJson.charge(find(h, req.scope(), id, false)), expand));
    }

    private ApiResponse update(ApiRequest req) {
        List<String> expand = req.expand("charge", null);
        Params p = req.params();
        Patch<String> description = p.string("description", PaymentIntentParams.STRING_MAX);
        Patch<String> receiptEmail = p.string("receipt_email", 800);
        Patch<ObjectNode> shipping = PaymentIntentParams.shipping(p);
        Patch<Map<String, String>> metadata = p.metadata();
        p.rejectNotSupported("customer", "fraud_details", "transfer_group");
        p.rejectUnknown();
        String id = req.pathParam("charge");
        return req.execute(h -> {
            Charge c = find(h, req.scope(), id, true);
            Charge.Details d = c.details();
            Charge updated = new Charge(c.id(), c.livemode(), c.created(), c.paymentIntentId(), c.customerId(),
                    c.paymentMethodId(), c.amount(), c.currency(), c.status(), c.captured(), c.amountCaptured(),
                    c.amountRefunded(), c.amountReleased(), c.disputed(), c.balanceTransactionId(), c.failureCode(),
                    c.failureMessage(), Metadata.apply(c.metadata(), metadata),
                    new Charge.Details(d.outcome(), d.paymentMethodDetails(), d.billingDetails(),
                            description.applyTo(d.description()), receiptEmail.applyTo(d.receiptEmail()),
                            d.statementDescriptor(), d.statementDescriptorSuffix(),
                            shipping.applyTo(d.shipping() instanceof ObjectNode s ? s : null), d.legacy(),
                            d.availableImmediately()));
            payments.charges.update(h, req.scope(), updated);
            return req.respond(h, PaymentJson.charge(updated), expand);
        });
    }

    /** Captures an uncaptured charge through its PaymentIntent, the one path that moves its money. */
    private ApiResponse capture(ApiRequest req) {
        List<String> expand = req.expand("charge", null);
        Params p = req.params();
        Patch<Long> amount = p.integer("amount");
        p.rejectNotSupported("application_fee", "application_fee_amount", "receipt_email", "statement_descriptor",
                "statement_descriptor_suffix", "transfer_data", "transfer_group");
        p.rejectUnknown();
        String id = req.pathParam("charge");
        return req.execute(h -> {
            Charge unlocked = find(h, req.scope(), id, false);
            if (unlocked.paymentIntentId() != null) {
                // Lock the PaymentIntent, then the charge (the order every payment operation uses), so that a
                // capture or cancel that committed meanwhile is seen before the checks below.
                payments.store.find(h, req.scope(), unlocked.paymentIntentId(), true);
            }
            Charge c = find(h, req.scope(), id, true);
            if (c.captured()) {
                throw ApiErrors.chargeAlreadyCaptured(c.id());
            }
            if (c.paymentIntentId() == null) {
                return req.respond(h, PaymentJson.charge(payments.captureLegacyCharge(h, req.scope(), id, amount)),
                        expand);
            }
            if (!Charge.SUCCEEDED.equals(c.status())) {
                throw ApiErrors.chargeNotSucceeded(c.id());
            }
            payments.capture(h, req.scope(), c.paymentIntentId(), amount, Patch.absent());
            return req.respond(h, PaymentJson.charge(find(h, req.scope(), id, false)), expand);
        });
    }

    private ApiResponse list(ApiRequest req) {
        List<String> expand = req.expand("list", "charge");
        Params p = req.params();
        ListRequest page = ListRequest.parse(p);
        String customer = p.string("customer", PaymentIntentParams.ID_MAX).orNull();
        String paymentIntent = p.string("payment_intent", PaymentIntentParams.ID_MAX).orNull();
        p.rejectNotSupported("transfer_group");
        p.rejectUnknown();
        return req.read(h -> req.respond(h, Lists.render(payments.charges.list(h, req.scope(), page, customer,
                paymentIntent), "/v1/charges", PaymentJson::charge), expand));
    }

    private Charge find(Handle h, Scope scope, String id, boolean forUpdate) {
        return payments.charges.find(h, scope, id, forUpdate)
                .orElseThrow(() -> ApiErrors.resourceMissing("charge", id, "charge"));
    }

}
