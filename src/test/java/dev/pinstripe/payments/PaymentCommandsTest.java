package dev.pinstripe.payments;

import static org.assertj.core.api.Assertions.assertThat;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.PaymentIntent;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.RefundCreateParams;
import dev.pinstripe.accounts.AccountService;
import dev.pinstripe.app.Main;
import dev.pinstripe.testing.TestServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The payment-related commands, and refunds racing each other. */
class PaymentCommandsTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static int run(StringWriter out, String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(new PrintWriter(out, true));
        return cli.execute(args);
    }

    @Test
    void pricingIsPerAccountAndAppliesToLaterCharges() throws StripeException {
        AccountService.NewAccount account = server.newAccount();
        StripeClient stripe = server.stripe(account.secretKey());
        assertThat(run(new StringWriter(), "accounts", "pricing", "--database-url", server.databaseUrl(),
                "--account", account.accountId(), "--percent-bps", "150", "--fixed", "0")).isZero();
        PaymentIntent pi = stripe.v1().paymentIntents().create(PaymentIntentCreateParams.builder().setAmount(10_000L)
                .setCurrency("usd").setPaymentMethod("pm_card_visa").setConfirm(true).build());
        String txn = stripe.v1().charges().retrieve(pi.getLatestCharge()).getBalanceTransaction();
        assertThat(stripe.v1().balanceTransactions().retrieve(txn).getFee()).isEqualTo(150L);
        assertThat(run(new StringWriter(), "accounts", "pricing", "--database-url", server.databaseUrl(),
                "--account", "acct_missing", "--percent-bps", "150", "--fixed", "0")).isEqualTo(1);
    }

    @Test
    void concurrentRefundsNeverRefundMoreThanWasCaptured() throws Exception {
        StripeClient stripe = server.stripe(server.newAccount().secretKey());
        PaymentIntent pi = stripe.v1().paymentIntents().create(PaymentIntentCreateParams.builder().setAmount(5000L)
                .setCurrency("usd").setPaymentMethod("pm_card_visa").setConfirm(true).build());
        int racers = 12;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                Callable<Boolean> refund = () -> {
                    try {
                        stripe.v1().refunds().create(RefundCreateParams.builder().setPaymentIntent(pi.getId())
                                .setAmount(1000L).build());
                        return true;
                    } catch (com.stripe.exception.InvalidRequestException e) {
                        return false;
                    }
                };
                results.add(pool.submit(refund));
            }
            long succeeded = 0;
            for (Future<Boolean> f : results) {
                succeeded += f.get() ? 1 : 0;
            }
            assertThat(succeeded).isEqualTo(5);
        } finally {
            pool.shutdownNow();
        }
        assertThat(stripe.v1().charges().retrieve(pi.getLatestCharge()).getAmountRefunded()).isEqualTo(5000L);

        StringWriter out = new StringWriter();
        assertThat(run(out, "ledger", "verify", "--database-url", server.databaseUrl())).isZero();
        assertThat(out.toString()).contains("every check passed").doesNotContain("FAIL");
    }

    @Test
    void ledgerVerifyExitsNonZeroAndSaysWhereWhenSomethingIsOff() throws StripeException {
        StripeClient stripe = server.stripe(server.newAccount().secretKey());
        PaymentIntent pi = stripe.v1().paymentIntents().create(PaymentIntentCreateParams.builder().setAmount(4000L)
                .setCurrency("usd").setPaymentMethod("pm_card_visa").setConfirm(true).build());
        var jdbi = server.pinstripe().database().jdbi();
        try {
            jdbi.useHandle(h -> h.execute("UPDATE payment_intents SET amount_received = 3999 WHERE id = ?", pi.getId()));
            StringWriter out = new StringWriter();
            assertThat(run(out, "ledger", "verify", "--database-url", server.databaseUrl())).isEqualTo(1);
            assertThat(out.toString()).contains("FAIL  succeeded PaymentIntents received what their charge captured")
                    .contains(pi.getId() + ": amount_received 3999, captured 4000");
        } finally {
            jdbi.useHandle(h -> h.execute("UPDATE payment_intents SET amount_received = 4000 WHERE id = ?", pi.getId()));
        }
    }
}
