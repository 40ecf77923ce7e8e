package dev.pinstripe.geoip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Lookups in the test database (src/test/resources/geoip/README.md says what it holds). */
class IpCountriesTest {
    static IpCountries countries;

    static Path fixture(String name) throws Exception {
        return Path.of(IpCountriesTest.class.getResource("/geoip/" + name).toURI());
    }

    @BeforeAll
    static void open() throws Exception {
        countries = IpCountries.open(fixture("test-country.mmdb"));
    }

    @ParameterizedTest
    @CsvSource({
        "81.2.69.1, GB",
        "81.2.69.255, GB",
        "203.0.113.200, AU",
        "2001:db8::1, DE",
        "2001:DB8:0:0:0:0:0:1, DE",
        // As Jetty gives an IPv6 peer, so as RequestOrigin.clientIp() has it.
        "'[2001:db8:0:0:0:0:0:1]', DE",
        "::ffff:81.2.69.7, GB",
        "' 81.2.69.1 ', GB",
    })
    void aLocatedAddressHasItsCountry(String ip, String country) {
        assertThat(countries.country(ip)).isEqualTo(country);
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "81.2.70.1", "10.0.0.1", "192.168.1.1", "127.0.0.1", "::1",
        "[0:0:0:0:0:0:0:1]", "2001:db9::1",
        // Only a registered country, as anycast networks have: where the address is, is unknown.
        "198.51.100.1"})
    void anAddressTheDatabaseDoesNotLocateHasNone(String ip) {
        assertThat(countries.country(ip)).isNull();
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   ", "not-an-ip", "example.com", "localhost", "81.2.69.1:443",
        "[2001:db8::1]:443", "[81.2.69.1]", "[]", "081.2.69.1", "81.2.69", "81.2.69.1.5", "81.2.69.256", "81..69.1",
        "-1.2.3.4", "+81.2.69.1", "fe80::1%eth0", "2001:db8::1%1", ":::", "2001:db8::g", "1:2:3:4:5:6:7:8:9", ".:1",
        "..", "1.2.3.4:", "\uff18\uff11.2.69.1", "\u0668\u0661.2.69.1", "2001:db8::\u0661", "81.2.69.1\u0000",
        "0x51.2.69.1", "1361725697"})
    void anythingButAnIpLiteralHasNoCountryAndNeverThrows(String ip) {
        assertThat(countries.country(ip)).isNull();
    }

    @Test
    void hostNamesAreNeverResolved() {
        // Resolved, "localhost" would be 127.0.0.1: no address at all means no lookup was made.
        assertThat(IpCountries.literal("localhost")).isNull();
        assertThat(IpCountries.literal("example.com")).isNull();
        assertThat(IpCountries.literal("a.example")).isNull();
        assertThat(IpCountries.literal("81.2.69.1")).isNotNull();
    }

    @Test
    void aVeryLongInputIsRefusedBeforeParsing() {
        assertThat(countries.country("1".repeat(100_000))).isNull();
        assertThat(countries.country(":".repeat(100_000))).isNull();
    }

    @Test
    void withoutADatabaseNoAddressHasACountry() {
        assertThat(IpCountries.NONE.country("81.2.69.1")).isNull();
        assertThat(IpCountries.NONE.country(null)).isNull();
    }

    @Test
    void concurrentLookupsAgree() {
        assertThat(IntStream.range(0, 20_000).parallel()
                .mapToObj(i -> countries.country(i % 2 == 0 ? "81.2.69." + (i % 256)
                        : "2001:db8::" + Integer.toHexString(i)))
                .distinct()).containsExactlyInAnyOrder("GB", "DE");
    }

    @Test
    void itDescribesItsDatabaseForTheStartUpLog() throws Exception {
        assertThat(countries.toString()).contains(fixture("test-country.mmdb").toString(), "GeoIP2-Country",
                "built 2026-01-01");
    }

    @Test
    void aMissingFileIsRefusedByName(@TempDir Path dir) {
        Path missing = dir.resolve("GeoLite2-Country.mmdb");
        assertThatThrownBy(() -> IpCountries.open(missing)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the GeoIP database " + missing + " does not exist or is not a file");
        assertThatThrownBy(() -> IpCountries.open(dir)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the GeoIP database " + dir + " does not exist or is not a file");
    }

    @Test
    void aFileThatIsNotAMaxMindDbIsRefusedByName(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("dbip-country-lite.csv");
        Files.writeString(csv, "81.2.69.0,81.2.69.255,GB\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> IpCountries.open(csv)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the GeoIP database " + csv + " is not a MaxMind DB (.mmdb) file");
        Path empty = Files.createFile(dir.resolve("empty.mmdb"));
        assertThatThrownBy(() -> IpCountries.open(empty)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the GeoIP database " + empty + " is not a MaxMind DB (.mmdb) file");
    }

    @Test
    void aDatabaseWithoutCountriesIsRefusedByNameAndType() throws Exception {
        Path asn = fixture("test-asn.mmdb");
        assertThatThrownBy(() -> IpCountries.open(asn)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the GeoIP database " + asn + " is a GeoLite2-ASN database; a country or city database"
                        + " is needed (GeoLite2-Country, DB-IP IP-to-Country Lite)");
    }
}
