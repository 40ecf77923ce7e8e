package dev.pinstripe.ledger;

import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * Re-checks the ledger from scratch ({@code pinstripe ledger verify}), each property on a path
 * independent of the one that wrote it: every entry balances; the money that reached the card
 * network side equals what the charges, refunds and disputes say moved; every money-moving object
 * has exactly its entries and no entry lacks its object; charges agree with their refunds and
 * PaymentIntents. Reads one consistent snapshot (REPEATABLE READ).
 */
public final class LedgerVerifier {
    /** At most this many problems are listed per check. */
    public static final int PROBLEMS_PER_CHECK_MAX = 20;

    /** One check and what it found wrong (empty when it holds). */
    public record Check(String name, List<String> problems) {
        public boolean passed() {
            return problems.isEmpty();
        }
    }

    private record Query(String name, String sql) {}

    private static final List<Query> CHECKS = List.of(
            new Query("every journal entry balances per currency and has at least two postings", """
                    SELECT e.id || ': sum ' || coalesce(sum(p.amount), 0) || ' over ' || count(p.*) || ' postings'
                    FROM journal_entries e LEFT JOIN postings p ON p.journal_entry_id = e.id
                    GROUP BY e.id HAVING coalesce(sum(p.amount), 0) <> 0 OR count(p.*) < 2"""),
            new Query("every posting names its entry's account, mode and currency", """
                    SELECT p.journal_entry_id || ' position ' || p.position
                    FROM postings p JOIN journal_entries e ON e.id = p.journal_entry_id
                    WHERE p.account_id <> e.account_id OR p.livemode <> e.livemode OR p.currency <> e.currency
                       OR p.available_on <> e.available_on"""),
            new Query("every captured charge has one charge entry for the captured amount", """
                    SELECT c.id || ': captured ' || c.amount_captured || ', entries ' || count(e.id)
                        || ', entry amount ' || coalesce(sum(p.amount) FILTER (WHERE p.ledger_account = 'card_network'), 0)
                    FROM charges c
                    LEFT JOIN journal_entries e ON e.source_id = c.id AND e.type = 'charge'
                    LEFT JOIN postings p ON p.journal_entry_id = e.id
                    GROUP BY c.id, c.amount_captured, c.balance_transaction_id
                    HAVING (c.amount_captured > 0 AND (count(DISTINCT e.id) <> 1
                            OR coalesce(sum(p.amount) FILTER (WHERE p.ledger_account = 'card_network'), 0)
                               <> -c.amount_captured
                            OR c.balance_transaction_id IS DISTINCT FROM min(e.id)))
                        OR (c.amount_captured = 0 AND count(e.id) > 0)"""),
            new Query("every charge entry's fee is between zero and the captured amount, and the merchant gets the rest", """
                    SELECT e.id || ': amount ' || -sum(p.amount) FILTER (WHERE p.ledger_account = 'card_network')
                        || ', fee ' || coalesce(sum(p.amount) FILTER (WHERE p.ledger_account = 'fees'), 0)
                    FROM journal_entries e JOIN postings p ON p.journal_entry_id = e.id
                    WHERE e.type = 'charge'
                    GROUP BY e.id
                    HAVING coalesce(sum(p.amount) FILTER (WHERE p.ledger_account = 'fees'), 0) < 0
                        OR coalesce(sum(p.amount) FILTER (WHERE p.ledger_account = 'fees'), 0)
                           > -sum(p.amount) FILTER (WHERE p.ledger_account = 'card_network')
                        OR coalesce(sum(p.amount) FILTER (WHERE p.ledger_account = 'merchant_balance'), 0) < 0"""),
            new Query("every refund has one refund entry for its amount", """
                    SELECT r.id || ': amount ' || r.amount || ', entries ' || count(DISTINCT e.id)
                    FROM refunds r
                    LEFT JOIN journal_entries e ON e.source_id = r.id AND e.type = 'refund'
                    LEFT JOIN postings p ON p.journal_entry_id = e.id AND p.ledger_account = 'card_network'
                    WHERE r.status = 'succeeded'
                    GROUP BY r.id, r.amount, r.balance_transaction_id
                    HAVING count(DISTINCT e.id) <> 1 OR coalesce(sum(p.amount), 0) <> r.amount
                        OR r.balance_transaction_id IS DISTINCT FROM min(e.id)"""),
            new Query("every dispute has the entries its status calls for", """
                    SELECT d.id || ' (' || d.status || '): withdrawals ' || count(e.id) FILTER (WHERE e.reporting_category = 'dispute')
                        || ', reversals ' || count(e.id) FILTER (WHERE e.reporting_category = 'dispute_reversal')
                    FROM disputes d LEFT JOIN journal_entries e ON e.source_id = d.id
                    GROUP BY d.id, d.status
                    HAVING count(e.id) FILTER (WHERE e.reporting_category = 'dispute')
                            <> CASE WHEN d.status LIKE 'warning%' THEN 0 ELSE 1 END
                        OR count(e.id) FILTER (WHERE e.reporting_category = 'dispute_reversal')
                            <> CASE WHEN d.status = 'won' THEN 1 ELSE 0 END"""),
            new Query("every journal entry's source object exists in the same account and mode", """
                    SELECT e.id || ' -> ' || e.source_id
                    FROM journal_entries e
                    WHERE NOT EXISTS (SELECT 1 FROM charges c WHERE c.id = e.source_id AND c.account_id = e.account_id
                                         AND c.livemode = e.livemode AND c.currency = e.currency)
                      AND NOT EXISTS (SELECT 1 FROM refunds r WHERE r.id = e.source_id AND r.account_id = e.account_id
                                         AND r.livemode = e.livemode AND r.currency = e.currency)
                      AND NOT EXISTS (SELECT 1 FROM disputes d WHERE d.id = e.source_id AND d.account_id = e.account_id
                                         AND d.livemode = e.livemode AND d.currency = e.currency)"""),
            new Query("charges agree with their refunds and never refund more than was captured", """
                    SELECT c.id || ': amount_refunded ' || c.amount_refunded || ', refunds ' || coalesce(sum(r.amount), 0)
                    FROM charges c LEFT JOIN refunds r ON r.charge_id = c.id AND r.status = 'succeeded'
                    GROUP BY c.id, c.amount_refunded, c.amount_captured
                    HAVING c.amount_refunded <> coalesce(sum(r.amount), 0) OR c.amount_refunded > c.amount_captured"""),
            new Query("succeeded PaymentIntents received what their charge captured", """
                    SELECT pi.id || ': amount_received ' || pi.amount_received || ', captured ' || coalesce(c.amount_captured, 0)
                    FROM payment_intents pi LEFT JOIN charges c ON c.id = pi.latest_charge_id
                    WHERE pi.status = 'succeeded' AND pi.amount_received IS DISTINCT FROM c.amount_captured"""),
            new Query("balances re-summed from postings equal balances re-derived from the objects", """
                    WITH ledger AS (
                        SELECT account_id, livemode, currency, sum(amount) AS network
                        FROM postings WHERE ledger_account = 'card_network' GROUP BY 1, 2, 3),
                    objects AS (
                        SELECT account_id, livemode, currency, sum(moved) AS moved FROM (
                            SELECT account_id, livemode, currency, amount_captured AS moved FROM charges
                            UNION ALL
                            SELECT account_id, livemode, currency, -amount FROM refunds WHERE status = 'succeeded'
                            UNION ALL
                            SELECT account_id, livemode, currency, -amount FROM disputes
                                WHERE status NOT LIKE 'warning%'
                            UNION ALL
                            SELECT account_id, livemode, currency, amount FROM disputes WHERE status = 'won'
                        ) m GROUP BY 1, 2, 3)
                    SELECT coalesce(l.account_id, o.account_id) || ' ' || CASE WHEN coalesce(l.livemode, o.livemode)
                            THEN 'live' ELSE 'test' END || ' ' || coalesce(l.currency, o.currency)
                        || ': ledger says ' || coalesce(-l.network, 0) || ' reached the merchant side, objects say '
                        || coalesce(o.moved, 0)
                    FROM ledger l FULL JOIN objects o
                        ON o.account_id = l.account_id AND o.livemode = l.livemode AND o.currency = l.currency
                    WHERE coalesce(-l.network, 0) <> coalesce(o.moved, 0)"""));

    private final Jdbi jdbi;

    public LedgerVerifier(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public List<Check> verify() {
        return jdbi.inTransaction(org.jdbi.v3.core.transaction.TransactionIsolationLevel.REPEATABLE_READ, h -> {
            h.execute("SET TRANSACTION READ ONLY");
            List<Check> checks = new ArrayList<>();
            for (Query q : CHECKS) {
                List<String> problems = h.createQuery(q.sql() + " LIMIT " + PROBLEMS_PER_CHECK_MAX)
                        .mapTo(String.class).list();
                checks.add(new Check(q.name(), problems));
            }
            return checks;
        });
    }
}
