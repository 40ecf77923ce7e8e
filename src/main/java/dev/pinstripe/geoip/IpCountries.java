package dev.pinstripe.geoip;

import com.maxmind.db.CHMCache;
import com.maxmind.db.Metadata;
import com.maxmind.db.Reader.FileMode;
import com.maxmind.geoip2.DatabaseReader;
import com.maxmind.geoip2.exception.GeoIp2Exception;
import com.maxmind.geoip2.model.CountryResponse;
import com.maxmind.geoip2.record.Country;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The country of an IP address, for Radar's {@code ip_country} (docs/radar.md), from a MaxMind DB
 * file ({@code .mmdb}) the operator provides: MaxMind's GeoLite2/GeoIP2 Country or City, or DB-IP's
 * IP-to-Country or City Lite. Pinstripe ships none; without one, {@link #NONE} knows no country.
 *
 * <p>The file is read into the heap once ({@link FileMode#MEMORY}) rather than memory-mapped (the
 * library's default): these files are replaced weekly or monthly, and a mapped file rewritten or
 * truncated in place under a running server makes lookups fail or crash the JVM, while a copy in
 * memory is unaffected; a restart picks up the new file. A country database costs a few MB of heap.
 * Decoded records are cached ({@link CHMCache}): a country database has a few hundred distinct
 * records, so a warm lookup only walks the search tree. Lookups are thread-safe.
 */
public final class IpCountries {
    private static final Logger log = LoggerFactory.getLogger(IpCountries.class);
    /** The longest IPv6 literal: six groups of four hex digits, their colons and a dotted IPv4 tail. */
    private static final int LITERAL_CHARS_MAX = 45;

    /** No database: every lookup is null. */
    public static final IpCountries NONE = new IpCountries(null, "no GeoIP database");

    private final DatabaseReader reader;
    private final String source;
    private final AtomicBoolean failureLogged = new AtomicBoolean();

    private IpCountries(DatabaseReader reader, String source) {
        this.reader = reader;
        this.source = source;
    }

    /**
     * Reads a country or city database.
     *
     * @throws IllegalArgumentException naming the path, when it is missing, unreadable, not a MaxMind
     *                                  DB, or a database without countries (such as GeoLite2-ASN)
     */
    public static IpCountries open(Path database) {
        if (!Files.isRegularFile(database)) {
            throw new IllegalArgumentException("the GeoIP database " + database + " does not exist or is not a file");
        }
        if (!Files.isReadable(database)) {
            throw new IllegalArgumentException("the GeoIP database " + database + " is not readable");
        }
        DatabaseReader reader;
        try {
            reader = new DatabaseReader.Builder(database.toFile()).fileMode(FileMode.MEMORY)
                    .withCache(new CHMCache()).build();
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("the GeoIP database " + database + " is not a MaxMind DB (.mmdb) file: "
                    + e.getMessage(), e);
        }
        Metadata m = reader.metadata();
        try {
            // The library refuses country lookups in databases of other kinds; ask once here, not per payment.
            reader.tryCountry(InetAddress.getByAddress(new byte[4]));
        } catch (UnsupportedOperationException e) {
            throw new IllegalArgumentException("the GeoIP database " + database + " is a " + m.databaseType()
                    + " database; a country or city database is needed (GeoLite2-Country, DB-IP IP-to-Country Lite)",
                    e);
        } catch (IOException | GeoIp2Exception e) {
            throw new IllegalArgumentException("the GeoIP database " + database + " is damaged: " + e.getMessage(), e);
        }
        return new IpCountries(reader, database.toAbsolutePath() + " (" + m.databaseType() + ", built "
                + m.buildTime().atZone(ZoneOffset.UTC).toLocalDate() + ")");
    }

    /**
     * The ISO 3166-1 alpha-2 code, in upper case, of the country where {@code ip} is; null when it is
     * null, not an IP literal, or not placed by the database (real ones place no private or reserved
     * address). Never resolves a host name.
     */
    public String country(String ip) {
        if (reader == null) {
            return null;
        }
        InetAddress address = literal(ip);
        if (address == null) {
            return null;
        }
        try {
            String code = reader.tryCountry(address).map(CountryResponse::country).map(Country::isoCode).orElse(null);
            return code == null ? null : code.toUpperCase(Locale.ROOT);
        } catch (IOException | GeoIp2Exception e) {
            // A damaged record: the payment goes on without a country. Logged once, not on every payment.
            if (failureLogged.compareAndSet(false, true)) {
                log.warn("GeoIP lookups in {} fail: {}; ip_country is unknown for them (logged once)", source,
                        e.toString());
            }
            return null;
        }
    }

    /**
     * {@code ip} as an address when it is an IPv4 or IPv6 literal, else null. {@link InetAddress#getByName}
     * alone would resolve anything else through DNS, so it is only given IPv6 literals, which it parses.
     */
    static InetAddress literal(String ip) {
        if (ip == null) {
            return null;
        }
        String s = ip.strip();
        // Jetty gives an IPv6 peer in brackets: "[2001:db8:0:0:0:0:0:1]". Only IPv6 goes in brackets.
        boolean bracketed = s.length() > 2 && s.charAt(0) == '[' && s.charAt(s.length() - 1) == ']';
        if (bracketed) {
            s = s.substring(1, s.length() - 1);
        }
        if (s.isEmpty() || s.length() > LITERAL_CHARS_MAX) {
            return null;
        }
        if (s.indexOf(':') < 0) {
            return bracketed ? null : ipv4(s);
        }
        return ipv6(s);
    }

    /** Dotted decimal, four parts of 0-255 without leading zeros (which some parsers read as octal). */
    private static InetAddress ipv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || (p.length() > 1 && p.charAt(0) == '0')
                    || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return null;
            }
            int v = Integer.parseInt(p);
            if (v > 255) {
                return null;
            }
            bytes[i] = (byte) v;
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are an IPv4 address", e);
        }
    }

    /**
     * ASCII hex digits, colons and dots (an IPv4 tail) only, not starting with a dot: {@code getByName}
     * then parses it as a literal and never asks DNS. A zone ({@code %eth0}) is refused: link-local
     * addresses are in no database.
     */
    private static InetAddress ipv6(String s) {
        if (s.charAt(0) == '.' || !s.chars().allMatch(c -> c == ':' || c == '.' || (c >= '0' && c <= '9')
                || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
            return null;
        }
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** The database's path, type and build date, for the start-up log. */
    @Override
    public String toString() {
        return source;
    }
}
