package dev.pinstripe.payments;

import dev.pinstripe.api.ApiErrors;
import dev.pinstripe.api.ApiRequest;
import dev.pinstripe.api.ApiResponse;
import dev.pinstripe.api.ApiRouter;
import dev.pinstripe.api.Expansions;
import dev.pinstripe.api.ListRequest;
import dev.pinstripe.api.Lists;
import dev.pinstripe.api.Params;
import dev.pinstripe.api.Patch;
import java.util.List;
import java.util.Map;

/** {@code /v1/refunds}: create, retrieve, update, cancel, list. */
public final class RefundRoutes {
    static final List<String> REASONS = List.of("duplicate", "fraudulent", "requested_by_customer");

    private final RefundService service;

    public RefundRoutes(RefundService service) {
        this.service = service;
    }

    public void register(ApiRouter router, Expansions expansions) {
        expansions.reference("refund", "charge", "charge")
                .reference("refund", "payment_intent", "payment_intent")
                .reference("refund", "balance_transaction", "balance_transaction")
                .reference("refund", "customer", "customer")
                .loader("re_", (h, scope, id) -> service.store.find(h, scope, id, false).map(RefundJson::render));
        router.post("/v1/refunds", this::create);
        router.get("/v1/refunds", this::list);
        router.get("/v1/refunds/{refund}", this::retrieve);
        router.post("/v1/refunds/{refund}", this::update);
        router.post("/v1/refunds/{refund}/cancel", this::cancel);
    }

    private ApiResponse create(ApiRequest req) {
        List<String> expand = req.expand("refund", null);
        Params p = req.params();
        String charge = p.string("charge", PaymentIntentParams.ID_MAX).orNull();
        String paymentIntent = p.string("payment_intent", PaymentIntentParams.ID_MAX).orNull();
        Patch<Long> amount = p.integer("amount");
        String reason = p.enumValue("reason", REASONS).orNull();
        Patch<Map<String, String>> metadata = p.metadata();
        p.rejectNotSupported("customer", "customer_account", "instructions_email", "origin", "refund_application_fee",
                "reverse_transfer", "currency");
        p.rejectUnknown();
        if (charge == null && paymentIntent == null) {
            throw ApiErrors.refundNeedsChargeOrPaymentIntent();
        }
        return req.execute(h -> req.respond(h, RefundJson.render(service.create(h, req.scope(), charge, paymentIntent,
                amount, reason, metadata)), expand));
    }

    private ApiResponse retrieve(ApiRequest req) {
        List<String> expand = req.expand("refund", null);
        req.params().rejectUnknown();
        String id = req.pathParam("refund");
        return req.read(h -> req.respond(h, RefundJson.render(service.retrieve(h, req.scope(), id)), expand));
    }

    private ApiResponse update(ApiRequest req) {
        List<String> expand = req.expand("refund", null);
        Patch<Map<String, String>> metadata = req.params().metadata();
        req.params().rejectUnknown();
        String id = req.pathParam("refund");
        return req.execute(h -> req.respond(h, RefundJson.render(service.update(h, req.scope(), id, metadata)), expand));
    }

    private ApiResponse cancel(ApiRequest req) {
        req.params().rejectUnknown();
        String id = req.pathParam("refund");
        return req.execute(h -> req.respond(h, RefundJson.render(service.cancel(h, req.scope(), id)), List.of()));
    }

    private ApiResponse list(ApiRequest req) {
        List<String> expand = req.expand("list", "refund");
        Params p = req.params();
        ListRequest page = ListRequest.parse(p);
        String charge = p.string("charge", PaymentIntentParams.ID_MAX).orNull();
        String paymentIntent = p.string("payment_intent", PaymentIntentParams.ID_MAX).orNull();
        p.rejectUnknown();
        return req.read(h -> req.respond(h, Lists.render(service.list(h, req.scope(), page, charge, paymentIntent),
                "/v1/refunds", RefundJson::render), expand));
    }
}
