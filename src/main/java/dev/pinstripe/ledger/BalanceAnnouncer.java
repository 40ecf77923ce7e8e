package dev.pinstripe.ledger;

import dev.pinstripe.api.Scope;
import dev.pinstripe.events.EventLog;
import java.time.Clock;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * Records {@code balance.available} when funds become available: a recurring job finds the accounts
 * (and modes) with journal entries whose {@code available_on} passed since their last announcement,
 * and records one event per account and mode with the balance as it is then. Each account is
 * announced in its own transaction, which also advances its mark, so an event is never recorded
 * twice for the same funds, nor lost when the job stops midway.
 */
public final class BalanceAnnouncer {
    private final Jdbi jdbi;
    private final Clock clock;
    private final Ledger ledger;
    private final EventLog events;

    public BalanceAnnouncer(Jdbi jdbi, Clock clock, Ledger ledger, EventLog events) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.ledger = ledger;
        this.events = events;
    }

    /**
     * Announces every account whose funds became available since its last announcement; returns how
     * many. Funds are announced once the second they became available in has passed (the mark is
     * {@code now - 1}), so an entry recorded later in the same second is not skipped.
     */
    public int announce() {
        long now = clock.instant().getEpochSecond();
        List<Scope> due = jdbi.withHandle(h -> h.createQuery("""
                        SELECT DISTINCT j.account_id, j.livemode FROM journal_entries j
                        LEFT JOIN balance_announcements b ON b.account_id = j.account_id AND b.livemode = j.livemode
                        WHERE j.available_on < :now AND j.available_on > coalesce(b.announced_until, -1)""")
                .bind("now", now)
                .map((rs, ctx) -> new Scope(rs.getString(1), rs.getBoolean(2)))
                .list());
        int announced = 0;
        for (Scope scope : due) {
            boolean recorded = jdbi.inTransaction(h -> {
                // The row lock serialises announcers on several processes; the mark decides who records.
                int advanced = h.createUpdate("""
                                INSERT INTO balance_announcements (account_id, livemode, announced_until)
                                VALUES (:account, :livemode, :mark)
                                ON CONFLICT (account_id, livemode) DO UPDATE SET announced_until = :mark
                                WHERE balance_announcements.announced_until < :mark""")
                        .bind("account", scope.accountId()).bind("livemode", scope.livemode()).bind("mark", now - 1)
                        .execute();
                if (advanced == 0) {
                    return false;
                }
                events.record(h, scope, "balance.available",
                        BalanceJson.balance(ledger.balances(h, scope), scope.livemode()));
                return true;
            });
            announced += recorded ? 1 : 0;
        }
        return announced;
    }
}
