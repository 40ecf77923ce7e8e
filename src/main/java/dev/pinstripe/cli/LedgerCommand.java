package dev.pinstripe.cli;

import dev.pinstripe.app.Pinstripe;
import dev.pinstripe.ledger.LedgerVerifier;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

@Command(name = "ledger", mixinStandardHelpOptions = true, description = "Audit the double-entry ledger.",
        subcommands = LedgerCommand.Verify.class)
public final class LedgerCommand {

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Re-sum every balance from postings, check that every entry balances and that every"
                    + " money-moving object has its entries. Exits 1 and says where when anything is off.")
    static final class Verify implements Callable<Integer> {
        @Mixin
        StorageOptions storage;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try (Pinstripe.Storage opened = Pinstripe.openStorage(storage.settings())) {
                List<LedgerVerifier.Check> checks = new LedgerVerifier(opened.database().jdbi()).verify();
                boolean ok = true;
                for (LedgerVerifier.Check check : checks) {
                    spec.commandLine().getOut().println((check.passed() ? "ok    " : "FAIL  ") + check.name());
                    for (String problem : check.problems()) {
                        spec.commandLine().getOut().println("        " + problem);
                    }
                    ok &= check.passed();
                }
                spec.commandLine().getOut().println(ok ? "Ledger verified: every check passed."
                        : "Ledger verification FAILED (at most " + LedgerVerifier.PROBLEMS_PER_CHECK_MAX
                          + " problems are listed per check).");
                spec.commandLine().getOut().flush();
                return ok ? 0 : 1;
            }
        }
    }
}
