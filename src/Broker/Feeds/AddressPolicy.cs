using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Broker.Feeds;

/// <summary>
/// Which addresses the broker may fetch feeds and photos from: public ones, plus the networks an operator allowed
/// (<see cref="FeedsOptions.AllowedNetworks"/>). Checked on the address a name resolves to, at connect time, so a
/// public-looking name that resolves to 127.0.0.1 or 169.254.169.254 (a cloud's metadata service) is still refused.
/// </summary>
public sealed class AddressPolicy(IOptions<FeedsOptions> options)
{
    private static readonly IPNetwork[] NotPublic =
    [
        IPNetwork.Parse("0.0.0.0/8"), IPNetwork.Parse("10.0.0.0/8"), IPNetwork.Parse("100.64.0.0/10"), IPNetwork.Parse("127.0.0.0/8"),
        IPNetwork.Parse("169.254.0.0/16"), IPNetwork.Parse("172.16.0.0/12"), IPNetwork.Parse("192.0.0.0/24"), IPNetwork.Parse("192.168.0.0/16"),
        IPNetwork.Parse("198.18.0.0/15"), IPNetwork.Parse("224.0.0.0/3"),
        IPNetwork.Parse("::/128"), IPNetwork.Parse("::1/128"), IPNetwork.Parse("fc00::/7"), IPNetwork.Parse("fe80::/10"), IPNetwork.Parse("ff00::/8"),
    ];

    private readonly IPNetwork[] allowed = [.. options.Value.AllowedNetworks.Select(n => IPNetwork.Parse(n.Trim()))];

    public bool Allows(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        return allowed.Any(n => n.Contains(address)) || !NotPublic.Any(n => n.BaseAddress.AddressFamily == address.AddressFamily && n.Contains(address));
    }


    internal static bool IsIp(AddressFamily family) => family is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6;
}
