using Microsoft.Extensions.Options;

namespace Broker.Scheduling;

/// <summary>
/// Moves the scheduling window every <see cref="SchedulingOptions.FeedInterval"/>, so the deliveries it reaches get their
/// wake-ups a good while before they are due.
/// </summary>
internal sealed partial class DeliveryFeeder(
    QuartzDeliveryScheduler scheduler,
    IOptions<SchedulingOptions> options,
    TimeProvider time,
    ILogger<DeliveryFeeder> logger) : BackgroundService
{
    private PeriodicTimer? timer;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // Started with the host, not when ExecuteAsync gets a thread: the first move is one interval after start-up.
        timer = new PeriodicTimer(options.Value.FeedInterval, time);
        return base.StartAsync(cancellationToken);
    }

    public override void Dispose()
    {
        timer?.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await timer!.WaitForNextTickAsync(stoppingToken))
            {
                await FeedAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task FeedAsync(CancellationToken stoppingToken)
    {
        try
        {
            var fed = await scheduler.FeedAsync(stoppingToken);
            if (fed > 0)
            {
                Log.Fed(logger, fed);
            }
        }
#pragma warning disable CA1031 // What a failed feed did not hand to Quartz stays in the list for the next tick.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            Log.FeedFailed(logger, ex);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "Scheduled {Fed} deliveries that the scheduling window reached")]
        public static partial void Fed(ILogger logger, int fed);

        [LoggerMessage(2, LogLevel.Error, "Moving the scheduling window failed; it is tried again at the next tick")]
        public static partial void FeedFailed(ILogger logger, Exception exception);
    }
}
