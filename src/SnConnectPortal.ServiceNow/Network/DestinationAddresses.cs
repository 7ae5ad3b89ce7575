using System.Net;
using System.Net.Sockets;

namespace SnConnectPortal.ServiceNow.Network;

/// <summary>
/// Which destinations are not on the public internet: loopback, private, shared (CGNAT), link-local, benchmarking,
/// documentation, multicast and reserved ranges, IPv6 forms that embed such an IPv4 address (IPv4-mapped,
/// IPv4-compatible, NAT64, 6to4), and names that only ever mean this machine or its private network.
/// </summary>
public static class DestinationAddresses
{
    private static readonly IPNetwork[] RestrictedV4 =
    [
        IPNetwork.Parse("0.0.0.0/8"),
        IPNetwork.Parse("10.0.0.0/8"),
        IPNetwork.Parse("100.64.0.0/10"),
        IPNetwork.Parse("127.0.0.0/8"),
        IPNetwork.Parse("169.254.0.0/16"),
        IPNetwork.Parse("172.16.0.0/12"),
        IPNetwork.Parse("192.0.0.0/24"),
        IPNetwork.Parse("192.0.2.0/24"),
        IPNetwork.Parse("192.88.99.0/24"),
        IPNetwork.Parse("192.168.0.0/16"),
        IPNetwork.Parse("198.18.0.0/15"),
        IPNetwork.Parse("198.51.100.0/24"),
        IPNetwork.Parse("203.0.113.0/24"),
        IPNetwork.Parse("224.0.0.0/4"),
        IPNetwork.Parse("240.0.0.0/4"),
    ];

    private static readonly IPNetwork[] RestrictedV6 =
    [
        IPNetwork.Parse("::/96"), // unspecified, loopback and the deprecated IPv4-compatible form (::127.0.0.1)
        IPNetwork.Parse("64:ff9b:1::/48"),
        IPNetwork.Parse("100::/64"),
        IPNetwork.Parse("2001::/23"),
        IPNetwork.Parse("2001:db8::/32"),
        IPNetwork.Parse("fc00::/7"),
        IPNetwork.Parse("fe80::/10"),
        IPNetwork.Parse("fec0::/10"),
        IPNetwork.Parse("ff00::/8"),
    ];

    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");
    private static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16");

    private static readonly string[] RestrictedNames = ["localhost", "metadata.google.internal"];
    private static readonly string[] RestrictedSuffixes = [".localhost", ".internal", ".local"];

    /// <summary>
    /// True when <paramref name="host"/> (a name or an IP literal, with or without brackets) is restricted by its text
    /// alone: a restricted IP address, or a name like <c>localhost</c> or <c>metadata.google.internal</c>. A name that
    /// only resolves to a restricted address is caught at connect time, by <see cref="DestinationGuard"/>.
    /// </summary>
    public static bool IsRestrictedHost(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var name = host.Trim('[', ']').TrimEnd('.');
        if (IPAddress.TryParse(name, out var address))
        {
            return IsRestricted(address);
        }

        return RestrictedNames.Any(n => name.Equals(n, StringComparison.OrdinalIgnoreCase))
            || RestrictedSuffixes.Any(s => name.EndsWith(s, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>True for any address that is not a public unicast address.</summary>
    public static bool IsRestricted(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return RestrictedV4.Any(network => network.Contains(address));
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return true;
        }

        var bytes = address.GetAddressBytes();
        if (Nat64.Contains(address))
        {
            return IsRestricted(new IPAddress(bytes.AsSpan(12, 4)));
        }

        if (SixToFour.Contains(address))
        {
            return IsRestricted(new IPAddress(bytes.AsSpan(2, 4)));
        }

        return RestrictedV6.Any(network => network.Contains(address));
    }
}
