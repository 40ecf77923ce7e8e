package dev.pinstripe.cli;

import dev.pinstripe.accounts.AccountService;
import dev.pinstripe.app.Pinstripe;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "accounts", mixinStandardHelpOptions = true, description = "Manage accounts.",
        subcommands = AccountsCommand.Create.class)
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
}
