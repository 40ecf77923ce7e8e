package dev.pinstripe.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CliTest {
    @Test
    void helpListsEveryCommand() {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(new PrintWriter(out));
        assertThat(cli.execute("--help")).isZero();
        assertThat(out.toString()).contains("serve", "migrate", "accounts", "keys", "loadgen", "ledger");
    }

    @Test
    void serveDocumentsItsEnvironmentVariables() {
        String usage = new CommandLine(new Main()).getSubcommands().get("serve").getUsageMessage();
        assertThat(usage).contains("PINSTRIPE_PORT", "PINSTRIPE_DATA_DIR", "PINSTRIPE_DATABASE_URL",
                "PINSTRIPE_BOOTSTRAP_SECRET_KEY", "PINSTRIPE_AUTH", "PINSTRIPE_GEOIP_DATABASE");
    }

    @Test
    @Timeout(120)
    void serveRefusesToStartWithAMissingGeoipDatabase(@TempDir Path dir) {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new Main());
        cli.setErr(new PrintWriter(err, true));
        cli.setExecutionExceptionHandler((e, command, parseResult) -> {
            command.getErr().println(e.getMessage());
            return 1;
        });
        Path missing = dir.resolve("GeoLite2-Country.mmdb");
        assertThat(cli.execute("serve", "--data-dir", dir.toString(), "--port", "0", "--geoip-database",
                missing.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("--geoip-database / PINSTRIPE_GEOIP_DATABASE: the GeoIP database "
                + missing + " does not exist");
    }
}
