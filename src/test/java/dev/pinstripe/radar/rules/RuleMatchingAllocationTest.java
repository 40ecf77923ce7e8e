package dev.pinstripe.radar.rules;

import static dev.pinstripe.radar.rules.TestPayment.payment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * {@link Rule#matches} allocates nothing: everything it needs was prepared by the parser. Checked
 * with the JVM's per-thread allocation counter, which is exact, unlike a timing. The speed itself
 * is measured by {@link RuleBenchmark}.
 */
class RuleMatchingAllocationTest {

    private static final int CALLS = 100_000;

    @Test
    void matchingATypicalRuleAllocatesNothing() throws RuleSyntaxException {
        Rule rule = TestCatalog.parse("Block if :card_country: in ('US', 'CA') and :amount_in_usd: < 100"
                + " or ::customer_tier:: = 'fraudster' or :email: like '%@fraud%.com'"
                + " or :ip_country: in @blocked_countries or not :risk_score: <= 75"
                + " or is_missing(:email_domain:) and :is_anonymous_ip:");
        TestPayment p = payment().with("card_country", "FR").with("amount_in_usd", 250L).with("email", "a@b.com")
                .with("ip_country", "FR").with("risk_score", 20).with("email_domain", "b.com")
                .with("is_anonymous_ip", false).withMetadata("customer_tier", "gold").withList("blocked_countries", "RU");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());

        int matched = 0;
        for (int i = 0; i < CALLS; i++) {
            matched += rule.matches(p) ? 1 : 0;
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < CALLS; i++) {
            matched += rule.matches(p) ? 1 : 0;
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertThat(matched).isZero();
        // One object per call would be at least 1.6 MB; allow a little for the counter itself.
        assertThat(allocated).isLessThan(1_000);
    }
}
