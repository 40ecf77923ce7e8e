package dev.pinstripe.ledger;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pinstripe.api.Json;
import dev.pinstripe.api.Shapes;
import java.util.Map;
import java.util.TreeMap;

/** The API shapes of the ledger's views: {@code balance} and {@code balance_transaction}. */
public final class BalanceJson {
    /** The currency shown when an account has no money movements yet (Stripe shows the default currency). */
    static final String DEFAULT_CURRENCY = "usd";

    private BalanceJson() {}

    public static ObjectNode transaction(JournalEntry e, long now) {
        ObjectNode o = Shapes.of("balance_transaction");
        o.put("id", e.id());
        o.put("object", "balance_transaction");
        o.put("amount", e.amount());
        o.put("available_on", e.availableOn());
        o.put("balance_type", "payments");
        o.put("created", e.created());
        o.put("currency", e.currency());
        if (e.description() != null) {
            o.put("description", e.description());
        } else {
            o.putNull("description");
        }
        o.putNull("exchange_rate");
        o.put("fee", e.fee());
        ArrayNode details = o.putArray("fee_details");
        for (JournalEntry.Posting p : e.postings()) {
            if (p.account() == LedgerAccount.FEES) {
                ObjectNode d = details.addObject();
                d.put("amount", p.amount());
                d.putNull("application");
                d.put("currency", e.currency());
                d.put("description", p.feeDescription());
                d.put("type", p.feeType());
            }
        }
        o.put("net", e.net());
        o.put("reporting_category", e.reportingCategory());
        o.put("source", e.sourceId());
        o.put("status", e.availableOn() <= now ? "available" : "pending");
        o.put("type", e.type());
        return o;
    }

    static ObjectNode balance(Map<String, long[]> byCurrency, boolean livemode) {
        Map<String, long[]> sorted = new TreeMap<>(byCurrency);
        if (sorted.isEmpty()) {
            sorted.put(DEFAULT_CURRENCY, new long[] {0, 0});
        }
        ObjectNode o = Shapes.of("balance");
        o.put("object", "balance");
        ArrayNode available = o.putArray("available");
        sorted.forEach((currency, amounts) -> funds(available, currency, amounts[0]));
        o.put("livemode", livemode);
        ArrayNode pending = o.putArray("pending");
        sorted.forEach((currency, amounts) -> funds(pending, currency, amounts[1]));
        return o;
    }

    private static void funds(ArrayNode list, String currency, long amount) {
        ObjectNode f = list.addObject();
        f.put("amount", amount);
        f.put("currency", currency);
        f.set("source_types", Json.object().put("card", amount));
    }
}
