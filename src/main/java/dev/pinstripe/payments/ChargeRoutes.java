package dev.pinstripe.payments;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pinstripe.api.ApiErrors;
import dev.pinstripe.api.ApiRequest;
import dev.pinstripe.api.ApiResponse;
import dev.pinstripe.api.ApiRouter;
import dev.pinstripe.api.Expansions;
import dev.pinstripe.api.ListRequest;
import dev.pinstripe.api.Lists;
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
        return req.execute(h -> req.respond(h, PaymentJson.charge(payments.updateCharge(h, req.scope(), id,
                description, receiptEmail, shipping, metadata)), expand));
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
        return req.execute(h -> req.respond(h, PaymentJson.charge(payments.captureThroughCharge(h, req.scope(), id,
                amount)), expand));
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
