package dev.pinstripe.cli;

import dev.pinstripe.accounts.AccountService;
import dev.pinstripe.app.Pinstripe;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "accounts", mixinStandardHelpOptions = true, description = "Manage accounts.",
        subcommands = {AccountsCommand.Create.class, AccountsCommand.Pricing.class})
public final class AccountsCommand {
    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create an account with a test-mode secret and publishable key, and print them once.")
    static final class Create implements Callable<Integer> {
        @Mixin
        StorageOptions storage;

        @Override
        public Integer call() {
            try (Pinstripe.Storage s = Pinstripe.openStorage(storage.settings())) {
                AccountService accounts = new AccountService(s.database().jdbi(), Clock.systemUTC(), false);
                AccountService.NewAccount created = accounts.createAccount(AccountService.Origin.CLI, null);
                System.out.println("Account:         " + created.accountId());
                System.out.println("Secret key:      " + created.secretKey());
                System.out.println("Publishable key: " + created.publishableKey());
                System.out.println("The keys are shown once; only their hashes are stored.");
            }
            return 0;
        }
    }

    @Command(name = "pricing", mixinStandardHelpOptions = true,
            description = "Set an account's processing fee (both modes): a percentage in basis points plus a fixed"
                    + " amount in minor units of the charge currency. Applies to charges captured from now on.")
    static final class Pricing implements Callable<Integer> {
        @Mixin
        StorageOptions storage;

        @Option(names = "--account", required = true, description = "The account (acct_...).")
        String account;

        @Option(names = "--percent-bps", required = true,
                description = "Percentage fee in basis points: 290 is 2.9%% (0 to 10000).")
        int percentBps;

        @Option(names = "--fixed", required = true, description = "Fixed fee in minor units, e.g. 30.")
        long fixed;

        @Override
        public Integer call() {
            dev.pinstripe.ledger.Pricing pricing = new dev.pinstripe.ledger.Pricing(percentBps, fixed);
            try (Pinstripe.Storage s = Pinstripe.openStorage(storage.settings())) {
                boolean found = s.database().jdbi().inTransaction(h -> {
                    if (h.createQuery("SELECT count(*) FROM accounts WHERE id = :id").bind("id", account)
                            .mapTo(Long.class).one() == 0) {
                        return false;
                    }
                    new dev.pinstripe.ledger.Ledger(Clock.systemUTC()).setPricing(h, account, pricing);
                    return true;
                });
                if (!found) {
                    System.err.println("pinstripe: no account " + account);
                    return 1;
                }
                System.out.println("Pricing of " + account + ": " + percentBps + " bps + " + fixed + " minor units.");
            }
            return 0;
        }
    }
}
