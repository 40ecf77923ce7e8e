#!/usr/bin/perl
# Writes the small MaxMind DB files Pinstripe's tests use (README.md beside this file) into DIR:
# test-country.mmdb, shaped as GeoIP2-Country, and test-asn.mmdb, a database of another kind.
# Needs Debian's libmaxmind-db-writer-perl; the build never runs it.
#
#   perl src/test/resources/geoip/make-test-db.pl src/test/resources/geoip
use strict;
use warnings;
use MaxMind::DB::Writer::Tree;

my $dir = shift @ARGV or die "usage: $0 DIR\n";
# A fixed build date, so the same script writes the same bytes.
my $build_epoch = 1767225600; # 2026-01-01T00:00:00Z

my %types = (
    country            => 'map',
    registered_country => 'map',
    geoname_id         => 'uint32',
    iso_code           => 'utf8_string',
    names              => 'map',
    en                 => 'utf8_string',
);

my $tree = MaxMind::DB::Writer::Tree->new(
    ip_version            => 6,
    record_size           => 24,
    database_type         => 'GeoIP2-Country',
    languages             => ['en'],
    description           => { en => 'Pinstripe test GeoIP2-Country database (made-up data)' },
    map_key_type_callback => sub { $types{ $_[0] } },
    # As real databases do: IPv4-mapped IPv6 addresses find the IPv4 networks.
    alias_ipv6_to_ipv4    => 1,
    # The documentation ranges and loopback addresses below are reserved; keep them.
    remove_reserved_networks => 0,
);

sub country {
    my ($code, $name, $geoname_id) = @_;
    return { geoname_id => $geoname_id, iso_code => $code, names => { en => $name } };
}

my $gb = country('GB', 'United Kingdom', 2635167);
my $us = country('US', 'United States', 6252001);

# Public-looking networks for the lookup tests.
$tree->insert_network('81.2.69.0/24',    { country => $gb, registered_country => $gb });
$tree->insert_network('203.0.113.0/24',  { country => country('AU', 'Australia', 2077456) });
$tree->insert_network('2001:db8::/32',   { country => country('DE', 'Germany', 2921044) });
# A network with only a registered country (as anycast networks have): no location, so no country.
$tree->insert_network('198.51.100.0/24', { registered_country => $us });
# Loopback addresses a test client can send from, so a started server sees a known country.
$tree->insert_network('127.0.0.2/32',    { country => $gb });
$tree->insert_network('127.0.0.3/32',    { country => $us });

write_db($tree, "$dir/test-country.mmdb");

# An ASN database has no countries: Pinstripe must refuse it at start-up.
my $asn = MaxMind::DB::Writer::Tree->new(
    ip_version            => 6,
    record_size           => 24,
    database_type         => 'GeoLite2-ASN',
    languages             => ['en'],
    description           => { en => 'Pinstripe test ASN database (made-up data)' },
    map_key_type_callback => sub {
        { autonomous_system_number => 'uint32', autonomous_system_organization => 'utf8_string' }->{ $_[0] };
    },
);
$asn->insert_network('81.2.69.0/24',
    { autonomous_system_number => 64496, autonomous_system_organization => 'Example Networks' });
write_db($asn, "$dir/test-asn.mmdb");

sub write_db {
    my ($t, $out) = @_;
    $t->_set_build_epoch($build_epoch);
    open my $fh, '>:raw', $out or die "cannot write $out: $!\n";
    $t->write_tree($fh);
    close $fh or die "cannot write $out: $!\n";
}
