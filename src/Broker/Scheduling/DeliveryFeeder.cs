using Broker.Hosting;
using Microsoft.Extensions.Options;

namespace Broker.Scheduling;

/// <summary>
/// Moves the scheduling window every <see cref="SchedulingOptions.FeedInterval"/>, so the deliveries it reaches get their
/// wake-ups a good while before they are due. What a failed feed did not hand to Quartz stays in the list for the next tick.
/// </summary>
internal sealed partial class DeliveryFeeder(
    QuartzDeliveryScheduler scheduler,
    IOptions<SchedulingOptions> options,
    TimeProvider time,
    ILogger<DeliveryFeeder> logger) : PeriodicSweep(time, logger)
{
    protected override TimeSpan Interval => options.Value.FeedInterval;

    protected override string Purpose => "Moving the scheduling window";

    protected override async Task RunRoundAsync(CancellationToken cancellationToken)
    {
        var fed = await scheduler.FeedAsync(cancellationToken);
        if (fed > 0)
        {
            Log.Fed(Logger, fed);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(3210, LogLevel.Debug, "Scheduled {Fed} deliveries that the scheduling window reached")]
        public static partial void Fed(ILogger logger, int fed);
    }
}
