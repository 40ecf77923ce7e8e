package dev.pinstripe.radar.reviews;

import dev.pinstripe.api.ApiRequest;
import dev.pinstripe.api.ApiResponse;
import dev.pinstripe.api.ApiRouter;
import dev.pinstripe.api.Expansions;
import dev.pinstripe.api.ListRequest;
import dev.pinstripe.api.Lists;
import dev.pinstripe.api.Params;
import java.util.List;

/** {@code /v1/radar/early_fraud_warnings}: list and retrieve (warnings come from the card network). */
public final class EarlyFraudWarningRoutes {
    /** The longest charge or PaymentIntent ID accepted as a list filter. */
    static final int ID_LENGTH_MAX = 255;

    private final EarlyFraudWarningService service;

    public EarlyFraudWarningRoutes(EarlyFraudWarningService service) {
        this.service = service;
    }

    public void register(ApiRouter router, Expansions expansions) {
        expansions.reference("radar.early_fraud_warning", "charge", "charge")
                .reference("radar.early_fraud_warning", "payment_intent", "payment_intent")
                .loader("issfr_", (h, scope, id) -> service.store.find(h, scope, id)
                        .map(EarlyFraudWarningJson::render));
        router.get("/v1/radar/early_fraud_warnings", this::list);
        router.get("/v1/radar/early_fraud_warnings/{early_fraud_warning}", this::retrieve);
    }

    private ApiResponse retrieve(ApiRequest req) {
        List<String> expand = req.expand("radar.early_fraud_warning", null);
        req.params().rejectUnknown();
        String id = req.pathParam("early_fraud_warning");
        return req.read(h -> req.respond(h, EarlyFraudWarningJson.render(service.retrieve(h, req.scope(), id)),
                expand));
    }

    private ApiResponse list(ApiRequest req) {
        List<String> expand = req.expand("list", "radar.early_fraud_warning");
        Params p = req.params();
        ListRequest page = ListRequest.parse(p);
        String charge = p.string("charge", ID_LENGTH_MAX).orNull();
        String paymentIntent = p.string("payment_intent", ID_LENGTH_MAX).orNull();
        p.rejectUnknown();
        return req.read(h -> req.respond(h, Lists.render(service.list(h, req.scope(), page, charge, paymentIntent),
                "/v1/radar/early_fraud_warnings", EarlyFraudWarningJson::render), expand));
    }
}
