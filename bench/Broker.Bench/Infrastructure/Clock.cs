using System.Diagnostics;

namespace Broker.Bench.Infrastructure;

/// <summary>Wall time for due times (the broker's clock is the same machine's), and a monotonic clock for intervals.</summary>
internal static class Clock
{
    public static DateTimeOffset Now => TimeProvider.System.GetUtcNow();

    public static long Timestamp => Stopwatch.GetTimestamp();

    public static TimeSpan Since(long timestamp) => Stopwatch.GetElapsedTime(timestamp);

    public static TimeSpan Between(long from, long to) => Stopwatch.GetElapsedTime(from, to);

    /// <summary>Waits until <paramref name="at"/> on the wall clock.</summary>
    public static async Task WaitUntilAsync(DateTimeOffset at, CancellationToken cancellationToken)
    {
        var wait = at - Now;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, cancellationToken);
        }
    }

    /// <summary>Polls <paramref name="condition"/> every <paramref name="interval"/> until it holds; false at the deadline.</summary>
    public static async Task<bool> PollAsync(Func<Task<bool>> condition, TimeSpan interval, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var start = Timestamp;
        while (!await condition())
        {
            if (Since(start) > timeout)
            {
                return false;
            }

            await Task.Delay(interval, cancellationToken);
        }

        return true;
    }
}
