using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Broker.Access;

/// <summary>
/// Counts refused tokens per client address, so nobody can try tokens (or session sign-ins) by the thousand: past the
/// budget, the address gets 429 without its token being looked at.
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

    private static string Key(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
