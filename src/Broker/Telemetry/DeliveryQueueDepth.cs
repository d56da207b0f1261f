using System.Diagnostics;
using Broker.Storage;
using Microsoft.Extensions.Options;

namespace Broker.Telemetry;

/// <summary>
/// The queue-depth gauge's numbers: counted by the store at most once per <see cref="TelemetryOptions.QueueDepthInterval"/>,
/// and only while something reads the gauge. A read returns the last count at once and, when it is older than the
/// interval, starts a new count in the background, so a scrape never waits for the store nor makes it count twice. Real time, not the TimeProvider: it paces the
/// store's work, it is no time of the domain.
/// </summary>
internal sealed partial class DeliveryQueueDepth(IDeliveryStore deliveries, IOptions<TelemetryOptions> options, ILogger<DeliveryQueueDepth> logger)
{
    private PendingCounts? last;
    private long countedAt;
    private int counting;

    /// <summary>The last count (null before the first is done); starts a fresh one when it is stale.</summary>
    public PendingCounts? Read()
    {
        var stale = countedAt == 0 || Stopwatch.GetElapsedTime(Interlocked.Read(ref countedAt)) >= options.Value.QueueDepthInterval;
        if (stale && Interlocked.CompareExchange(ref counting, 1, 0) == 0)
        {
            _ = Task.Run(CountAsync);
        }

        return Volatile.Read(ref last);
    }

    private async Task CountAsync()
    {
        try
        {
            Volatile.Write(ref last, await deliveries.CountPendingAsync(CancellationToken.None));
        }
#pragma warning disable CA1031 // A gauge must not take anything down; the next read tries again.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogCountFailed(logger, ex);
        }
        finally
        {
            Interlocked.Exchange(ref countedAt, Stopwatch.GetTimestamp());
            Volatile.Write(ref counting, 0);
        }
    }

    [LoggerMessage(EventId = 9001, Level = LogLevel.Warning, Message = "Counting the pending deliveries for the queue-depth gauge failed; the next scrape tries again")]
    private static partial void LogCountFailed(ILogger logger, Exception exception);
}
