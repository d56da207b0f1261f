using Broker.Dispatch;
using Broker.Scheduling;
using Broker.Storage;
using Microsoft.Extensions.Options;

namespace Broker.Cluster;

/// <summary>
/// No pending delivery without a wake-up, even while no node restarts: every <see cref="ClusterOptions.WakeUpSweepInterval"/>
/// the deliveries still waiting (scheduled or retrying) are compared with the triggers in Quartz's tables, and one that
/// has none gets it. That is a delivery whose commit landed and whose trigger did not (the node died between the two, or
/// the scheduler failed). On one node start-up recovery does this; several nodes rarely all restart. A delivery due in the
/// past is only taken once it is older than one interval, so one whose trigger just fired and is being handled is left
/// alone; should one be woken twice anyway, its compare-and-set lets only one dispatch publish it.
/// </summary>
internal sealed partial class WakeUpSweep(
    IDeliveryStore deliveries,
    ClusteredDeliveryScheduler scheduler,
    IOptions<ClusterOptions> options,
    TimeProvider time,
    ILogger<WakeUpSweep> logger) : BackgroundService
{
    /// <summary>Gives every waiting delivery that lacks a trigger its wake-up; returns how many.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var settled = now - options.Value.WakeUpSweepInterval;
        var waiting = new List<DueDelivery>();
        await foreach (var delivery in deliveries.ListPendingAsync(cancellationToken))
        {
            if (delivery.Status is DeliveryStatus.Scheduled or DeliveryStatus.Retrying && (delivery.DueAt > now || delivery.DueAt < settled))
            {
                waiting.Add(new DueDelivery(delivery.Id, delivery.DueAt));
            }
        }

        var lacking = await scheduler.LackingAsync(waiting, cancellationToken);
        if (lacking.Count > 0)
        {
            await scheduler.ScheduleAsync(lacking, cancellationToken);
            Log.Woken(logger, lacking.Count);
        }

        return lacking.Count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.WakeUpSweepInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await SweepAsync(stoppingToken);
                }
#pragma warning disable CA1031 // The next tick tries again; the sweep must outlive one failed read or write.
                catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
                {
                    Log.SweepFailed(logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "{Count} waiting deliveries had no trigger (a node stopped between a commit and its trigger); they have one again")]
        public static partial void Woken(ILogger logger, int count);

        [LoggerMessage(2, LogLevel.Error, "The sweep for deliveries without a trigger failed; it runs again at the next tick")]
        public static partial void SweepFailed(ILogger logger, Exception exception);
    }
}
