package dev.pinstripe.payments;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pinstripe.api.ApiRequest;
import dev.pinstripe.api.ApiResponse;
import dev.pinstripe.api.ApiRouter;
import dev.pinstripe.api.ErrorJson;
import dev.pinstripe.api.Expansions;
import dev.pinstripe.api.Json;
import dev.pinstripe.api.ListRequest;
import dev.pinstripe.api.Lists;
import dev.pinstripe.api.Params;
import dev.pinstripe.api.Patch;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/** {@code /v1/payment_intents}: create, retrieve, update, confirm, capture, cancel, list. */
public final class PaymentIntentRoutes {
    private final PaymentIntentService service;

    public PaymentIntentRoutes(PaymentIntentService service) {
        this.service = service;
    }

    public void register(ApiRouter router, Expansions expansions) {
        expansions.reference("payment_intent", "customer", "customer")
                .reference("payment_intent", "payment_method", "payment_method")
                .reference("payment_intent", "latest_charge", "charge")
                .loader("pi_", (h, scope, id) -> service.store.find(h, scope, id, false).map(PaymentJson::paymentIntent));
        router.post("/v1/payment_intents", this::create);
        router.get("/v1/payment_intents", this::list);
        router.get("/v1/payment_intents/{intent}", this::retrieve);
        router.post("/v1/payment_intents/{intent}", this::update);
        router.post("/v1/payment_intents/{intent}/confirm", this::confirm);
        router.post("/v1/payment_intents/{intent}/capture", this::capture);
        router.post("/v1/payment_intents/{intent}/cancel", this::cancel);
    }

    private ApiResponse create(ApiRequest req) {
        List<String> expand = req.expand("payment_intent", null);
        PaymentIntentParams params = PaymentIntentParams.forCreate(req.params());
        return req.execute(h -> result(req, h, service.create(h, req.scope(), params), expand));
    }

    private ApiResponse retrieve(ApiRequest req) {
        List<String> expand = req.expand("payment_intent", null);
        req.params().string("client_secret", 255);
        req.params().rejectUnknown();
        String id = req.pathParam("intent");
        return req.read(h -> req.respond(h, PaymentJson.paymentIntent(service.retrieve(h, req.scope(), id)), expand));
    }

    private ApiResponse update(ApiRequest req) {
        List<String> expand = req.expand("payment_intent", null);
        PaymentIntentParams params = PaymentIntentParams.forUpdate(req.params());
        String id = req.pathParam("intent");
        return req.execute(h -> req.respond(h, PaymentJson.paymentIntent(service.update(h, req.scope(), id, params)),
                expand));
    }

    private ApiResponse confirm(ApiRequest req) {
        List<String> expand = req.expand("payment_intent", null);
        PaymentIntentParams params = PaymentIntentParams.forConfirm(req.params());
        String id = req.pathParam("intent");
        return req.execute(h -> result(req, h, service.confirm(h, req.scope(), id, params), expand));
    }

    private ApiResponse capture(ApiRequest req) {
        List<String> expand = req.expand("payment_intent", null);
        Params p = req.params();
        Patch<Long> amount = p.integer("amount_to_capture");
        if (amount instanceof Patch.Set<Long> a && a.value() < 1) {
            throw dev.pinstripe.api.ApiErrors.amountNotPositive("amount_to_capture");
        }
        Patch<Map<String, String>> metadata = p.metadata();
        p.bool("final_capture");
        p.rejectNotSupported("application_fee_amount", "transfer_data", "statement_descriptor",
                "statement_descriptor_suffix", "amount_details", "payment_details", "hooks");
        p.rejectUnknown();
        String id = req.pathParam("intent");
        return req.execute(h -> req.respond(h, PaymentJson.paymentIntent(
                service.capture(h, req.scope(), id, amount, metadata)), expand));
    }

    private ApiResponse cancel(ApiRequest req) {
        List<String> expand = req.expand("payment_intent", null);
        Params p = req.params();
        String reason = p.enumValue("cancellation_reason", PaymentIntentService.CANCELLATION_REASONS).orNull();
        p.rejectUnknown();
        String id = req.pathParam("intent");
        return req.execute(h -> req.respond(h, PaymentJson.paymentIntent(service.cancel(h, req.scope(), id, reason)),
                expand));
    }

    private ApiResponse list(ApiRequest req) {
        List<String> expand = req.expand("list", "payment_intent");
        Params p = req.params();
        ListRequest page = ListRequest.parse(p);
        String customer = p.string("customer", PaymentIntentParams.ID_MAX).orNull();
        p.rejectNotSupported("customer_account");
        p.rejectUnknown();
        return req.read(h -> req.respond(h, Lists.render(service.list(h, req.scope(), page, customer),
                "/v1/payment_intents", PaymentJson::paymentIntent), expand));
    }

    /** A confirm's response: the PaymentIntent, or the card error with the objects it concerns. */
    static ApiResponse result(ApiRequest req, Handle h, PaymentIntentService.Result r, List<String> expand) {
        if (r.error() != null) {
            ObjectNode related = Json.object();
            if (r.charge() != null) {
                related.put("charge", r.charge().id());
            }
            related.set("payment_intent", PaymentJson.paymentIntent(r.paymentIntent()));
            related.set("payment_method", PaymentMethodJson.render(r.paymentMethod()));
            return ErrorJson.response(r.error().withRelated(related));
        }
        return req.respond(h, PaymentJson.paymentIntent(r.paymentIntent()), expand);
    }
}
