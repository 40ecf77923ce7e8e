package dev.pinstripe.cli;

import dev.pinstripe.accounts.AccountService;
import dev.pinstripe.accounts.ApiKeys;
import dev.pinstripe.app.Pinstripe;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "keys", mixinStandardHelpOptions = true, description = "Manage API keys.",
        subcommands = KeysCommand.Create.class)
public final class KeysCommand {
    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create another API key for an account and print it once.")
    static final class Create implements Callable<Integer> {
        @Mixin
        StorageOptions storage;

        @Option(names = "--account", required = true, description = "The account (acct_...).")
        String accountId;

        @Option(names = "--publishable", description = "Create a publishable (pk_) key instead of a secret one.")
        boolean publishable;

        @Option(names = "--live", description = "Create a live-mode key (sk_live_/pk_live_) instead of test mode.")
        boolean live;

        @Override
        public Integer call() {
            try (Pinstripe.Storage s = Pinstripe.openStorage(storage.settings())) {
                AccountService accounts = new AccountService(s.database().jdbi(), Clock.systemUTC(), false);
                String key = accounts.createKey(accountId,
                        publishable ? ApiKeys.Kind.PUBLISHABLE : ApiKeys.Kind.SECRET, live);
                System.out.println(key);
            }
            return 0;
        }
    }
}
