package dev.pinstripe.payments;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pinstripe.api.ApiRequest;
import dev.pinstripe.api.ApiResponse;
import dev.pinstripe.api.ApiRouter;
import dev.pinstripe.api.Expansions;
import dev.pinstripe.api.ListRequest;
import dev.pinstripe.api.Lists;
import dev.pinstripe.api.Params;
import dev.pinstripe.api.Patch;
import dev.pinstripe.api.Scope;
import dev.pinstripe.api.Shapes;
import dev.pinstripe.ledger.Ledger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/** {@code /v1/disputes}: retrieve, update (evidence, submit), close, list. */
public final class DisputeRoutes {
    /** Stripe's limit on the evidence text of one dispute. */
    static final int EVIDENCE_TEXT_MAX = 150_000;

    private final DisputeService service;
    private final Ledger ledger;
    private final PaymentIntentService payments;

    public DisputeRoutes(DisputeService service, Ledger ledger, PaymentIntentService payments) {
        this.service = service;
        this.ledger = ledger;
        this.payments = payments;
    }

    public void register(ApiRouter router, Expansions expansions) {
        expansions.reference("dispute", "charge", "charge")
                .reference("dispute", "payment_intent", "payment_intent")
                .loader("du_", (h, scope, id) -> service.store.find(h, scope, id, false).map(d -> render(h, scope, d)));
        router.get("/v1/disputes", this::list);
        router.get("/v1/disputes/{dispute}", this::retrieve);
        router.post("/v1/disputes/{dispute}", this::update);
        router.post("/v1/disputes/{dispute}/close", this::close);
    }

    private ObjectNode render(Handle h, Scope scope, Dispute d) {
        return service.render(h, scope, d);
    }

    private ApiResponse retrieve(ApiRequest req) {
        List<String> expand = req.expand("dispute", null);
        req.params().rejectUnknown();
        String id = req.pathParam("dispute");
        return req.read(h -> req.respond(h, render(h, req.scope(), service.retrieve(h, req.scope(), id)), expand));
    }

    private ApiResponse update(ApiRequest req) {
        List<String> expand = req.expand("dispute", null);
        Params p = req.params();
        Map<String, Patch<String>> evidence = new LinkedHashMap<>();
        Patch<Params> given = p.object("evidence");
        List<String> fields = new ArrayList<>();
        Shapes.of("dispute").get("evidence").fieldNames().forEachRemaining(fields::add);
        if (given instanceof Patch.Set<Params> e) {
            e.value().rejectNotSupported("enhanced_evidence");
            for (String field : fields) {
                if (!field.equals("enhanced_evidence")) {
                    evidence.put(field, e.value().string(field, EVIDENCE_TEXT_MAX));
                }
            }
        }
        Patch<Map<String, String>> metadata = p.metadata();
        boolean submit = p.bool("submit").orDefault(false);
        p.rejectUnknown();
        String id = req.pathParam("dispute");
        return req.execute(h -> req.respond(h, render(h, req.scope(),
                service.update(h, req.scope(), id, evidence, metadata, submit)), expand));
    }

    private ApiResponse close(ApiRequest req) {
        List<String> expand = req.expand("dispute", null);
        req.params().rejectUnknown();
        String id = req.pathParam("dispute");
        return req.execute(h -> req.respond(h, render(h, req.scope(), service.close(h, req.scope(), id)), expand));
    }

    private ApiResponse list(ApiRequest req) {
        List<String> expand = req.expand("list", "dispute");
        Params p = req.params();
        ListRequest page = ListRequest.parse(p);
        String charge = p.string("charge", PaymentIntentParams.ID_MAX).orNull();
        String paymentIntent = p.string("payment_intent", PaymentIntentParams.ID_MAX).orNull();
        p.rejectUnknown();
        return req.read(h -> req.respond(h, Lists.render(service.list(h, req.scope(), page, charge, paymentIntent),
                "/v1/disputes", d -> render(h, req.scope(), d)), expand));
    }
}
