using System.Net;
using System.Threading.RateLimiting;
using Broker.Access;
using Microsoft.Extensions.Options;

namespace Broker.Sharing;

/// <summary>
/// The rate limit of the public redirect, per client address (<c>Access:RedirectsPerMinute</c>). The redirect skips the
/// middleware pipeline (it is short-circuited for speed), so it applies its limit itself.
/// </summary>
public sealed class RedirectLimiter(IOptions<AccessOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<IPAddress> limiter = PartitionedRateLimiter.Create<IPAddress, IPAddress>(
        address => RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.RedirectsPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));

    public bool TryAcquire(HttpContext context)
    {
        using var lease = limiter.AttemptAcquire(context.Connection.RemoteIpAddress ?? IPAddress.None);
        return lease.IsAcquired;
    }

    public void Dispose() => limiter.Dispose();
}
