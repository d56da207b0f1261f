using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Broker.Access;

/// <summary>
/// Counts refused tokens per client address (an IPv6 client by its /64, since it may use any address in it), so nobody
/// can try tokens (or session sign-ins) by the thousand: past the budget, the address's wrong tokens get 429. Callers
/// check the token first and consult this only for a token that failed, so a good token is never refused for others'
/// failures behind the same address.
/// </summary>
public sealed class FailedTokenLimiter(IOptions<AccessOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter = PartitionedRateLimiter.Create<string, string>(
        address => RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.FailedTokensPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));

    public bool IsBlocked(HttpContext context)
    {
        using var probe = limiter.AttemptAcquire(Key(context), 0);
        return !probe.IsAcquired;
    }

    public void RecordFailure(HttpContext context)
    {
        using var lease = limiter.AttemptAcquire(Key(context));
    }

    public void Dispose() => limiter.Dispose();

    private static string Key(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (address is null)
        {
            return "unknown";
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6 || address.IsIPv4MappedToIPv6)
        {
            return (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
        }

        var bytes = address.GetAddressBytes();
        bytes.AsSpan(8).Clear();
        return new IPAddress(bytes) + "/64";
    }
}
