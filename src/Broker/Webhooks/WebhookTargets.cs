using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Broker.Webhooks;

/// <summary>
/// Where a webhook may go: not an SSRF hole into the broker's own network. A URL is checked when it is saved (scheme,
/// credentials, a literal address) and every address its host resolves to is checked again at each send, where the
/// connection is made to the checked address itself (<see cref="WebhookConnector"/>), so a name that resolves to a
/// public address when checked and a private one a moment later (DNS rebinding) gets nowhere.
/// </summary>
public sealed class WebhookTargets(IOptions<WebhookOptions> options)
{
    private static readonly (IPAddress Network, int Prefix)[] Special =
    [
        .. Ranges(
            "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24",
            "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24",
            "224.0.0.0/4", "240.0.0.0/4", "::/128", "::1/128", "64:ff9b::/96", "64:ff9b:1::/48", "100::/64", "2001::/23",
            "2001:db8::/32", "2002::/16", "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8"),
    ];

    /// <summary>Why <paramref name="url"/> cannot be a webhook target, or null when it can be saved.</summary>
    public string? WhyRefused(string? url)
    {
        if (string.IsNullOrWhiteSpace(url) || url.Length > 2000 || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return "url must be an absolute https URL of at most 2000 characters.";
        }

        if (uri.Scheme != Uri.UriSchemeHttps && !(uri.Scheme == Uri.UriSchemeHttp && HttpAllowed(uri.Host)))
        {
            return uri.Scheme == Uri.UriSchemeHttp
                ? $"url must use https: plain http is allowed only for the hosts in Webhooks:HttpAllowedHosts, and '{uri.Host}' is not one."
                : $"url must use https, not '{uri.Scheme}'.";
        }

        if (uri.UserInfo.Length > 0)
        {
            return "url must not carry a user name or password: the receiver checks the signature instead.";
        }

        if (uri.Fragment.Length > 0)
        {
            return "url must not have a fragment (#...): it is never sent.";
        }

        if (IPAddress.TryParse(uri.IdnHost.Trim('[', ']'), out var literal))
        {
            return WhyRefused(literal) is { } why ? $"url points at {literal}, {why}" : null;
        }

        return uri.IdnHost.Equals("localhost", StringComparison.OrdinalIgnoreCase) || uri.IdnHost.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
            ? "url points at localhost, a loopback name the broker never sends to."
            : null;
    }

    /// <summary>Why the broker may not connect to <paramref name="address"/>, or null when it may.</summary>
    public string? WhyRefused(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (Allowed(address))
        {
            return null;
        }

        return Special.Any(r => Contains(r, address))
            ? "a loopback, private, link-local or otherwise special address (allow it in Webhooks:AllowedAddresses if it is meant)."
            : null;
    }

    private bool HttpAllowed(string host) => options.Value.HttpAllowedHosts.Any(h => string.Equals(h, host, StringComparison.OrdinalIgnoreCase));

    private bool Allowed(IPAddress address) => options.Value.AllowedAddresses.Any(entry => Range(entry) is { } range && Contains(range, address));

    private static (IPAddress, int)[] Ranges(params string[] ranges) => [.. ranges.Select(r => Range(r)!.Value)];

    private static (IPAddress Network, int Prefix)? Range(string entry)
    {
        var parts = entry.Split('/', 2);
        if (!IPAddress.TryParse(parts[0], out var network))
        {
            return null;
        }

        var max = network.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        var prefix = parts.Length == 2 && int.TryParse(parts[1], out var p) ? p : max;
        return prefix >= 0 && prefix <= max ? (network, prefix) : null;
    }

    private static bool Contains((IPAddress Network, int Prefix) range, IPAddress address)
    {
        if (range.Network.AddressFamily != address.AddressFamily)
        {
            return false;
        }

        var network = range.Network.GetAddressBytes();
        var candidate = address.GetAddressBytes();
        var whole = range.Prefix / 8;
        var rest = range.Prefix % 8;
        if (!network.AsSpan(0, whole).SequenceEqual(candidate.AsSpan(0, whole)))
        {
            return false;
        }

        var mask = (byte)(0xFF << (8 - rest));
        return rest == 0 || (network[whole] & mask) == (candidate[whole] & mask);
    }
}
