package dev.pinstripe.ledger;

import dev.pinstripe.api.ApiErrors;
import dev.pinstripe.api.ApiRequest;
import dev.pinstripe.api.ApiResponse;
import dev.pinstripe.api.ApiRouter;
import dev.pinstripe.api.Expansions;
import dev.pinstripe.api.ListRequest;
import dev.pinstripe.api.Lists;
import dev.pinstripe.api.Page;
import dev.pinstripe.api.Params;
import java.util.List;
import java.util.Set;

/** {@code /v1/balance} and {@code /v1/balance_transactions}: read-only views over the ledger. */
public final class BalanceRoutes {
    /** Stripe's balance transaction types, accepted as a list filter. */
    static final Set<String> TYPES = Set.of("adjustment", "advance", "advance_funding", "anticipation_repayment",
            "application_fee", "application_fee_refund", "charge", "climate_order_purchase", "climate_order_refund",
            "connect_collection_transfer", "contribution", "issuing_authorization_hold",
            "issuing_authorization_release", "issuing_dispute", "issuing_transaction", "obligation_outbound",
            "obligation_reversal_inbound", "payment", "payment_failure_refund", "payment_network_reserve_hold",
            "payment_network_reserve_release", "payment_refund", "payment_reversal", "payment_unreconciled", "payout",
            "payout_cancel", "payout_failure", "payout_minimum_balance_hold", "payout_minimum_balance_release",
            "refund", "refund_failure", "reserve_transaction", "reserved_funds", "stripe_balance_payment_debit",
            "stripe_balance_payment_debit_reversal", "stripe_fee", "stripe_fx_fee", "tax_fee", "topup",
            "topup_reversal", "transfer", "transfer_cancel", "transfer_failure", "transfer_refund");
    static final int SOURCE_LENGTH_MAX = 255;

    private final Ledger ledger;

    public BalanceRoutes(Ledger ledger) {
        this.ledger = ledger;
    }

    public void register(ApiRouter router, Expansions expansions) {
        expansions.reference("balance_transaction", "source", "charge", "refund", "dispute")
                .loader("txn_", (h, scope, id) -> ledger.find(h, scope, id)
                        .map(e -> BalanceJson.transaction(e, ledger.now())));
        router.get("/v1/balance", this::balance);
        router.get("/v1/balance_transactions", this::list);
        router.get("/v1/balance_transactions/{id}", this::retrieve);
    }

    private ApiResponse balance(ApiRequest req) {
        List<String> expand = req.expand("balance", null);
        req.params().rejectUnknown();
        return req.read(h -> req.respond(h, BalanceJson.balance(ledger.balances(h, req.scope()),
                req.scope().livemode()), expand));
    }

    private ApiResponse retrieve(ApiRequest req) {
        List<String> expand = req.expand("balance_transaction", null);
        req.params().rejectUnknown();
        String id = req.pathParam("id");
        return req.read(h -> req.respond(h, BalanceJson.transaction(ledger.find(h, req.scope(), id)
                .orElseThrow(() -> ApiErrors.resourceMissing("balance_transaction", id, "id")), ledger.now()), expand));
    }

    private ApiResponse list(ApiRequest req) {
        List<String> expand = req.expand("list", "balance_transaction");
        Params p = req.params();
        ListRequest page = ListRequest.parse(p);
        String type = p.enumValue("type", TYPES).orNull();
        String source = p.string("source", SOURCE_LENGTH_MAX).orNull();
        String currency = p.string("currency", 3).orNull();
        String payout = p.string("payout", SOURCE_LENGTH_MAX).orNull();
        p.rejectUnknown();
        if (payout != null) {
            // Pinstripe has no payouts yet, so no payout ID exists.
            throw ApiErrors.resourceMissing("payout", payout, "payout");
        }
        return req.read(h -> {
            Page<JournalEntry> entries = ledger.list(h, req.scope(), page, type, source,
                    currency == null ? null : currency.toLowerCase(java.util.Locale.ROOT));
            long now = ledger.now();
            return req.respond(h, Lists.render(entries, "/v1/balance_transactions",
                    e -> BalanceJson.transaction(e, now)), expand);
        });
    }
}
